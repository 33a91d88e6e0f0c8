/// How a leader stands to a unit in the division of work.
public enum Responsibility: String, Sendable, CaseIterable, Comparable, Encodable {
    /// 主持 (e.g. 主持市公安局工作).
    case presides = "主持"
    /// 分管.
    case oversees = "分管"
    /// 协助分管.
    case coOversees = "协助分管"
    /// 联系.
    case liaises = "联系"

    /// Stable ASCII name for JSON and CSS.
    public var code: String {
        switch self {
        case .presides: return "presides"
        case .oversees: return "oversees"
        case .coOversees: return "co_oversees"
        case .liaises: return "liaises"
        }
    }

    private var rank: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (a: Responsibility, b: Responsibility) -> Bool { a.rank < b.rank }
}

/// 协助某领导分管某单位.
public struct CoOversight: Sendable, Hashable, Encodable {
    public var unit: UnitReference
    /// Id of the leader who oversees it.
    public var with: String
    /// The words of the document when they name a field of work rather than the unit.
    public var asWritten: String?

    public init(unit: UnitReference, with: String, asWritten: String?) {
        self.unit = unit
        self.with = with
        self.asWritten = asWritten
    }
}

/// One leader in a division of work (市长、副市长工作分工).
public struct Leader: Sendable, Identifiable, Encodable {
    public var id: String
    public var name: String
    /// 市长, 副市长, 调研员.
    public var post: String
    /// The lead sentence, as written.
    public var duties: String
    /// 负责…等方面工作.
    public var areas: [String]
    public var presides: [UnitReference]
    public var oversees: [UnitReference]
    public var coOversees: [CoOversight]
    /// Ids of the leaders this one assists (协助).
    public var assists: [String]
    public var liaises: [UnitReference]
    /// 完成市长交办的其他工作.
    public var other: String?
    public var location: SourceLocation

    public init(id: String, name: String, post: String, duties: String, areas: [String],
                presides: [UnitReference], oversees: [UnitReference], coOversees: [CoOversight],
                assists: [String], liaises: [UnitReference], other: String?, location: SourceLocation) {
        self.id = id
        self.name = name
        self.post = post
        self.duties = duties
        self.areas = areas
        self.presides = presides
        self.oversees = oversees
        self.coOversees = coOversees
        self.assists = assists
        self.liaises = liaises
        self.other = other
        self.location = location
    }

    /// Every unit this leader is responsible for, with how, in document order.
    public var responsibilities: [(unit: UnitReference, kind: Responsibility)] {
        presides.map { ($0, .presides) } + oversees.map { ($0, .oversees) }
            + coOversees.map { ($0.unit, .coOversees) } + liaises.map { ($0, .liaises) }
    }
}

/// One division of work among the city's leaders: `leadership/<YYYY-MM-DD>.yaml`.
public struct Division: Sendable, Identifiable, Encodable {
    /// The effective date as `YYYY-MM-DD`.
    public var id: String { effective.iso }
    /// 发文字号 of the document that made it.
    public var source: String
    /// Id of that document when it is published on the site.
    public var sourceDocumentID: String?
    public var effective: Day
    /// In the order of the document.
    public var leaders: [Leader]
    public var location: SourceLocation

    public init(source: String, sourceDocumentID: String?, effective: Day, leaders: [Leader], location: SourceLocation) {
        self.source = source
        self.sourceDocumentID = sourceDocumentID
        self.effective = effective
        self.leaders = leaders
        self.location = location
    }

    public func leader(id: String) -> Leader? { leaders.first { $0.id == id } }

    /// Who is responsible for a unit, and how.
    public func responsibilities(for departmentID: String) -> [(leader: Leader, kind: Responsibility)] {
        leaders.flatMap { leader in
            leader.responsibilities.filter { $0.unit.departmentID == departmentID }.map { (leader, $0.kind) }
        }
    }

    /// (department id, leader id, kind) for every resolved relation: the matrix as a set.
    public var relations: Set<Relation> {
        Set(leaders.flatMap { leader in
            leader.responsibilities.compactMap { item in
                item.unit.departmentID.map { Relation(departmentID: $0, leaderID: leader.id, kind: item.kind) }
            }
        })
    }

    public struct Relation: Hashable, Sendable, Comparable, Encodable {
        public let departmentID: String
        public let leaderID: String
        public let kind: Responsibility

        public static func < (a: Relation, b: Relation) -> Bool {
            (a.departmentID, a.kind, a.leaderID) < (b.departmentID, b.kind, b.leaderID)
        }
    }
}

/// An organisation of the registry (`departments.yaml`): the units leaders oversee,
/// liaise with or head, and the bodies committee members come from.
public struct Department: Sendable, Identifiable, Encodable {
    public var id: String
    /// Full official name.
    public var name: String
    /// Every other form the documents use for it.
    public var aliases: [String]
    /// 政府工作部门, 国有企业, 镇街 …
    public var kind: String?
    public var location: SourceLocation

    public init(id: String, name: String, aliases: [String], kind: String?, location: SourceLocation) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.location = location
    }
}

/// A unit as a content file names it, with the registry entry it resolves to.
public struct UnitReference: Sendable, Hashable, Encodable {
    /// The words of the source document.
    public var asWritten: String
    /// The registry id; nil when the name matches no entry (reported as a warning).
    public var departmentID: String?

    public init(asWritten: String, departmentID: String?) {
        self.asWritten = asWritten
        self.departmentID = departmentID
    }
}

/// Looks organisations up by name or alias.
public struct DepartmentRegistry: Sendable, Encodable {
    public let departments: [Department]
    private let byName: [String: String]
    private let byID: [String: Int]

    public init(_ departments: [Department]) {
        self.departments = departments
        var names: [String: String] = [:]
        for d in departments {
            for name in [d.name] + d.aliases where names[name] == nil { names[name] = d.id }
        }
        byName = names
        byID = Dictionary(departments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func department(id: String) -> Department? { byID[id].map { departments[$0] } }

    /// The entry whose name or alias is exactly `name`.
    public func resolve(_ name: String) -> UnitReference {
        UnitReference(asWritten: name, departmentID: byName[name])
    }

    /// The unit a post names by its beginning (“市财政局局长” → 财政局), using the longest
    /// name or alias that starts the post.
    public func unit(inPost post: String) -> String? {
        var best: (length: Int, id: String)?
        for (name, id) in byName where name.count >= 2 && post.hasPrefix(name) {
            if best == nil || name.count > best!.length { best = (name.count, id) }
        }
        return best?.id
    }
}

/// Reference to a notice rule: `阿政办发〔2023〕9号#village-plan`.
public struct NoticeRuleReference: Sendable, Equatable, CustomStringConvertible, Encodable {
    /// The policy's 发文字号 (or id when it has none), as written.
    public let document: String
    public let ruleID: String

    public init(document: String, ruleID: String) {
        self.document = document
        self.ruleID = ruleID
    }

    public var description: String { "\(document)#\(ruleID)" }
}

/// A 公示 that a policy requires: `content/notices/<id>.md`, with its period resolved.
public struct Notice: Sendable, Identifiable, FieldLocated, Encodable {
    public var id: String
    public var title: String
    public var publisher: String
    public var rule: NoticeRuleReference
    /// Id of the policy document, resolved from `rule`.
    public var documentID: String
    public var start: Day
    /// The last working day of the period: as written, or computed from the rule.
    public var end: Day
    /// True when `end` was computed rather than written.
    public var endComputed: Bool
    /// Working days in the period, start and end included.
    public var workingDays: Int
    /// Non-working days inside the period, with why.
    public var skipped: [WorkCalendar.SkippedDay]
    /// Where objections go.
    public var contact: String?
    /// Demonstration content, labelled 示例 wherever it is shown.
    public var sample: Bool
    public var body: MarkdownBody
    public var location: SourceLocation
    public var fieldLocations: [String: SourceLocation]

    public init(id: String, title: String, publisher: String, rule: NoticeRuleReference, documentID: String,
                start: Day, end: Day, endComputed: Bool, workingDays: Int, skipped: [WorkCalendar.SkippedDay],
                contact: String?, sample: Bool, body: MarkdownBody, location: SourceLocation,
                fieldLocations: [String: SourceLocation]) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.rule = rule
        self.documentID = documentID
        self.start = start
        self.end = end
        self.endComputed = endComputed
        self.workingDays = workingDays
        self.skipped = skipped
        self.contact = contact
        self.sample = sample
        self.body = body
        self.location = location
        self.fieldLocations = fieldLocations
    }

    /// Where a notice stands on a given day.
    public enum Status: String, Sendable, Encodable {
        case upcoming = "即将开始"
        case open = "公示中"
        case ended = "已结束"

        /// Stable ASCII name for CSS classes, scripts and JSON.
        public var code: String {
            switch self {
            case .upcoming: return "upcoming"
            case .open: return "open"
            case .ended: return "ended"
            }
        }
    }

    public func status(on day: Day) -> Status {
        if day < start { return .upcoming }
        return day <= end ? .open : .ended
    }

    /// "2023年3月20日至2023年3月24日，共5个工作日".
    public var periodDescription: String { "\(start.chinese)至\(end.chinese)，共\(workingDays)个工作日" }
}

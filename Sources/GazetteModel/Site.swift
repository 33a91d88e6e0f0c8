/// The resolved site: every cross-reference checked, every derived value computed.
/// Read-only input of the render and publish stages.
public struct Site: Sendable, Encodable {
    public let config: SiteConfig
    /// Newest first.
    public let issues: [Issue]
    /// In the order of their issue's table of contents, issues newest first.
    public let documents: [Document]
    /// Sorted by the order of the documents they interpret.
    public let interpretations: [Interpretation]
    /// Public notices (公示), newest start first.
    public let notices: [Notice]
    /// The official working-day calendar.
    public let calendar: WorkCalendar
    /// The organisations named in leadership and committee files.
    public let departments: DepartmentRegistry
    /// Divisions of work among the city's leaders, oldest first.
    public let divisions: [Division]
    /// Committees, leading groups and task forces, by id.
    public let committees: [Committee]
    /// The build date: notice status and feeds are "as of" this day.
    public let today: Day

    private let documentIndex: [String: Int]
    private let interpretationIndex: [String: Int]
    private let issueIndex: [String: Int]
    /// Documents by issue id, in table-of-contents order: every document page asks for its
    /// neighbours, and filtering the whole archive for each would grow with the square of its size.
    private let documentsByIssue: [String: [Document]]

    public init(config: SiteConfig, issues: [Issue], documents: [Document],
                interpretations: [Interpretation], notices: [Notice] = [],
                calendar: WorkCalendar = WorkCalendar(holidays: [], makeUpWorkdays: [], coveredYears: []),
                departments: DepartmentRegistry = DepartmentRegistry([]), divisions: [Division] = [],
                committees: [Committee] = [], today: Day) {
        self.config = config
        self.issues = issues
        self.documents = documents
        self.interpretations = interpretations
        self.notices = notices
        self.calendar = calendar
        self.departments = departments
        self.divisions = divisions.sorted { $0.effective < $1.effective }
        self.committees = committees.sorted { $0.id < $1.id }
        self.today = today
        documentIndex = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        interpretationIndex = Dictionary(interpretations.enumerated().map { ($1.documentID, $0) },
                                         uniquingKeysWith: { a, _ in a })
        issueIndex = Dictionary(issues.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        documentsByIssue = Dictionary(grouping: documents, by: \.issueID)
    }

    /// The same site without the Markdown of its bodies (their paths and lines stay), once they are
    /// rendered: the Markdown is the bulk of a large gazette's memory (1 GB at 100,000 documents), and
    /// nothing after rendering reads it.
    ///
    /// A site with little Markdown left to let go (under a megabyte: a rebuild reads only the files that
    /// changed, the others' bodies are left in their files) is returned as it is: copying its arrays of ten
    /// thousand documents and indexing them again cost a rebuild more than the text it would free.
    public func forgettingMarkdown() -> Site {
        let markdownBytes = documents.reduce(0) { $0 + $1.body.heldBytes }
            + interpretations.reduce(0) { $0 + $1.body.heldBytes } + notices.reduce(0) { $0 + $1.body.heldBytes }
        if markdownBytes < 1 << 20 { return self }
        func forget(_ body: inout MarkdownBody) { body.text = "" }
        var documents = documents, interpretations = interpretations, notices = notices
        for i in documents.indices { forget(&documents[i].body) }
        for i in interpretations.indices { forget(&interpretations[i].body) }
        for i in notices.indices { forget(&notices[i].body) }
        return Site(config: config, issues: issues, documents: documents, interpretations: interpretations,
                    notices: notices, calendar: calendar, departments: departments, divisions: divisions,
                    committees: committees, today: today)
    }

    public func document(id: String) -> Document? { documentIndex[id].map { documents[$0] } }
    public func interpretation(of documentID: String) -> Interpretation? {
        interpretationIndex[documentID].map { interpretations[$0] }
    }
    public func issue(id: String) -> Issue? { issueIndex[id].map { issues[$0] } }

    /// The division in force on the build date: the newest that has taken effect
    /// (or the oldest, when none has yet).
    public var currentDivision: Division? {
        divisions.last { $0.effective <= today } ?? divisions.first
    }

    /// The division in force before `division`, if any.
    public func division(before division: Division) -> Division? {
        divisions.last { $0.effective < division.effective }
    }

    /// The notices made under the rules of one policy document.
    public func notices(under documentID: String) -> [Notice] { notices.filter { $0.documentID == documentID } }

    /// The documents of one issue in table-of-contents order.
    public func documents(in issue: Issue) -> [Document] { documents(inIssue: issue.id) }

    /// The documents of the issue with folder name `id`, in table-of-contents order.
    public func documents(inIssue id: String) -> [Document] { documentsByIssue[id] ?? [] }

    /// 发布日期 of a document: the 印发日期 of its issue.
    public func publicationDate(of document: Document) -> Day? { issue(id: document.issueID)?.published }

    /// The date an interpretation bears: its own, or the document's 成文日期.
    public func date(of interpretation: Interpretation) -> Day? {
        interpretation.date ?? document(id: interpretation.documentID)?.date
    }

    /// "阿尔山市人民政府公报 2023年第1期（总第9期）第24页": how to cite a page of the gazette.
    public func citation(issueID: String, page: Int?) -> String? {
        guard let issue = issue(id: issueID) else { return nil }
        let base = "\(config.title) \(issue.label)"
        return page.map { base + "第\($0)页" } ?? base
    }
}

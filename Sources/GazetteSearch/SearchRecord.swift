/// One searchable item of the site, as the build hands it to the index writer.
public struct SearchRecord: Sendable, Equatable {
    /// URL relative to the site root, e.g. `documents/azbf-2023-7/`.
    public var url: String
    /// Facet: `document`, `interpretation`, `notice`, `leader`, `department` or `committee`.
    public var kind: String
    public var title: String
    /// 发文字号, when the item has one.
    public var number: String?
    /// ISO date (`YYYY-MM-DD`), used as the tie-breaker and for the year filter.
    public var date: String?
    /// Issue id (`2023-01`), for the issue filter.
    public var issue: String?
    /// 发文机关 or publisher, for the issuer filter.
    public var issuer: String?
    /// Plain text of the body.
    public var text: String

    public init(url: String, kind: String, title: String, number: String? = nil, date: String? = nil,
                issue: String? = nil, issuer: String? = nil, text: String) {
        self.url = url
        self.kind = kind
        self.title = title
        self.number = number
        self.date = date
        self.issue = issue
        self.issuer = issuer
        self.text = text
    }
}

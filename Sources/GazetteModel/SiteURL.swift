/// URLs of the site's pages and data files, relative to the site root.
///
/// They live in the model because pages (render) and data (publish) must agree on them:
/// a page links to its JSON, and the JSON links back to its page.
public enum SiteURL {
    public static func issue(_ id: String) -> String { "issues/\(id)/" }
    public static func document(_ id: String) -> String { "documents/\(id)/" }
    public static func interpretation(_ id: String) -> String { "interpretations/\(id)/" }
    public static func notice(_ id: String) -> String { "notices/\(id)/" }
    public static func leader(_ id: String) -> String { "leadership/\(id)/" }
    public static func division(_ date: String) -> String { "leadership/divisions/\(date)/" }
    public static func department(_ id: String) -> String { "departments/\(id)/" }
    public static func committee(_ id: String) -> String { "committees/\(id)/" }
    public static let leadership = "leadership/"
    public static let departments = "departments/"
    public static let committees = "committees/"
    public static let people = "people/"
    public static let documents = "documents/"
    public static let notices = "notices/"
    public static let issues = "issues/"
    /// The page that explains the open data and lists the bulk downloads.
    public static let downloads = "downloads/"

    // MARK: - Data

    /// Root of the JSON API; bump the version only with a breaking change.
    public static let api = "api/v1/"
    public static func apiIssue(_ id: String) -> String { api + "issues/\(id).json" }
    public static func apiDocument(_ id: String) -> String { api + "documents/\(id).json" }
    public static func apiInterpretation(_ id: String) -> String { api + "interpretations/\(id).json" }
    /// The JSON Schema of one kind of API file (`documents`, `document`…).
    public static func apiSchema(_ name: String) -> String { api + "schema/\(name).schema.json" }
    /// The Atom feed of one issuer (机关代字 code, e.g. `azbf`).
    public static func issuerFeed(_ code: String) -> String { "issuers/\(code)/feed.xml" }
    public static let atomFeed = "feed.xml"
    public static let jsonFeed = "feed.json"
    public static let sitemap = "sitemap.xml"
}

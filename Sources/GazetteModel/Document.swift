/// Validity of a normative document (有效性).
public enum DocumentStatus: String, Sendable, CaseIterable, Encodable {
    case valid = "有效"
    case expired = "失效"
    case repealed = "废止"
}

/// What a Markdown file in an issue folder is.
public enum EntryKind: String, Sendable, Encodable {
    case document
    case interpretation
}

/// Markdown text with the place where it starts in its file, so that problems
/// found while rendering it can point at the right line.
///
/// A rebuild does not read the files whose `stat` is the last build's (`KnownFiles`), and a body of such a
/// file stays there until something asks for its Markdown (`deferred`): only a body the body cache does not
/// hold is rendered, so a rebuild of 10,000 documents reads one. Such a body is known by its `digest`.
public struct MarkdownBody: Sendable, Equatable, Encodable {
    /// The Markdown, read from its file now for a deferred body (empty when the file no longer holds it:
    /// the consumers that can report it ask `markdown` instead).
    public var text: String {
        get { markdown ?? "" }
        set { storage = .text(newValue) }
    }
    /// Line of the file on which the first line of `text` stands.
    public var firstLine: Int
    public var path: String
    /// A digest of the bytes the Markdown is made of, when the content loader took one (`EntryDigest`): the body
    /// cache knows a body by it instead of hashing the text again. Nil for a body made from a text alone.
    public var digest: TextDigest?

    private enum Storage: Sendable {
        case text(String)
        case deferred(@Sendable () -> String?)
    }
    private var storage: Storage

    public init(text: String, firstLine: Int, path: String, digest: TextDigest? = nil) {
        storage = .text(text)
        self.firstLine = firstLine
        self.path = path
        self.digest = digest
    }

    /// A body left in its file: `read` gives its Markdown, or nil when the file no longer holds what `digest`
    /// was taken of (it changed while the build ran).
    public init(deferred read: @escaping @Sendable () -> String?, firstLine: Int, path: String, digest: TextDigest) {
        storage = .deferred(read)
        self.firstLine = firstLine
        self.path = path
        self.digest = digest
    }

    /// The Markdown, or nil for a deferred body whose file changed since the build looked at it.
    public var markdown: String? {
        switch storage {
        case .text(let text): return text
        case .deferred(let read): return read()
        }
    }

    /// Bytes of Markdown held in memory: none for a body left in its file (nothing is read to tell).
    public var heldBytes: Int {
        if case .text(let text) = storage { return text.utf8.count }
        return 0
    }

    /// What to say when `markdown` is nil.
    public static let changedWhileBuilding = "构建期间文件被修改，请重新构建"

    public static func == (a: MarkdownBody, b: MarkdownBody) -> Bool {
        a.firstLine == b.firstLine && a.path == b.path && a.text == b.text
    }

    private enum CodingKeys: String, CodingKey { case text, firstLine, path }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(firstLine, forKey: .firstLine)
        try container.encode(path, forKey: .path)
    }
}

/// A 128-bit digest of a text (the two lanes of `ContentHash`), kept as numbers.
public struct TextDigest: Sendable, Hashable {
    public var a: UInt64
    public var b: UInt64
    public init(a: UInt64, b: UInt64) {
        self.a = a
        self.b = b
    }
}

/// A 公示 that a policy mandates: `notice_rules` in the document's front matter.
public struct NoticeRule: Sendable, Equatable, Identifiable, Encodable {
    /// Unique within its document; referenced as `阿政办发〔2023〕9号#village-plan`.
    public var id: String
    /// 公益性岗位拟聘人员公示.
    public var name: String
    /// 公示期不少于 N 个工作日.
    public var workingDays: Int
    /// The words of the policy that mandate it.
    public var quote: String
    public var location: SourceLocation

    public init(id: String, name: String, workingDays: Int, quote: String, location: SourceLocation) {
        self.id = id
        self.name = name
        self.workingDays = workingDays
        self.quote = quote
        self.location = location
    }
}

/// A 公文 published in an issue, with the elements of GB/T 9704-2012.
///
/// Its fields live in one shared, copy-on-write box: a document is copied wherever the build sorts, groups
/// or hands documents to a page or an API file, and copying twenty strings and arrays meant retaining and
/// releasing each of them (6 % of the CPU samples of a 10,000-document rebuild were in copying and
/// destroying documents). Fields
/// read and write as `document.title`, through `Fields`.
@dynamicMemberLookup
public struct Document: Sendable, Equatable, Identifiable, Encodable {
    /// The document's fields, encoded under their own names.
    public struct Fields: Sendable, Equatable, Encodable {
        /// URL-safe id: derived from the 发文字号 (`azbf-2023-7`) or given explicitly.
        public var id: String
        /// 发文字号; nil for the few documents that have none.
        public var number: DocumentNumber?
        public var title: String
        /// 发文机关.
        public var issuer: String
        /// 主送机关.
        public var recipients: [String]
        /// 成文日期.
        public var date: Day
        /// The issue's section (栏目) it is printed in.
        public var section: String
        /// 公报页码: where it starts in the printed issue.
        public var page: Int?
        /// 主题分类.
        public var topics: [String]
        public var status: DocumentStatus
        /// 发文字号 of the document this one replaces.
        public var supersedes: DocumentNumber?
        /// 附件说明: attachment names in order.
        public var attachments: [String]
        public var noticeRules: [NoticeRule]
        public var body: MarkdownBody
        /// The folder name of the issue it belongs to.
        public var issueID: String
        public var location: SourceLocation
        /// Where each front-matter key stands, so later checks can point at the exact line.
        public var fieldLocations: [String: SourceLocation] = [:]
    }

    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Written only through `Document`'s setters, which copy a box that is shared first.
        @usableFromInline var fields: Fields
        @usableFromInline init(_ fields: Fields) { self.fields = fields }
    }

    @usableFromInline var storage: Storage

    @inlinable public subscript<T>(dynamicMember field: KeyPath<Fields, T>) -> T { storage.fields[keyPath: field] }

    @inlinable public subscript<T>(dynamicMember field: WritableKeyPath<Fields, T>) -> T {
        get { storage.fields[keyPath: field] }
        set {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            storage.fields[keyPath: field] = newValue
        }
    }

    // Named here, not looked up: protocols (`Identifiable`, `FieldLocated`) need real members.
    public var id: String {
        get { storage.fields.id }
        set { self[dynamicMember: \.id] = newValue }
    }
    public var location: SourceLocation {
        get { storage.fields.location }
        set { self[dynamicMember: \.location] = newValue }
    }
    public var fieldLocations: [String: SourceLocation] {
        get { storage.fields.fieldLocations }
        set { self[dynamicMember: \.fieldLocations] = newValue }
    }

    public init(id: String, number: DocumentNumber?, title: String, issuer: String, recipients: [String],
                date: Day, section: String, page: Int?, topics: [String], status: DocumentStatus,
                supersedes: DocumentNumber?, attachments: [String], noticeRules: [NoticeRule],
                body: MarkdownBody, issueID: String, location: SourceLocation) {
        storage = Storage(Fields(id: id, number: number, title: title, issuer: issuer, recipients: recipients, date: date,
                                 section: section, page: page, topics: topics, status: status, supersedes: supersedes,
                                 attachments: attachments, noticeRules: noticeRules, body: body, issueID: issueID,
                                 location: location))
    }

    public static func == (a: Document, b: Document) -> Bool { a.storage === b.storage || a.storage.fields == b.storage.fields }

    public func encode(to encoder: Encoder) throws { try storage.fields.encode(to: encoder) }
}

/// A 政策解读 that explains one document.
public struct Interpretation: Sendable, Equatable, Identifiable, Encodable {
    /// The id of the document it interprets: one interpretation per document.
    public var id: String { documentID }
    public var title: String
    /// 发文字号 (or id) of the interpreted document, as written in `interprets`.
    public var interprets: String
    /// Resolved id of the interpreted document.
    public var documentID: String
    /// Defaults to the document's 成文日期.
    public var date: Day?
    /// Who published the interpretation, when it is printed (e.g. 阿尔山市人民政府).
    public var issuer: String?
    public var section: String
    public var page: Int?
    public var body: MarkdownBody
    public var issueID: String
    public var location: SourceLocation
    /// Where each front-matter key stands.
    public var fieldLocations: [String: SourceLocation] = [:]

    public init(title: String, interprets: String, documentID: String, date: Day?, issuer: String?,
                section: String, page: Int?, body: MarkdownBody, issueID: String, location: SourceLocation) {
        self.title = title
        self.interprets = interprets
        self.documentID = documentID
        self.date = date
        self.issuer = issuer
        self.section = section
        self.page = page
        self.body = body
        self.issueID = issueID
        self.location = location
    }
}

/// Content that remembers where its front-matter keys stand.
public protocol FieldLocated {
    var location: SourceLocation { get }
    var fieldLocations: [String: SourceLocation] { get }
}

extension FieldLocated {
    /// Where `key` is written, or the file when it is not.
    public func location(of key: String) -> SourceLocation { fieldLocations[key] ?? location }
}

extension Document: FieldLocated {}
extension Interpretation: FieldLocated {}

import GazetteParallel

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
    /// Plain text of the body: for a body from the build's cache, read only when the index tokenizes it.
    public var plainText: LazyText
    public var text: String {
        get { plainText.string }
        set { plainText = LazyText(newValue) }
    }
    /// A digest that the text is a function of (the key of the body it is the text of), when the caller has
    /// one: an update of the index tells a changed record from an unchanged one by it, without reading the
    /// 10,000 texts of a large gazette. Two keys may give the same text; such a record is only taken as
    /// changed, and updated to the same bytes.
    public var textKey: [UInt8]?

    public init(url: String, kind: String, title: String, number: String? = nil, date: String? = nil,
                issue: String? = nil, issuer: String? = nil, text: String) {
        self.init(url: url, kind: kind, title: title, number: number, date: date, issue: issue, issuer: issuer,
                  plainText: LazyText(text), textKey: nil)
    }

    public init(url: String, kind: String, title: String, number: String? = nil, date: String? = nil,
                issue: String? = nil, issuer: String? = nil, plainText: LazyText, textKey: [UInt8]?) {
        self.url = url
        self.kind = kind
        self.title = title
        self.number = number
        self.date = date
        self.issue = issue
        self.issuer = issuer
        self.plainText = plainText
        self.textKey = textKey
    }

    /// Adds the text to a digest: its key when it has one (which stands for it), else the text itself.
    public func addText(to hash: inout ContentHash) {
        if let textKey {
            hash.add(byte: 1)
            hash.add(bytes: textKey)
        } else {
            hash.add(byte: 0)
            hash.add(text)
        }
    }

    public static func == (a: SearchRecord, b: SearchRecord) -> Bool {
        a.url == b.url && a.kind == b.kind && a.title == b.title && a.number == b.number && a.date == b.date
            && a.issue == b.issue && a.issuer == b.issuer && a.textKey == b.textKey && a.text == b.text
    }
}

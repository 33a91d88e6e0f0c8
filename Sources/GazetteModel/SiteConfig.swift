/// The site as a whole: `content/site.yaml`.
public struct SiteConfig: Sendable, Encodable {
    /// 阿尔山市人民政府公报.
    public var title: String
    /// The title in traditional Mongolian script, shown vertically on the cover.
    public var titleMongolian: String?
    /// 阿尔山市人民政府办公室.
    public var publisher: String
    /// Absolute URL ending in `/`, used in feeds, sitemap and canonical links.
    public var baseURL: String
    /// BCP 47 tag of the content, `zh-Hans`.
    public var language: String
    /// 机关代字 → ASCII code used in ids and URLs (阿政办发 → azbf).
    public var issuerCodes: [String: String]

    public init(title: String, titleMongolian: String?, publisher: String, baseURL: String,
                language: String, issuerCodes: [String: String]) {
        self.title = title
        self.titleMongolian = titleMongolian
        self.publisher = publisher
        self.baseURL = baseURL
        self.language = language
        self.issuerCodes = issuerCodes
    }
}

extension Document {
    /// The 15 kinds of official document (文种) of the 党政机关公文处理工作条例 (2012), §8;
    /// 命令 before 令 so that the longer name wins.
    public static let genres = ["决议", "决定", "命令", "令", "公报", "公告", "通告", "意见",
                                "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要"]

    /// 文种, read from the end of the title (“…的通知” → 通知); nil when the title names none.
    public var genre: String? {
        Document.genres.first { self.title.hasSuffix($0) }
    }
}

extension SiteConfig {
    /// The ASCII code of a document's issuer (机关代字 of its 发文字号 → `azbf`), when known.
    public func issuerCode(of document: Document) -> String? {
        document.number.flatMap { issuerCodes[$0.agencyCode] }
    }

    /// The jurisdiction the gazette publishes for: the publisher's name before 人民政府
    /// (阿尔山市人民政府办公室 → 阿尔山市), or the whole name when it has no such part.
    public var jurisdiction: String {
        let marker = "人民政府"
        var index = publisher.startIndex
        while index < publisher.endIndex {
            if index > publisher.startIndex, publisher[index...].hasPrefix(marker) { return String(publisher[..<index]) }
            index = publisher.index(after: index)
        }
        return publisher
    }

    /// `path` (relative to the site root) as an absolute URL below the base URL.
    public func absoluteURL(_ path: String) -> String {
        (baseURL.hasSuffix("/") ? baseURL : baseURL + "/") + path
    }
}

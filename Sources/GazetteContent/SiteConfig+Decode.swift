import GazetteModel

extension SiteConfig {
    /// Decodes `site.yaml`.
    static func decode(_ file: ContentFile, diagnostics: inout Diagnostics) -> SiteConfig? {
        guard let yaml = YAMLValue.parse(file.text, path: file.displayPath, firstLine: 1, diagnostics: &diagnostics),
              let map = YAMLMap(yaml, diagnostics: &diagnostics) else { return nil }
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        let titleMongolian = map.string("title_mn", diagnostics: &diagnostics)
        let publisher = map.string("publisher", required: true, diagnostics: &diagnostics)
        var baseURL = map.string("base_url", required: true, diagnostics: &diagnostics) ?? "/"
        if !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            diagnostics.error("`base_url` 应为以 https:// 或 http:// 开头的完整网址", at: map.location(of: "base_url"))
        }
        if !baseURL.hasSuffix("/") { baseURL += "/" }
        let language = map.string("language", diagnostics: &diagnostics) ?? "zh-Hans"
        var codes: [String: String] = [:]
        for (agency, code) in map.stringPairs("issuer_codes", diagnostics: &diagnostics) {
            if let other = codes.first(where: { $0.value == code })?.key {
                diagnostics.error("机关代字“\(agency)”和“\(other)”使用了同一个代码“\(code)”，网址会冲突",
                                  at: map.location(of: "issuer_codes"))
            } else if Slug.isValid(code) {
                codes[agency] = code
            } else {
                diagnostics.error("机关代字“\(agency)”的代码“\(code)”只能由小写字母、数字和连字符组成",
                                  at: map.location(of: "issuer_codes"))
            }
        }
        map.finish(diagnostics: &diagnostics)
        guard let title, let publisher else { return nil }
        return SiteConfig(title: title, titleMongolian: titleMongolian, publisher: publisher,
                          baseURL: baseURL, language: language, issuerCodes: codes)
    }
}

/// Ids and codes that become parts of URLs and file names.
enum Slug {
    /// Lowercase ASCII letters, digits and inner hyphens, at most 80 characters: nothing
    /// that could climb out of the output folder or clash on a case-insensitive disk.
    static func isValid(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 80 && !s.hasPrefix("-") && !s.hasSuffix("-")
            && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
    }
}

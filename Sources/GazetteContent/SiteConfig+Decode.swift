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
        } else if let bad = baseURL.unicodeScalars.first(where: { !Self.isAllowedInURL($0) }) {
            // It is written as it is into feeds, the sitemap and iCalendar files.
            diagnostics.error("`base_url` 含有网址中不允许的字符“\(bad)”", at: map.location(of: "base_url"))
            baseURL = "https://invalid.example/"
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
                diagnostics.error("机关代字“\(agency)”的代码“\(code)”\(Slug.rule)",
                                  at: map.location(of: "issuer_codes"))
            }
        }
        map.finish(diagnostics: &diagnostics)
        guard let title, let publisher else { return nil }
        return SiteConfig(title: title, titleMongolian: titleMongolian, publisher: publisher,
                          baseURL: baseURL, language: language, issuerCodes: codes)
    }
}

private extension SiteConfig {
    /// RFC 3986 characters: ASCII letters, digits and `-._~:/?#[]@!$&'()*+,;=%`; not spaces, quotes or `<>`.
    static func isAllowedInURL(_ s: Unicode.Scalar) -> Bool {
        s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s)
            || "-._~:/?#[]@!$&'()*+,;=%".unicodeScalars.contains(s))
    }
}

/// Ids and codes that become parts of URLs and file names.
enum Slug {
    /// What a valid id is, for messages.
    static let rule = "只能由小写字母、数字和连字符组成，且不能是 con、nul 等 Windows 保留名"

    /// Lowercase ASCII letters, digits and inner hyphens, at most 80 characters: nothing
    /// that could climb out of the output folder or clash on a case-insensitive disk.
    static func isValid(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 80 && !s.hasPrefix("-") && !s.hasSuffix("-")
            && s.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
            && !isReservedOnWindows(s)
    }

    /// `con`, `nul`, `com1`…: device names that Windows will not create as files or folders,
    /// so a site copied to a Windows share (or unpacked from the data archive) would lose them.
    static func isReservedOnWindows(_ s: String) -> Bool {
        if ["con", "prn", "aux", "nul"].contains(s) { return true }
        guard s.count == 4, s.hasPrefix("com") || s.hasPrefix("lpt"), let digit = s.last else { return false }
        return ("1"..."9").contains(digit)
    }
}

import Foundation
import GazetteModel

/// A notice as written, before its rule and period are resolved.
struct NoticeDraft {
    let id: String
    let title: String
    let publisher: String
    let rule: NoticeRuleReference
    let start: Day
    let end: Day?
    let contact: String?
    let sample: Bool
    let body: MarkdownBody
    let location: SourceLocation
    let fieldLocations: [String: SourceLocation]

    /// Decodes `notices/<id>.md`; the id is the file name.
    static func decode(_ file: ContentFile, diagnostics: inout Diagnostics) -> NoticeDraft? {
        let path = file.displayPath
        let stem = String(file.relativePath.split(separator: "/").last!.dropLast(3))
        guard Slug.isValid(stem) else {
            diagnostics.error("公示文件名“\(stem)”\(Slug.rule)（它会成为网址的一部分）",
                              at: SourceLocation(path: path))
            return nil
        }
        let parts: FrontMatter
        switch FrontMatter.split(file.text) {
        case .success(let p): parts = p
        case .failure(let e):
            diagnostics.error(e.message, at: SourceLocation(path: path, line: 1, column: 1))
            return nil
        }
        guard let yaml = YAMLValue.parse(parts.yaml, path: path, firstLine: parts.yamlFirstLine, diagnostics: &diagnostics),
              let map = YAMLMap(yaml, diagnostics: &diagnostics) else { return nil }
        defer { map.finish(diagnostics: &diagnostics) }
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        let publisher = map.string("publisher", required: true, diagnostics: &diagnostics)
        let ruleText = map.string("rule", required: true, diagnostics: &diagnostics)
        let start = map.day("start", required: true, diagnostics: &diagnostics)
        let end = map.day("end", diagnostics: &diagnostics)
        let contact = map.string("contact", diagnostics: &diagnostics)
        let sample = map.bool("sample", diagnostics: &diagnostics) ?? false
        var rule: NoticeRuleReference?
        if let ruleText {
            let parts = ruleText.split(separator: "#", maxSplits: 1).map(String.init)
            if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty {
                rule = NoticeRuleReference(document: parts[0].trimmingCharacters(in: .whitespaces),
                                           ruleID: parts[1].trimmingCharacters(in: .whitespaces))
            } else {
                diagnostics.error("`rule` 应写成“发文字号#规则id”，如 阿政办发〔2023〕9号#village-plan", at: map.location(of: "rule"))
            }
        }
        guard let title, let publisher, let rule, let start else { return nil }
        return NoticeDraft(id: stem, title: title, publisher: publisher, rule: rule, start: start, end: end,
                           contact: contact, sample: sample,
                           body: MarkdownBody(text: parts.body, firstLine: parts.bodyFirstLine, path: path),
                           location: SourceLocation(path: path), fieldLocations: map.keyLocations)
    }
}

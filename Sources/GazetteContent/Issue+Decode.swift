import GazetteModel

extension Issue {
    /// Decodes `issues/<id>/issue.yaml`.
    static func decode(_ file: ContentFile, folder: String, diagnostics: inout Diagnostics) -> Issue? {
        guard let yaml = YAMLValue.parse(file.text, path: file.displayPath, firstLine: 1, diagnostics: &diagnostics),
              let map = YAMLMap(yaml, diagnostics: &diagnostics) else { return nil }
        let year = map.int("year", required: true, range: 1949...2999, diagnostics: &diagnostics)
        let number = map.int("number", required: true, range: 1...99, diagnostics: &diagnostics)
        let total = map.int("total", required: true, range: 1...99_999, diagnostics: &diagnostics)
        let published = map.day("published", required: true, diagnostics: &diagnostics)
        let printedBy = map.string("printed_by", diagnostics: &diagnostics) ?? ""
        let sections = map.strings("sections", diagnostics: &diagnostics)
        if sections.isEmpty { diagnostics.error("缺少必填项 `sections`（目录中的栏目顺序）", at: map.location) }
        if let duplicate = sections.firstDuplicate {
            diagnostics.error("栏目“\(duplicate)”在 `sections` 中重复", at: map.location(of: "sections"))
        }
        map.finish(diagnostics: &diagnostics)
        guard let year, let number, let total, let published else { return nil }
        let expected = "\(year)-\(number < 10 ? "0" : "")\(number)"
        if folder != expected {
            diagnostics.error("文件夹名“\(folder)”与 `year`/`number` 不符（应为 \(expected)）", at: map.location(of: "number"))
        }
        if published.year < year {
            diagnostics.error("印发日期 `published` \(published.iso) 早于该期的年份 \(year)", at: map.location(of: "published"))
        }
        return Issue(id: folder, year: year, number: number, total: total, published: published,
                     printedBy: printedBy, sections: sections, location: SourceLocation(path: file.displayPath))
    }
}

extension Array where Element: Hashable {
    /// The first element that occurs a second time.
    var firstDuplicate: Element? {
        var seen: Set<Element> = []
        return first { !seen.insert($0).inserted }
    }
}

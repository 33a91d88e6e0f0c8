import GazetteModel

/// Links each notice to the rule of its policy and computes its period on the working-day calendar.
struct NoticeResolver {
    let documents: [Document]
    let calendar: WorkCalendar
    let config: SiteConfig

    func resolve(_ drafts: [NoticeDraft], diagnostics: inout Diagnostics) -> [Notice] {
        drafts.compactMap { resolve($0, diagnostics: &diagnostics) }
            .sorted { ($0.start, $0.id) > ($1.start, $1.id) }
    }

    private func resolve(_ draft: NoticeDraft, diagnostics: inout Diagnostics) -> Notice? {
        func at(_ key: String) -> SourceLocation { draft.fieldLocations[key] ?? draft.location }
        guard let document = policy(named: draft.rule.document, diagnostics: &diagnostics, at: at("rule")) else {
            diagnostics.error("`rule` 所指的政策文件“\(draft.rule.document)”不存在", at: at("rule"))
            return nil
        }
        guard let rule = document.noticeRules.first(where: { $0.id == draft.rule.ruleID }) else {
            let known = document.noticeRules.map(\.id).joined(separator: "、")
            diagnostics.error("“\(draft.rule.document)”没有 id 为“\(draft.rule.ruleID)”的公示规则（`notice_rules` 中有：\(known.isEmpty ? "无" : known)）",
                              at: at("rule"))
            return nil
        }
        if draft.start < document.date {
            diagnostics.error("公示开始日期 \(draft.start.iso) 早于政策文件的成文日期 \(document.date.iso)", at: at("start"))
            return nil
        }
        do throws(WorkCalendar.Uncovered) {
            let required = try calendar.addWorkingDays(rule.workingDays, from: draft.start)
            var end = required.end
            if let written = draft.end {
                let count = try calendar.countWorkingDays(from: draft.start, through: written)
                if count < rule.workingDays {
                    diagnostics.error("公示期过短：\(draft.start.iso) 至 \(written.iso) 只有 \(count) 个工作日，“\(rule.name)”要求不少于 \(rule.workingDays) 个工作日（最早可于 \(required.end.iso) 结束）",
                                      at: at("end"))
                    return nil
                }
                end = written
            }
            let skipped = try calendar.skippedDays(from: draft.start, through: end)
            let count = try calendar.countWorkingDays(from: draft.start, through: end)
            return Notice(id: draft.id, title: draft.title, publisher: draft.publisher, rule: draft.rule,
                          documentID: document.id, start: draft.start, end: end, endComputed: draft.end == nil,
                          workingDays: count, skipped: skipped, contact: draft.contact, sample: draft.sample,
                          body: draft.body, location: draft.location, fieldLocations: draft.fieldLocations)
        } catch {
            diagnostics.error("无法计算公示期：\(error)", at: at(draft.end == nil ? "start" : "end"))
            return nil
        }
    }

    /// The document a rule reference names, by 发文字号 (look-alike brackets accepted) or by id.
    private func policy(named reference: String, diagnostics: inout Diagnostics, at location: SourceLocation) -> Document? {
        if case .success(let (number, fixes)) = DocumentNumber.parse(reference) {
            if fixes.contains(.lookAlikeBrackets) {
                diagnostics.warning("`rule` 中的发文字号“\(reference)”使用了近似括号，已按“\(number)”查找", at: location)
            }
            return documents.first { $0.number == number }
        }
        return documents.first { $0.id == reference }
    }
}

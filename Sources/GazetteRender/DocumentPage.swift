import GazetteModel

/// The pages of one document and of its interpretation, laid out in GB/T 9704-2012 order.
public struct DocumentPages {
    let site: Site
    let layout: Layout

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
    }

    /// `/documents/<id>/`: 发文字号, title, 主送机关, 正文, 附件说明, 署名, 成文日期, then the attachments.
    public func document(_ document: Document, body: RenderedBody) -> Page {
        let path = SiteURL.document(document.id) + "index.html"
        let interpretation = site.interpretation(of: document.id)
        let issue = site.issue(id: document.issueID)
        let siblings = site.documents(inIssue: document.issueID)
        let position = siblings.firstIndex { $0.id == document.id }
        var extra: [String: Any] = [
            "title": document.title,
            "issuer": document.issuer,
            "body": body.html,
            "attachment_notes": attachmentNotes(document, body: body, interpretation: interpretation),
            "attachments": body.attachments.map { ["label": $0.label, "title": $0.title, "anchor": $0.anchor, "html": $0.html] },
            "date_chinese": document.date.chinese,
            "date": document.date.iso,
            "meta": metadata(document, issue: issue),
            "tables": body.tables.map { table in
                ["caption": table.table.caption ?? "表格", "anchor": table.anchor,
                 "csv": "\(table.anchor).csv", "json": "\(table.anchor).json"]
            },
            "citation": site.citation(issueID: document.issueID, page: document.page) ?? "",
            "issue_url": SiteURL.issue(document.issueID),
            "issue_label": issue.map { "\(site.config.title) \($0.label)" } ?? "",
            "status_class": document.status == .valid ? "valid" : "invalid",
            "status": document.status.rawValue,
        ]
        extra["notice_rules"] = document.noticeRules.map { rule -> [String: Any] in
            let notices = site.notices(under: document.id).filter { $0.rule.ruleID == rule.id }
            return ["id": rule.id, "name": rule.name, "working_days": rule.workingDays, "quote": rule.quote,
                    "notices": notices.map { ["title": $0.title, "url": SiteURL.notice($0.id),
                                              "period": $0.periodDescription, "sample": $0.sample] }]
        }
        extra["json_url"] = SiteURL.apiDocument(document.id)
        extra["json_ld"] = LegislationJSONLD(site: site).script(for: document)
        extra["downloads_url"] = SiteURL.downloads
        extra["has_notice_rules"] = !document.noticeRules.isEmpty
        extra["has_attachment_notes"] = !document.attachments.isEmpty
        extra["has_tables"] = !body.tables.isEmpty
        if let number = document.number { extra["number"] = number.description }
        if !document.recipients.isEmpty { extra["recipients"] = document.recipients.joined(separator: "、") + "：" }
        if let interpretation {
            extra["interpretation"] = ["title": interpretation.title, "url": SiteURL.interpretation(interpretation.id)]
        }
        if let position {
            if position > 0 { extra["previous"] = link(siblings[position - 1]) }
            if position + 1 < siblings.count { extra["next"] = link(siblings[position + 1]) }
        }
        return Page(path: path, template: "document", title: document.title,
                    context: layout.context(path: path, title: document.title, section: "documents", extra: extra))
    }

    /// `/interpretations/<id>/`: the 政策解读, linked back to its document.
    public func interpretation(_ interpretation: Interpretation, body: RenderedBody) -> Page {
        let path = SiteURL.interpretation(interpretation.id) + "index.html"
        let document = site.document(id: interpretation.documentID)
        let date = site.date(of: interpretation)
        var extra: [String: Any] = [
            "title": interpretation.title,
            "body": body.html,
            "attachments": body.attachments.map { ["label": $0.label, "title": $0.title, "anchor": $0.anchor, "html": $0.html] },
            "citation": site.citation(issueID: interpretation.issueID, page: interpretation.page) ?? "",
            "issue_url": SiteURL.issue(interpretation.issueID),
        ]
        if let issuer = interpretation.issuer { extra["issuer"] = issuer }
        if let date { extra["date_chinese"] = date.chinese; extra["date"] = date.iso }
        if let document {
            extra["document"] = ["title": document.title, "number": document.number?.description ?? "",
                                 "url": SiteURL.document(document.id)]
        }
        var meta: [[String: Any]] = []
        if let document { meta.append(["label": "解读文件", "value": document.number?.description ?? document.title]) }
        if let issuer = interpretation.issuer ?? document?.issuer { meta.append(["label": "发布机关", "value": issuer]) }
        if let date { meta.append(["label": "日期", "value": date.chinese]) }
        if let issue = site.issue(id: interpretation.issueID) {
            meta.append(["label": "刊登期次", "value": issue.label + (interpretation.page.map { " 第\($0)页" } ?? "")])
        }
        extra["meta"] = meta
        return Page(path: path, template: "interpretation", title: interpretation.title,
                    context: layout.context(path: path, title: interpretation.title, section: "documents", extra: extra))
    }

    // MARK: - Parts

    private func link(_ document: Document) -> [String: Any] {
        ["title": document.title, "number": document.number?.description ?? "", "url": SiteURL.document(document.id)]
    }

    /// The metadata box citizens know from government sites.
    private func metadata(_ document: Document, issue: Issue?) -> [[String: Any]] {
        var rows: [[String: Any]] = [
            ["label": "发文机关", "value": document.issuer],
        ]
        if let number = document.number { rows.append(["label": "发文字号", "value": number.description]) }
        rows.append(["label": "成文日期", "value": document.date.chinese])
        if let published = issue?.published { rows.append(["label": "发布日期", "value": published.chinese]) }
        if !document.topics.isEmpty { rows.append(["label": "主题分类", "value": document.topics.joined(separator: "、")]) }
        rows.append(["label": "有效性", "value": document.status.rawValue])
        if let issue {
            rows.append(["label": "刊登期次", "value": issue.label + (document.page.map { " 第\($0)页" } ?? "")])
        }
        return rows
    }

    /// 附件说明 lines, each linked to the attachment printed below or to the interpretation,
    /// or marked as not published.
    private func attachmentNotes(_ document: Document, body: RenderedBody,
                                 interpretation: Interpretation?) -> [[String: Any]] {
        document.attachments.enumerated().map { index, name in
            var note: [String: Any] = ["number": index + 1, "name": name]
            if name.contains("政策解读") {
                if let interpretation { note["url"] = SiteURL.interpretation(interpretation.id) }
                else { note["unpublished"] = true }
            } else if let printed = body.attachments.first(where: { $0.label == "附件\(index + 1)" }) {
                note["anchor"] = "#" + printed.anchor
            } else {
                note["unpublished"] = true
            }
            return note
        }
    }
}

import GazetteModel

extension API {
    /// One issue in `issues.json`.
    struct IssueSummary: Encodable {
        let id: String
        let year: Int
        /// 第N期.
        let number: Int
        /// 总第N期.
        let total: Int
        let label: String
        /// 印发日期.
        let published: String
        let printedBy: String
        let sections: [String]
        let documentCount: Int
        let interpretationCount: Int
        let path: String
        let url: String
        let jsonPath: String
        let jsonURL: String
    }

    /// What `issues/<id>.json` adds: the table of contents.
    struct IssueDetail: Encodable {
        let contents: [Section]
    }

    /// One 栏目 of the table of contents, its entries in page order.
    struct Section: Encodable {
        let name: String
        let entries: [Entry]
    }

    /// A document or interpretation printed in an issue.
    struct Entry: Encodable {
        /// `document` or `interpretation`.
        let kind: String
        let id: String
        @Nullable var documentNumber: String?
        let title: String
        @Nullable var page: Int?
        let path: String
        let url: String
        let jsonPath: String
        let jsonURL: String
    }
}

extension OpenData {
    func summary(_ issue: Issue) -> API.IssueSummary {
        API.IssueSummary(
            id: issue.id, year: issue.year, number: issue.number, total: issue.total, label: issue.label,
            published: issue.published.iso, printedBy: issue.printedBy, sections: issue.sections,
            documentCount: site.documents(in: issue).count,
            interpretationCount: site.interpretations.filter { $0.issueID == issue.id }.count,
            path: SiteURL.issue(issue.id), url: url(SiteURL.issue(issue.id)),
            jsonPath: SiteURL.apiIssue(issue.id), jsonURL: url(SiteURL.apiIssue(issue.id)))
    }

    func detail(_ issue: Issue) -> Merged<API.IssueSummary, API.IssueDetail> {
        let documents = site.documents(in: issue).map { d in
            (section: d.section, entry: API.Entry(
                kind: "document", id: d.id, documentNumber: d.number?.description, title: d.title, page: d.page,
                path: SiteURL.document(d.id), url: url(SiteURL.document(d.id)),
                jsonPath: SiteURL.apiDocument(d.id), jsonURL: url(SiteURL.apiDocument(d.id))))
        }
        let interpretations = site.interpretations.filter { $0.issueID == issue.id }.map { i in
            (section: i.section, entry: API.Entry(
                kind: "interpretation", id: i.id, documentNumber: nil, title: i.title, page: i.page,
                path: SiteURL.interpretation(i.id), url: url(SiteURL.interpretation(i.id)),
                jsonPath: SiteURL.apiInterpretation(i.id), jsonURL: url(SiteURL.apiInterpretation(i.id))))
        }
        let all = documents + interpretations
        let sections = issue.sections.map { name in
            API.Section(name: name, entries: Self.pageOrder(all.filter { $0.section == name }.map(\.entry)))
        }
        return Merged(first: summary(issue), second: API.IssueDetail(contents: sections))
    }

    /// Entries by page; those without a page keep their order after the others.
    private static func pageOrder(_ entries: [API.Entry]) -> [API.Entry] {
        entries.enumerated().sorted { a, b in
            (a.element.page ?? .max, a.offset) < (b.element.page ?? .max, b.offset)
        }.map(\.element)
    }
}

import GazetteModel
import GazetteParallel

/// Checks what refers to what, and puts documents in table-of-contents order.
struct CrossReferences {
    let issues: [Issue]
    let documents: [Document]
    let interpretations: [Interpretation]
    private(set) var orderedDocuments: [Document] = []
    private(set) var orderedInterpretations: [Interpretation] = []

    init(issues: [Issue], documents: [Document], interpretations: [Interpretation]) {
        self.issues = issues
        self.documents = documents
        self.interpretations = interpretations
    }

    mutating func check(diagnostics: inout Diagnostics) {
        let issueByID = Dictionary(issues.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // Newest issue first, then by section, page and id. The keys are worked out once per document and
        // the documents' indices sorted: comparing the documents themselves looked up their issues and
        // copied them for each of the 140,000 comparisons a 10,000-document gazette needs.
        let unique = uniqueDocuments(diagnostics: &diagnostics)
        let keys = unique.map { document -> (issueID: String, issue: (Int, Int), section: Int, page: Int, id: String) in
            let issue = issueByID[document.issueID]
            return (document.issueID, (issue?.year ?? 0, issue?.number ?? 0),
                    issue?.sections.firstIndex(of: document.section) ?? .max, document.page ?? .max, document.id)
        }
        orderedDocuments = unique.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.issueID != b.issueID { return a.issue > b.issue }
            return (a.section, a.page, a.id) < (b.section, b.page, b.id)
        }.map { unique[$0] }
        // The checks of the ordered documents and the interpretations' links are independent: made on two
        // cores (at 10,000 documents they are 50 ms of a rebuild's critical path), their findings merged in
        // the order they were always listed in.
        let (documentFindings, (interpretations, interpretationFindings)) = Parallel.both({ [self] in
            var found = Diagnostics()
            for document in orderedDocuments {
                checkPlacement(document, issue: issueByID[document.issueID], diagnostics: &found)
                checkRuleQuotes(document, diagnostics: &found)
            }
            checkPageOrder(issueByID: issueByID, diagnostics: &found)
            checkSupersedes(diagnostics: &found)
            checkNumberGaps(diagnostics: &found)
            return found
        }, { [self] in
            var found = Diagnostics()
            return (resolveInterpretations(issueByID: issueByID, diagnostics: &found), found)
        })
        diagnostics.append(contentsOf: documentFindings)
        diagnostics.append(contentsOf: interpretationFindings)
        orderedInterpretations = interpretations
    }

    // MARK: - Documents

    /// The documents in file order, each id once (a second file with the same id is an error). Indices
    /// are sorted and looked up rather than the documents themselves: a document is a large value, and
    /// copying ten thousand of them (sorting, a dictionary of them) was most of this check's time.
    private func uniqueDocuments(diagnostics: inout Diagnostics) -> [Document] {
        var firstByID: [String: Int] = [:]
        var kept: [Document] = []
        let locations = documents.map(\.location)
        for index in documents.indices.sorted(by: { locations[$0] < locations[$1] }) {
            let document = documents[index]
            if let first = firstByID[document.id] {
                let what = document.number.map { "发文字号“\($0)”" } ?? "id“\(document.id)”"
                diagnostics.error("\(what)与 \(documents[first].location.path) 重复", at: document.location(of: document.number == nil ? "id" : "number"))
                continue
            }
            firstByID[document.id] = index
            kept.append(document)
        }
        return kept
    }

    private func checkPlacement(_ document: Document, issue: Issue?, diagnostics: inout Diagnostics) {
        guard let issue else { return }
        if !issue.sections.contains(document.section) {
            diagnostics.error("栏目“\(document.section)”不在本期 issue.yaml 的 `sections`（\(issue.sections.joined(separator: "、"))）中",
                              at: document.location(of: "section"))
        }
        if document.date > issue.published {
            diagnostics.error("成文日期 \(document.date.iso) 晚于本期印发日期 \(issue.published.iso)",
                              at: document.location(of: "date"))
        }
    }

    private func checkRuleQuotes(_ document: Document, diagnostics: inout Diagnostics) {
        guard !document.noticeRules.isEmpty else { return }
        // Markdown markup (emphasis, escapes) and line breaks may fall inside a quoted passage.
        func plain(_ text: String) -> String { text.filter { !$0.isWhitespace && $0 != "*" && $0 != "\\" } }
        guard let markdown = document.body.markdown else {
            return diagnostics.error(MarkdownBody.changedWhileBuilding, at: SourceLocation(path: document.body.path))
        }
        let flatBody = plain(markdown)
        for rule in document.noticeRules where !flatBody.contains(plain(rule.quote)) {
            diagnostics.warning("公示规则“\(rule.id)”引用的原文“\(rule.quote)”在正文中找不到", at: rule.location)
        }
    }

    private func checkPageOrder(issueByID: [String: Issue], diagnostics: inout Diagnostics) {
        var previous: Document?
        for document in orderedDocuments {
            defer { previous = document }
            guard let prev = previous, prev.issueID == document.issueID,
                  let p0 = prev.page, let p1 = document.page else { continue }
            let issue = issueByID[document.issueID]
            let s0 = issue?.sections.firstIndex(of: prev.section), s1 = issue?.sections.firstIndex(of: document.section)
            if s0 != s1, p1 < p0 {
                diagnostics.warning("目录页码倒退：本文件在第 \(p1) 页，但前一栏目的“\(prev.title)”在第 \(p0) 页",
                                    at: document.location(of: "page"))
            }
            if p0 == p1 {
                diagnostics.warning("与“\(prev.title)”的目录页码相同（第 \(p1) 页）", at: document.location(of: "page"))
            }
        }
    }

    private func checkSupersedes(diagnostics: inout Diagnostics) {
        let numbers = Set(orderedDocuments.compactMap(\.number))
        for document in orderedDocuments {
            if let old = document.supersedes, !numbers.contains(old) {
                diagnostics.warning("`supersedes` 所指的“\(old)”未在本站发布", at: document.location(of: "supersedes"))
            }
        }
    }

    /// Published numbers need not be consecutive (not every document is printed in the gazette),
    /// but a gap is worth a look: it may be a typo in a number.
    private func checkNumberGaps(diagnostics: inout Diagnostics) {
        let grouped = Dictionary(grouping: orderedDocuments.indices.filter { orderedDocuments[$0].number != nil }) { i in
            let number = orderedDocuments[i].number!
            return "\(number.agencyCode)〔\(number.year)〕"
        }
        for key in grouped.keys.sorted() {
            let docs = grouped[key]!.sorted { orderedDocuments[$0].number!.serial < orderedDocuments[$1].number!.serial }
            let serials = docs.map { orderedDocuments[$0].number!.serial }
            let present = Set(serials)
            let missing = (1...(serials.last ?? 1)).filter { !present.contains($0) }
            guard !missing.isEmpty else { continue }
            let list = missing.count > 12 ? missing.prefix(12).map(String.init).joined(separator: "、") + "…"
                : missing.map(String.init).joined(separator: "、")
            diagnostics.info("\(key)已发布 \(serials.count) 个文号，未见 \(list) 号（公报不一定刊登全部文件）",
                             at: orderedDocuments[docs.last!].location(of: "number"))
        }
    }

    // MARK: - Interpretations

    /// The interpretations each linked to its document, in the documents' order.
    private func resolveInterpretations(issueByID: [String: Issue], diagnostics: inout Diagnostics) -> [Interpretation] {
        let order = Dictionary(orderedDocuments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var byDocument: [String: Interpretation] = [:]
        let locations = interpretations.map(\.location)
        for index in interpretations.indices.sorted(by: { locations[$0] < locations[$1] }) {
            let interpretation = interpretations[index]
            let at = interpretation.location(of: "interprets")
            guard order[interpretation.documentID] != nil else {
                diagnostics.error("政策解读所解读的文件“\(interpretation.interprets)”不存在（`interprets`）", at: at)
                continue
            }
            if let first = byDocument[interpretation.documentID] {
                diagnostics.error("“\(interpretation.interprets)”已有政策解读 \(first.location.path)", at: at)
                continue
            }
            if let issue = issueByID[interpretation.issueID], !issue.sections.contains(interpretation.section) {
                diagnostics.error("栏目“\(interpretation.section)”不在本期 issue.yaml 的 `sections` 中", at: interpretation.location(of: "section"))
            }
            byDocument[interpretation.documentID] = interpretation
        }
        let ordered = byDocument.keys.sorted { order[$0]! < order[$1]! }.map { byDocument[$0]! }
        for document in orderedDocuments where byDocument[document.id] == nil {
            if document.attachments.contains(where: { $0.contains("政策解读") }) {
                diagnostics.warning("附件说明列有政策解读，但本站未发布该解读（页面将注明“未在本站发布”）",
                                    at: document.location(of: "attachments"))
            }
        }
        return ordered
    }
}

import GazetteModel

extension API {
    /// One 政策解读 in `interpretations.json`.
    struct InterpretationSummary: Encodable {
        let id: String
        let title: String
        /// The interpreted document's 发文字号 (or id) as the file writes it.
        let interprets: String
        let documentID: String
        @Nullable var documentNumber: String?
        @Nullable var date: String?
        @Nullable var issuer: String?
        let issueID: String
        let section: String
        @Nullable var page: Int?
        @Nullable var citation: String?
        let path: String
        let url: String
        let jsonPath: String
        let jsonURL: String
    }

    /// What `interpretations/<id>.json` adds to the summary.
    struct InterpretationDetail: Encodable {
        let bodyHTML: String
        let bodyText: String
        let attachments: [Attachment]
        let tables: [Table]
        @Nullable var document: Link?
        @Nullable var issue: Link?
    }
}

extension OpenData {
    func summary(_ interpretation: Interpretation) -> API.InterpretationSummary {
        let document = site.document(id: interpretation.documentID)
        return API.InterpretationSummary(
            id: interpretation.id, title: interpretation.title, interprets: interpretation.interprets,
            documentID: interpretation.documentID, documentNumber: document?.number?.description,
            date: site.date(of: interpretation)?.iso, issuer: interpretation.issuer ?? document?.issuer,
            issueID: interpretation.issueID, section: interpretation.section, page: interpretation.page,
            citation: site.citation(issueID: interpretation.issueID, page: interpretation.page),
            path: SiteURL.interpretation(interpretation.id), url: url(SiteURL.interpretation(interpretation.id)),
            jsonPath: SiteURL.apiInterpretation(interpretation.id),
            jsonURL: url(SiteURL.apiInterpretation(interpretation.id)))
    }

    func detail(_ interpretation: Interpretation) -> Merged<API.InterpretationSummary, API.InterpretationDetail> {
        let body = bodies["interpretations/\(interpretation.id)"]
        let attachments = (body?.attachments ?? []).map {
            API.Attachment(number: nil, name: nil, label: $0.label, title: $0.title, html: $0.html,
                           interpretationID: nil, published: true)
        }
        return Merged(first: summary(interpretation), second: API.InterpretationDetail(
            bodyHTML: body?.html ?? "", bodyText: body?.text ?? "", attachments: attachments,
            tables: tables(body, folder: "interpretations/\(interpretation.id)"),
            document: site.document(id: interpretation.documentID).map(link),
            issue: site.issue(id: interpretation.issueID).map(link)))
    }
}

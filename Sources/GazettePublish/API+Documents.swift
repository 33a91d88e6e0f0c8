import GazetteModel

extension API {
    /// One document in `documents.json`: its metadata, the columns of `documents.csv`.
    struct DocumentSummary: Encodable {
        let id: String
        /// 发文字号.
        @Nullable var documentNumber: String?
        @Nullable var numberParts: NumberParts?
        let title: String
        /// 文种.
        @Nullable var type: String?
        /// 发文机关.
        let issuer: String
        @Nullable var issuerCode: String?
        /// 主送机关.
        let recipients: [String]
        /// 成文日期.
        let signingDate: String
        /// 发布日期: the date of its issue.
        @Nullable var publicationDate: String?
        let issueID: String
        let section: String
        @Nullable var page: Int?
        @Nullable var citation: String?
        let topics: [String]
        let status: String
        let statusCode: String
        @Nullable var supersedes: String?
        @Nullable var supersedesID: String?
        @Nullable var interpretationID: String?
        let path: String
        let url: String
        let jsonPath: String
        let jsonURL: String
    }

    /// 机关代字, year and serial of a 发文字号.
    struct NumberParts: Encodable, Sendable {
        let agencyCode: String
        let year: Int
        let serial: Int
    }

    /// What `documents/<id>.json` adds to the summary.
    struct DocumentDetail: Encodable {
        let bodyHTML: String
        let bodyText: String
        let attachments: [Attachment]
        let tables: [Table]
        let noticeRules: [NoticeRule]
        @Nullable var interpretation: Link?
        @Nullable var issue: Link?
    }

    /// One line of 附件说明, with the attachment when it is printed on the page.
    struct Attachment: Encodable {
        /// 1-based position in 附件说明; null for a printed attachment it does not list.
        @Nullable var number: Int?
        /// The name as 附件说明 gives it.
        @Nullable var name: String?
        /// `附件1`, when printed.
        @Nullable var label: String?
        @Nullable var title: String?
        @Nullable var html: String?
        /// Id of the interpretation, for the line 政策解读.
        @Nullable var interpretationID: String?
        /// False when the site does not publish it.
        let published: Bool
    }

    /// A 公示 the document mandates, with the notices made under it.
    struct NoticeRule: Encodable {
        let id: String
        let reference: String
        let name: String
        let workingDays: Int
        let quote: String
        let notices: [Link]
    }
}

extension OpenData {
    func summary(_ document: Document) -> API.DocumentSummary {
        let supersededID = document.supersedes.flatMap { number in
            site.documents.first { $0.number == number }?.id
        }
        return API.DocumentSummary(
            id: document.id, documentNumber: document.number?.description,
            numberParts: document.number.map { API.NumberParts(agencyCode: $0.agencyCode, year: $0.year, serial: $0.serial) },
            title: document.title, type: document.genre, issuer: document.issuer,
            issuerCode: site.config.issuerCode(of: document), recipients: document.recipients,
            signingDate: document.date.iso, publicationDate: site.publicationDate(of: document)?.iso,
            issueID: document.issueID, section: document.section, page: document.page,
            citation: site.citation(issueID: document.issueID, page: document.page), topics: document.topics,
            status: document.status.rawValue, statusCode: document.status.code,
            supersedes: document.supersedes?.description, supersedesID: supersededID,
            interpretationID: site.interpretation(of: document.id)?.id,
            path: SiteURL.document(document.id), url: url(SiteURL.document(document.id)),
            jsonPath: SiteURL.apiDocument(document.id), jsonURL: url(SiteURL.apiDocument(document.id)))
    }

    func detail(_ document: Document) -> Merged<API.DocumentSummary, API.DocumentDetail> {
        let body = bodies["documents/\(document.id)"]
        let interpretation = site.interpretation(of: document.id)
        let rules = document.noticeRules.map { rule in
            API.NoticeRule(
                id: rule.id, reference: "\(document.number?.description ?? document.id)#\(rule.id)", name: rule.name,
                workingDays: rule.workingDays, quote: rule.quote,
                notices: site.notices(under: document.id).filter { $0.rule.ruleID == rule.id }.map(link))
        }
        return Merged(first: summary(document), second: API.DocumentDetail(
            bodyHTML: body?.html ?? "", bodyText: body?.text ?? "",
            attachments: attachments(of: document, body: body, interpretation: interpretation),
            tables: tables(body, folder: "documents/\(document.id)"), noticeRules: rules,
            interpretation: interpretation.map(link), issue: site.issue(id: document.issueID).map(link)))
    }

    func link(_ notice: Notice) -> API.Link {
        API.Link(id: notice.id, title: notice.title, path: SiteURL.notice(notice.id),
                 url: url(SiteURL.notice(notice.id)), jsonPath: nil, jsonURL: nil)
    }

    /// 附件说明 line by line, matched with the attachments printed on the page (`附件N`),
    /// then any printed attachment that 附件说明 does not list.
    private func attachments(of document: Document, body: PublishedBody?,
                             interpretation: Interpretation?) -> [API.Attachment] {
        let printed = body?.attachments ?? []
        var used: Set<String> = []
        var result = document.attachments.enumerated().map { index, name -> API.Attachment in
            let label = "附件\(index + 1)"
            if name.contains("政策解读") {
                return API.Attachment(number: index + 1, name: name, label: nil, title: nil, html: nil,
                                      interpretationID: interpretation?.id, published: interpretation != nil)
            }
            guard let match = printed.first(where: { $0.label == label }) else {
                return API.Attachment(number: index + 1, name: name, label: nil, title: nil, html: nil,
                                      interpretationID: nil, published: false)
            }
            used.insert(label)
            return API.Attachment(number: index + 1, name: name, label: label, title: match.title, html: match.html,
                                  interpretationID: nil, published: true)
        }
        for extra in printed where !used.contains(extra.label) {
            result.append(API.Attachment(number: nil, name: nil, label: extra.label, title: extra.title,
                                         html: extra.html, interpretationID: nil, published: true))
        }
        return result
    }
}

extension DocumentStatus {
    /// Stable ASCII name for JSON and CSV.
    var code: String {
        switch self {
        case .valid: return "valid"
        case .expired: return "expired"
        case .repealed: return "repealed"
        }
    }
}

import GazetteModel

/// schema.org `Legislation` (https://schema.org/Legislation) for a document page, so search
/// engines and legal-data tools read the 发文字号, dates and validity from the page itself.
struct LegislationJSONLD {
    let site: Site

    /// The JSON-LD text, safe inside `<script type="application/ld+json">`.
    func script(for document: Document) -> String {
        let config = site.config
        let issue = site.issue(id: document.issueID)
        var value: [String: JSONText] = [
            "@context": .string("https://schema.org"),
            "@type": .string("Legislation"),
            "name": .string(document.title),
            "url": .string(config.absoluteURL(SiteURL.document(document.id))),
            "inLanguage": .string(config.language),
            "legislationDate": .string(document.date.iso),
            "legislationJurisdiction": .object(["@type": .string("AdministrativeArea"), "name": .string(config.jurisdiction)]),
            // schema.org's LegalForceStatus: 有效 is in force; 失效 and 废止 are not.
            "legislationLegalForce": .string(document.status == .valid ? "InForce" : "NotInForce"),
            "legislationPassedBy": .object(["@type": .string("GovernmentOrganization"), "name": .string(document.issuer)]),
            "publisher": .object(["@type": .string("GovernmentOrganization"), "name": .string(config.publisher)]),
            "encoding": .object([
                "@type": .string("LegislationObject"),
                "encodingFormat": .string("application/json"),
                "contentUrl": .string(config.absoluteURL(SiteURL.apiDocument(document.id))),
            ]),
        ]
        if let number = document.number { value["legislationIdentifier"] = .string(number.description) }
        if let genre = document.genre { value["legislationType"] = .string(genre) }
        if !document.topics.isEmpty { value["keywords"] = .string(document.topics.joined(separator: ",")) }
        if let published = issue?.published { value["datePublished"] = .string(published.iso) }
        if let issue {
            value["isPartOf"] = .object([
                "@type": .string("PublicationIssue"),
                "name": .string("\(config.title) \(issue.label)"),
                "issueNumber": .string("\(issue.number)"),
                "datePublished": .string(issue.published.iso),
                "url": .string(config.absoluteURL(SiteURL.issue(issue.id))),
            ])
        }
        if let page = document.page { value["pageStart"] = .int(page) }
        // Inside <script> the text must not be able to close the element or open a comment.
        return JSONText.object(value).text(scriptSafe: true)
    }
}

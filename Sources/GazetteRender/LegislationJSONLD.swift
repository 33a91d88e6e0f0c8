import Foundation
import GazetteModel

/// schema.org `Legislation` (https://schema.org/Legislation) for a document page, so search
/// engines and legal-data tools read the 发文字号, dates and validity from the page itself.
struct LegislationJSONLD {
    let site: Site

    /// The JSON-LD text, safe inside `<script type="application/ld+json">`.
    func script(for document: Document) -> String {
        let config = site.config
        let issue = site.issue(id: document.issueID)
        var value: [String: Any] = [
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": document.title,
            "url": config.absoluteURL(SiteURL.document(document.id)),
            "inLanguage": config.language,
            "legislationDate": document.date.iso,
            "legislationJurisdiction": ["@type": "AdministrativeArea", "name": config.jurisdiction],
            // schema.org's LegalForceStatus: 有效 is in force; 失效 and 废止 are not.
            "legislationLegalForce": document.status == .valid ? "InForce" : "NotInForce",
            "legislationPassedBy": ["@type": "GovernmentOrganization", "name": document.issuer],
            "publisher": ["@type": "GovernmentOrganization", "name": config.publisher],
            "encoding": [
                "@type": "LegislationObject",
                "encodingFormat": "application/json",
                "contentUrl": config.absoluteURL(SiteURL.apiDocument(document.id)),
            ],
        ]
        if let number = document.number { value["legislationIdentifier"] = number.description }
        if let genre = document.genre { value["legislationType"] = genre }
        if !document.topics.isEmpty { value["keywords"] = document.topics.joined(separator: ",") }
        if let published = issue?.published { value["datePublished"] = published.iso }
        if let issue {
            value["isPartOf"] = [
                "@type": "PublicationIssue",
                "name": "\(config.title) \(issue.label)",
                "issueNumber": "\(issue.number)",
                "datePublished": issue.published.iso,
                "url": config.absoluteURL(SiteURL.issue(issue.id)),
            ]
        }
        if let page = document.page { value["pageStart"] = page }
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        // Inside <script> the text must not be able to close the element or open a comment.
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

import Foundation
import GazetteModel

/// `/feed.json`: JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).
struct JSONFeed: Encodable {
    struct Author: Encodable {
        let name: String
    }

    struct Item: Encodable {
        let id: String
        let url: String
        let title: String
        let contentHTML: String
        let contentText: String
        let summary: String
        let datePublished: String
        let authors: [Author]
        let tags: [String]
        /// Extension keys start with an underscore (JSON Feed 1.1, “Extensions”).
        let gazette: Gazette

        enum CodingKeys: String, CodingKey {
            case id, url, title, contentHTML, contentText, summary, datePublished, authors, tags
            case gazette = "_gazette"
        }
    }

    struct Gazette: Encodable {
        let kind: String
        let id: String
        @Nullable var documentNumber: String?
        @Nullable var issuerCode: String?
        @Nullable var signingDate: String?
        let jsonURL: String
    }

    let version = "https://jsonfeed.org/version/1.1"
    let title: String
    let homePageURL: String
    let feedURL: String
    let description: String
    let language: String
    let authors: [Author]
    let items: [Item]
}

extension OpenData {
    func jsonFeed(items: [FeedItem]) -> Data {
        let config = site.config
        let feed = JSONFeed(
            title: config.title, homePageURL: config.absoluteURL(""), feedURL: url(SiteURL.jsonFeed),
            description: "\(config.publisher)发布的最新文件和政策解读", language: config.language,
            authors: [JSONFeed.Author(name: config.publisher)],
            items: items.prefix(Self.feedLimit).map { item in
                JSONFeed.Item(
                    id: item.pageURL, url: item.pageURL, title: item.title, contentHTML: item.html,
                    contentText: item.text, summary: item.summary, datePublished: XML.timestamp(item.published),
                    authors: [JSONFeed.Author(name: item.issuer)], tags: item.tags,
                    gazette: JSONFeed.Gazette(kind: item.kind, id: item.id, documentNumber: item.documentNumber,
                                              issuerCode: item.issuerCode, signingDate: item.date?.iso,
                                              jsonURL: item.jsonURL))
            })
        return JSONOutput.encode(feed)
    }
}

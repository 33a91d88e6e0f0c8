import Foundation
import GazetteModel

/// A rendered body as the data files publish it.
public struct PublishedBody: Sendable {
    public struct Attachment: Sendable {
        public let label: String
        public let title: String
        public let html: String
        public init(label: String, title: String, html: String) {
            self.label = label
            self.title = title
            self.html = html
        }
    }

    public struct Table: Sendable {
        /// `table-1`: the CSV and JSON beside the page are `<anchor>.csv` / `<anchor>.json`.
        public let anchor: String
        public let caption: String?
        public let header: [String]
        public let rows: [[String]]
        public init(anchor: String, caption: String?, header: [String], rows: [[String]]) {
            self.anchor = anchor
            self.caption = caption
            self.header = header
            self.rows = rows
        }
    }

    public let html: String
    public let text: String
    public let attachments: [Attachment]
    public let tables: [Table]

    public init(html: String, text: String, attachments: [Attachment], tables: [Table]) {
        self.html = html
        self.text = text
        self.attachments = attachments
        self.tables = tables
    }
}

/// The open-data side of the site: JSON API with schemas, feeds, sitemap, downloads.
public struct OpenData {
    public let site: Site
    /// Bodies by page folder: `documents/<id>`, `interpretations/<id>`, `notices/<id>`.
    public let bodies: [String: PublishedBody]

    public init(site: Site, bodies: [String: PublishedBody]) {
        self.site = site
        self.bodies = bodies
    }

    /// Every data file, as (path below the output root, bytes). `pages` lists the URL paths of
    /// every HTML page the build writes (`documents/azbf-2023-7/`, `404.html`…), for the sitemap.
    public func files(pages: [String]) -> [(path: String, data: Data)] {
        []
    }
}

import GazetteModel

/// Atom 1.0 (RFC 4287) feeds: the whole gazette at `/feed.xml`, one per issuer at
/// `/issuers/<code>/feed.xml`.
struct AtomFeed {
    let title: String
    let subtitle: String
    /// Where the feed is published, relative to the site root.
    let path: String
    let items: [FeedItem]
    let site: Site

    /// The feed's XML. Every value from content is escaped (never CDATA), so a `]]>` or `<`
    /// in a title or body cannot break the document.
    var xml: String {
        let config = site.config
        let selfURL = config.absoluteURL(path)
        // The newest entry dates the feed; an empty feed takes the build date.
        let updated = items.map(\.published).max() ?? site.today
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(XML.escape(config.language))">"#,
            "  <id>\(XML.escape(selfURL))</id>",
            "  <title>\(XML.escape(title))</title>",
            "  <subtitle>\(XML.escape(subtitle))</subtitle>",
            #"  <link rel="self" type="application/atom+xml" href="\#(XML.escape(selfURL))"/>"#,
            #"  <link rel="alternate" type="text/html" href="\#(XML.escape(config.absoluteURL("")))"/>"#,
            "  <updated>\(XML.timestamp(updated))</updated>",
            "  <author><name>\(XML.escape(config.publisher))</name></author>",
        ]
        for item in items { lines += entry(item) }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    private func entry(_ item: FeedItem) -> [String] {
        var lines = [
            "  <entry>",
            "    <id>\(XML.escape(item.pageURL))</id>",
            "    <title type=\"text\">\(XML.escape(item.title))</title>",
            #"    <link rel="alternate" type="text/html" href="\#(XML.escape(item.pageURL))"/>"#,
            #"    <link rel="alternate" type="application/json" href="\#(XML.escape(item.jsonURL))"/>"#,
            "    <published>\(XML.timestamp(item.published))</published>",
            "    <updated>\(XML.timestamp(item.published))</updated>",
            "    <author><name>\(XML.escape(item.issuer))</name></author>",
        ]
        lines += item.tags.map { #"    <category term="\#(XML.escape($0))"/>"# }
        lines += [
            "    <summary type=\"text\">\(XML.escape(item.summary))</summary>",
            // xml:base resolves the body's relative links (#table-1) against the page.
            #"    <content type="html" xml:base="\#(XML.escape(item.pageURL))">\#(XML.escape(item.html))</content>"#,
            "  </entry>",
        ]
        return lines
    }
}

extension OpenData {
    /// `/feed.xml` and one feed per issuer code of site.yaml: each feed's path and entries, and how to make
    /// its XML (a rebuild keeps a feed whose items are unchanged without making it).
    func atomFeeds(entries: [FeedEntry]) -> [(path: String, entries: [FeedEntry], xml: () -> String)] {
        let config = site.config
        var feeds: [(path: String, entries: [FeedEntry], xml: () -> String)] = []
        func feed(_ path: String, title: String, subtitle: String, _ entries: [FeedEntry]) {
            feeds.append((path, entries, {
                AtomFeed(title: title, subtitle: subtitle, path: path, items: entries.map { $0.item() }, site: site).xml
            }))
        }
        feed(SiteURL.atomFeed, title: config.title, subtitle: "\(config.publisher)发布的最新文件和政策解读",
             Array(entries.prefix(Self.feedLimit)))
        for (agency, code) in config.issuerCodes.sorted(by: { $0.value < $1.value }) {
            feed(SiteURL.issuerFeed(code), title: "\(config.title) — \(agency)",
                 subtitle: "发文字号为“\(agency)〔年份〕N号”的文件及其政策解读",
                 Array(entries.lazy.filter { $0.issuerCode == code }.prefix(Self.feedLimit)))
        }
        return feeds
    }
}

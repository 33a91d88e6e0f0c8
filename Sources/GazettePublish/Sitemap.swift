import GazetteModel

/// `/sitemap.xml` (sitemaps.org 0.9) and `/robots.txt`.
enum Sitemap {
    /// Pages a search engine should not list: the error page exists only to be shown for missing URLs.
    static let excluded: Set<String> = ["404.html"]

    /// Every HTML page of `pages` (URL paths relative to the root), absolute, in the given order.
    static func xml(pages: [String], config: SiteConfig) -> String {
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"#,
        ]
        for page in pages where !excluded.contains(page) && isHTML(page) {
            lines.append("  <url><loc>\(XML.escape(config.absoluteURL(page)))</loc></url>")
        }
        lines.append("</urlset>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Everything may be crawled; the sitemap says where the pages are.
    static func robots(config: SiteConfig) -> String {
        """
        User-agent: *
        Disallow:

        Sitemap: \(config.absoluteURL(SiteURL.sitemap))

        """
    }

    /// A folder URL (`documents/x/`, the root ``) or an `.html` file.
    private static func isHTML(_ page: String) -> Bool { page.isEmpty || page.hasSuffix("/") || page.hasSuffix(".html") }
}

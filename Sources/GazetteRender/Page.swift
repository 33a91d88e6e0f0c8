import GazetteModel

/// One output page: where it goes, which template draws it, and what the template sees.
public struct Page: @unchecked Sendable {
    /// Path below the output root, e.g. `documents/azbf-2023-7/index.html`.
    public let path: String
    public let template: String
    public let context: [String: Any]
    /// Title shown in the browser tab and in the sitemap.
    public let title: String

    public init(path: String, template: String, title: String, context: [String: Any]) {
        self.path = path
        self.template = template
        self.title = title
        self.context = context
    }

    /// The page's URL path relative to the site root, with a trailing slash for `index.html`.
    public var urlPath: String { Self.urlPath(of: path) }

    /// The URL path of a page written at `path`.
    public static func urlPath(of path: String) -> String {
        path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
    }
}

/// Values every page's layout needs: site name, relative root, navigation.
struct Layout {
    let site: Site

    /// `../../` for a page two folders deep: relative links keep the site working
    /// under any base path and when opened from disk.
    static func root(for path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    func context(path: String, title: String, section: String, extra: [String: Any]) -> [String: Any] {
        var context: [String: Any] = [
            "root": Layout.root(for: path),
            "page_title": title,
            "site_title": site.config.title,
            "publisher": site.config.publisher,
            "language": site.config.language,
            "canonical": site.config.baseURL + Page(path: path, template: "", title: "", context: [:]).urlPath,
            "nav": Layout.navigation.map { item in
                ["label": item.label, "url": item.url, "current": item.key == section]
            },
        ]
        if let mn = site.config.titleMongolian { context["site_title_mn"] = mn }
        context.merge(extra) { _, new in new }
        return context
    }

    static let navigation: [(key: String, label: String, url: String)] = [
        ("home", "首页", ""),
        ("issues", "公报", SiteURL.issues),
        ("documents", "文件", SiteURL.documents),
        ("notices", "公示", SiteURL.notices),
        ("leadership", "领导分工", SiteURL.leadership),
    ]
}

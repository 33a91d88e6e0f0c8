import Foundation
import GazetteModel
import GazetteParallel
import GazetteRender

/// Internal links in Markdown bodies must lead to a page or file that this build publishes.
///
/// A body is published at `documents/<id>/` (or `interpretations/`, `notices/`), so a link
/// is resolved as a browser resolves it there: `../x/` against that folder, `/x/` against
/// the site root, and `https://…` under the site's own `base_url` like `/…`. Other links
/// with a scheme (`https:`, `mailto:`, `tel:`; unsafe ones are dropped by cmark anyway),
/// `//host` links and same-page `#fragment` links are not checked.
struct LinkCheck {
    /// The path of `baseURL` (`/gongbao/`).
    private var basePath: String? {
        let parts = baseURL.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        return parts.count == 4 ? "/" + parts[3] : nil
    }

    /// Every path of the build below the output root (`documents/x/index.html`, `feed.xml`), made into a
    /// set the first time a link is looked up: hashing 45,000 paths for a gazette whose bodies link nowhere
    /// in the site was most of this check.
    private let outputs: Once<Set<String>>
    /// The site's `base_url`, with its trailing slash.
    let baseURL: String

    /// Where a link leads.
    enum Target: Equatable {
        /// Not a link into this site: nothing to check.
        case notChecked
        /// A path below the site root; empty or ending in `/` for a folder.
        case path(String)
        /// `..` climbs above the site root.
        case outsideSite
    }

    init(outputs: Set<String>, baseURL: String) {
        self.init(baseURL: baseURL) { outputs }
    }

    private init(baseURL: String, outputs: @escaping () -> Set<String>) {
        self.outputs = Once(outputs)
        self.baseURL = baseURL
    }

    /// The build's pages and files, plus the theme's assets copied beside them at emit.
    init(site: Site, outputs: [String], themeRoot: URL) {
        self.init(baseURL: site.config.baseURL) {
            let assets = themeRoot.appendingPathComponent("assets")
            let names = (FileManager.default.enumerator(atPath: assets.path)?.allObjects as? [String]) ?? []
            return Set(outputs + names.map { "assets/\($0)" })
        }
    }

    /// Reports every link of `bodies` that leads to nothing, at the link's line and column.
    func check(_ bodies: [(String, String, RenderedBody)], diagnostics: inout Diagnostics) {
        for (folder, id, body) in bodies {
            let page = "\(folder)/\(id)/"
            for link in body.links {
                switch target(of: link.url, from: page) {
                case .notChecked:
                    break
                case .outsideSite:
                    diagnostics.error("链接“\(link.url)”指向网站根目录之外", at: link.location)
                case .path(let path) where !exists(path):
                    diagnostics.error("链接“\(link.url)”指向的页面不存在（\(path.isEmpty ? "/" : path)）", at: link.location)
                case .path:
                    break
                }
            }
        }
    }

    /// True when the build publishes `path`: a file, or a folder (with or without its
    /// trailing slash) holding an `index.html`.
    func exists(_ path: String) -> Bool {
        let outputs = outputs.value
        if path.isEmpty || path.hasSuffix("/") { return outputs.contains(path + "index.html") }
        return outputs.contains(path) || outputs.contains(path + "/index.html")
    }

    /// Resolves `url` as written in the body of the page at `page` (`documents/x/`).
    func target(of url: String, from page: String) -> Target {
        var url = url.trimmingCharacters(in: .whitespaces)
        if url.hasPrefix(baseURL) { url = "/" + url.dropFirst(baseURL.count) }
        // Served under a base path (`/gongbao/`), `/gongbao/x/` is `/x/` of the site.
        if let basePath, basePath != "/", url.hasPrefix(basePath) { url = "/" + url.dropFirst(basePath.count) }
        if url.isEmpty || url.hasPrefix("#") || url.hasPrefix("//") || Self.hasScheme(url) { return .notChecked }
        if let end = url.firstIndex(where: { $0 == "?" || $0 == "#" }) { url = String(url[..<end]) }
        url = url.removingPercentEncoding ?? url
        var folders = url.hasPrefix("/") ? [] : page.split(separator: "/").map(String.init)
        let parts = url.split(separator: "/", omittingEmptySubsequences: false)
        for part in parts where !part.isEmpty && part != "." {
            if part == ".." {
                guard !folders.isEmpty else { return .outsideSite }
                folders.removeLast()
            } else {
                folders.append(String(part))
            }
        }
        let last = parts.last ?? ""
        let isFolder = url.isEmpty || last.isEmpty || last == "." || last == ".."
        let path = folders.joined(separator: "/")
        return .path(isFolder && !path.isEmpty ? path + "/" : path)
    }

    /// `mailto:`, `https:`, `javascript:`…: RFC 3986 scheme, letter first.
    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":"), let first = url.first, first.isASCII, first.isLetter else { return false }
        let scheme = url[..<colon]
        guard !scheme.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." ) }
    }
}

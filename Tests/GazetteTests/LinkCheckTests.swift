import Foundation
import Testing
@testable import GazetteBuild
import GazetteModel

/// Internal links: those in Markdown bodies are checked by the build, and the whole built
/// seed site is crawled here: no broken relative link, no page that no link reaches.
@Suite("Link check")
struct LinkCheckTests {
    static let check = LinkCheck(outputs: ["index.html", "documents/a/index.html", "documents/a/table-1.csv",
                                           "notices/n/index.html", "feed.xml"],
                                 baseURL: "https://example.gov.cn/gongbao/")

    // MARK: - Resolving a body link

    @Test(arguments: [
        ("../a/", "documents/a/"), ("../a", "documents/a"), ("table-1.csv", "documents/b/table-1.csv"),
        ("../../notices/n/", "notices/n/"), ("/notices/n/", "notices/n/"), ("/", ""), ("./", "documents/b/"),
        ("../a/?print=1#attachment-1", "documents/a/"), ("../%61/", "documents/a/"),
        ("https://example.gov.cn/gongbao/feed.xml", "feed.xml"), ("/gongbao/notices/n/", "notices/n/"),
    ])
    func relativeAndRootRelativeLinksResolveAgainstThePageFolder(url: String, path: String) {
        #expect(Self.check.target(of: url, from: "documents/b/") == .path(path))
    }

    @Test(arguments: ["https://www.gov.cn/", "http://x.cn", "mailto:a@b.cn", "tel:0482-0000000", "#attachment-1",
                      "//cdn.example.com/x.js", "javascript:alert(1)", ""])
    func externalAndSamePageLinksAreNotChecked(url: String) {
        #expect(Self.check.target(of: url, from: "documents/b/") == .notChecked)
    }

    @Test func climbingAboveTheSiteRootIsReported() {
        #expect(Self.check.target(of: "../../../x/", from: "documents/b/") == .outsideSite)
    }

    @Test func aFolderIsFoundByItsIndexWithOrWithoutTheTrailingSlash() {
        #expect(Self.check.exists("documents/a/"))
        #expect(Self.check.exists("documents/a"))
        #expect(Self.check.exists(""))
        #expect(Self.check.exists("documents/a/table-1.csv"))
        #expect(!Self.check.exists("documents/c/"))
        #expect(!Self.check.exists("documents/a/table-2.csv"))
    }

    // MARK: - In a build

    @Test func brokenBodyLinksAreErrorsAtTheirLineAndColumn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base + """

        -- issues/2023-01/links.md --
        ---
        kind: document
        number: 测政办发〔2023〕10号
        title: 关于转发文件的通知
        issuer: 测试市人民政府办公室
        date: 2023-03-09
        section: 政府办公室文件
        page: 2
        ---
        见[方案](../cszbf-2023-9/)与[旧文](../cszbf-2023-8/)。

        - 又见[公示](/notices/none/)、[外网](https://www.gov.cn/)和[本页](#top)
        - 越界[链接](../../../../etc/passwd)，图片![图](missing.png)
        """, in: folder)
        let build = TestBuild(content: site.root, into: folder)
        let links = build.diagnosticLines.filter { $0.contains("链接") }
        #expect(links == [
            "issues/2023-01/links.md:10:25: error: 链接“../cszbf-2023-8/”指向的页面不存在（documents/cszbf-2023-8/）",
            "issues/2023-01/links.md:12:5: error: 链接“/notices/none/”指向的页面不存在（notices/none/）",
            "issues/2023-01/links.md:13:36: error: 链接“missing.png”指向的页面不存在（documents/cszbf-2023-10/missing.png）",
            "issues/2023-01/links.md:13:5: error: 链接“../../../../etc/passwd”指向网站根目录之外",
        ], "\(build.diagnosticLines)")
        #expect(!build.report.published)
    }

    // MARK: - The built seed site

    @Test func everyRelativeLinkOfTheBuiltSeedSiteLeadsToAFile() throws {
        let site = BuiltSite.seed
        try #require(site.errors.isEmpty, "\(site.errors)")
        var broken: [String] = []
        for (page, html) in Self.htmlPages(site) {
            for url in Self.linkTargets(in: html) {
                guard case .path(let path) = Self.resolve(url, from: page) else { continue }
                if Self.file(for: path, in: site) == nil { broken.append("\(page): \(url)") }
            }
        }
        #expect(broken.isEmpty, "\(broken.count) broken: \(broken.prefix(20))")
    }

    @Test func everyPageOfTheBuiltSeedSiteIsReachableFromTheHomePage() throws {
        let site = BuiltSite.seed
        let pages = Self.htmlPages(site)
        var reached: Set<String> = ["index.html"]
        var queue = ["index.html"]
        while let page = queue.popLast() {
            for url in Self.linkTargets(in: pages[page] ?? "") {
                guard case .path(let path) = Self.resolve(url, from: page),
                      let target = Self.file(for: path, in: site), target.hasSuffix(".html"),
                      reached.insert(target).inserted else { continue }
                queue.append(target)
            }
        }
        let orphans = pages.keys.filter { !reached.contains($0) && $0 != "404.html" }.sorted()
        #expect(pages.count > 20)
        #expect(orphans.isEmpty, "pages no link reaches: \(orphans)")
    }

    // MARK: - Helpers

    static func htmlPages(_ site: BuiltSite) -> [String: String] {
        site.files.filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    /// Values of `href`, `src` and form `action` attributes, with the entities templates write decoded.
    static func linkTargets(in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: #"\s(?:href|src|action)\s*=\s*"([^"]*)""#)
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).compactMap { match in
            Range(match.range(at: 1), in: html).map { decodeEntities(String(html[$0])) }
        }
    }

    static func decodeEntities(_ s: String) -> String {
        s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// A link of the built page `page` (`documents/x/index.html`), resolved like a browser would.
    static func resolve(_ url: String, from page: String) -> LinkCheck.Target {
        let folder = page.split(separator: "/").dropLast().joined(separator: "/")
        let checker = LinkCheck(outputs: [], baseURL: BuiltSite.seedBaseURL)
        return checker.target(of: url, from: folder.isEmpty ? "" : folder + "/")
    }

    /// The published file a resolved path names (a folder → its `index.html`).
    static func file(for path: String, in site: BuiltSite) -> String? {
        if path.isEmpty || path.hasSuffix("/") { return site.exists(path + "index.html") ? path + "index.html" : nil }
        if site.exists(path) { return path }
        return site.exists(path + "/index.html") ? path + "/index.html" : nil
    }
}

extension BuiltSite {
    /// `base_url` of the seed content: absolute links into the site are crawled too.
    static let seedBaseURL: String = {
        let text = (try? String(contentsOf: Repository.seedContent.appendingPathComponent("site.yaml"), encoding: .utf8)) ?? ""
        let line = text.split(separator: "\n").first { $0.hasPrefix("base_url:") } ?? ""
        let url = line.dropFirst("base_url:".count).trimmingCharacters(in: .whitespaces)
        return url.hasSuffix("/") ? url : url + "/"
    }()
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GazettePublish
import GazetteModel

/// Atom and JSON feeds, the sitemap and XML escaping, on sites written inline.
@Suite("Feeds")
struct FeedTests {
    /// A second issuer, and a title and body with everything that can break XML.
    static let tree = InlineSite.base + """

    -- site.yaml --
    title: 测试市人民政府公报
    publisher: 测试市人民政府办公室
    base_url: https://example.gov.cn/gb/
    issuer_codes: {测政办发: cszbf, 测政发: csf}
    -- issues/2023-01/notice.md --
    ---
    kind: document
    number: 测政发〔2023〕2号
    title: 关于<script>与“]]>”及 & 符号的通知
    issuer: 测试市人民政府
    date: 2023-03-10
    section: 政府办公室文件
    page: 3
    topics: [测试]
    ---
    正文含 ]]> 和 <b>标签</b> 以及 &amp; 实体。
    """

    static func build() throws -> (TestBuild, TemporaryFolder) {
        let folder = try TemporaryFolder()
        let content = try InlineSite(tree, in: folder)
        return (TestBuild(content: content.root, into: folder), folder)
    }

    @Test func atomFeedIsWellFormedWhateverTheContentHolds() throws {
        let (build, folder) = try Self.build()
        defer { folder.remove() }
        #expect(build.errors.isEmpty, "\(build.diagnosticLines)")
        let xml = try #require(build.text("feed.xml"))
        #expect(!xml.contains("CDATA"))
        #expect(xml.contains("<title type=\"text\">关于&lt;script&gt;与“]]&gt;”及 &amp; 符号的通知</title>"))
        let titles = try Self.parse(Data(xml.utf8), element: "title")
        #expect(titles.contains("关于<script>与“]]>”及 & 符号的通知"))
        let ids = try Self.parse(Data(xml.utf8), element: "id")
        #expect(ids.contains("https://example.gov.cn/gb/documents/csf-2023-2/"))
        #expect(ids.contains("https://example.gov.cn/gb/documents/cszbf-2023-9/"))
    }

    @Test func entriesAreNewestFirst() throws {
        let (build, folder) = try Self.build()
        defer { folder.remove() }
        let ids = try Self.parse(Data(try #require(build.text("feed.xml")).utf8), element: "id")
        // Same issue, so by 成文日期: 2023-03-10 before 2023-03-08.
        #expect(Array(ids.dropFirst()) == ["https://example.gov.cn/gb/documents/csf-2023-2/",
                                           "https://example.gov.cn/gb/documents/cszbf-2023-9/"])
    }

    @Test func eachIssuerHasAFeedOfItsOwnDocuments() throws {
        let (build, folder) = try Self.build()
        defer { folder.remove() }
        let csf = try Self.parse(Data(try #require(build.text("issuers/csf/feed.xml")).utf8), element: "id")
        let cszbf = try Self.parse(Data(try #require(build.text("issuers/cszbf/feed.xml")).utf8), element: "id")
        #expect(csf == ["https://example.gov.cn/gb/issuers/csf/feed.xml", "https://example.gov.cn/gb/documents/csf-2023-2/"])
        #expect(cszbf == ["https://example.gov.cn/gb/issuers/cszbf/feed.xml", "https://example.gov.cn/gb/documents/cszbf-2023-9/"])
    }

    @Test func jsonFeedIsVersionOnePointOneWithEveryItem() throws {
        let (build, folder) = try Self.build()
        defer { folder.remove() }
        let data = try #require(build.text("feed.json"))
        let feed = try #require(try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
        #expect(feed["version"] as? String == "https://jsonfeed.org/version/1.1")
        #expect(feed["feed_url"] as? String == "https://example.gov.cn/gb/feed.json")
        let items = try #require(feed["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["https://example.gov.cn/gb/documents/csf-2023-2/",
                                                       "https://example.gov.cn/gb/documents/cszbf-2023-9/"])
        #expect(items[0]["title"] as? String == "关于<script>与“]]>”及 & 符号的通知")
        #expect(items[0]["date_published"] as? String == "2023-03-29T00:00:00+08:00")
        #expect((items[0]["_gazette"] as? [String: Any])?["document_number"] as? String == "测政发〔2023〕2号")
    }

    @Test func feedsCarryTheNewestItemsOnlyWhileTheAPIKeepsTheArchive() throws {
        // More documents than a feed holds, dated in 2022 so that number 1 is the oldest of all (the base
        // site's policy, of 2023, is the newest).
        var tree = InlineSite.base
        let count = OpenData.feedLimit + 5
        for n in 1...count {
            let day = 1 + (n - 1) % 28, month = 1 + (n - 1) / 28
            tree += """

            -- issues/2023-01/d\(n).md --
            ---
            kind: document
            number: 测政办发〔2022〕\(100 + n)号
            title: 第\(n)号通知
            issuer: 测试市人民政府办公室
            date: 2022-0\(month)-\(day < 10 ? "0" : "")\(day)
            section: 政府办公室文件
            page: 2
            ---
            正文。
            """
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: try InlineSite(tree, in: folder).root, into: folder)
        #expect(build.errors.isEmpty, "\(build.diagnosticLines)")
        let atom = try #require(build.text("feed.xml"))
        let entries = try Self.parse(Data(atom.utf8), element: "id").dropFirst()
        #expect(entries.count == OpenData.feedLimit)
        #expect(Array(entries.prefix(2)) == ["https://example.gov.cn/documents/cszbf-2023-9/",
                                             "https://example.gov.cn/documents/cszbf-2022-\(100 + count)/"])
        #expect(!entries.contains("https://example.gov.cn/documents/cszbf-2022-101/"))
        let issuerFeed = try #require(build.text("issuers/cszbf/feed.xml"))
        #expect(try Self.parse(Data(issuerFeed.utf8), element: "id").count == 1 + OpenData.feedLimit)
        let jsonFeed = try #require(build.text("feed.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(jsonFeed.utf8)) as? [String: Any])
        #expect((json["items"] as? [Any])?.count == OpenData.feedLimit)
        let documents = try #require(build.text("api/v1/documents.json"))
        let api = try #require(try JSONSerialization.jsonObject(with: Data(documents.utf8)) as? [String: Any])
        #expect((api["documents"] as? [Any])?.count == count + 1)
    }

    @Test func escapingCoversMarkupQuotesAndForbiddenCharacters() {
        #expect(XML.escape("a<b>&\"c'd]]>") == "a&lt;b&gt;&amp;&quot;c&apos;d]]&gt;")
        #expect(XML.escape("制表\t换行\n\u{0}\u{8}\u{FFFE}") == "制表\t换行\n")
    }

    @Test func sitemapListsHTMLPagesAbsoluteAndLeavesOutTheErrorPage() {
        let config = SiteConfig(title: "t", titleMongolian: nil, publisher: "p", baseURL: "https://example.gov.cn/gb/",
                                language: "zh-Hans", issuerCodes: [:])
        let xml = Sitemap.xml(pages: ["", "404.html", "documents/a&b/", "search/"], config: config)
        #expect(xml.contains("<loc>https://example.gov.cn/gb/</loc>"))
        #expect(xml.contains("<loc>https://example.gov.cn/gb/documents/a&amp;b/</loc>"))
        #expect(!xml.contains("404"))
        #expect(Sitemap.robots(config: config).contains("Sitemap: https://example.gov.cn/gb/sitemap.xml\n"))
    }

    /// The text of every `element` of an XML document, failing on anything not well-formed.
    static func parse(_ data: Data, element: String) throws -> [String] {
        let collector = TextCollector(element: element)
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return collector.texts
    }
}

private final class TextCollector: NSObject, XMLParserDelegate {
    let element: String
    var texts: [String] = []
    private var current: String?

    init(element: String) { self.element = element }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == element { current = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == element, let text = current { texts.append(text); current = nil }
    }
}

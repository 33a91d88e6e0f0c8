import Testing
import GazetteModel

/// The real content: 阿尔山市人民政府公报 2023年第1期（总第9期）, built once by the real pipeline.
@Suite("Seed content")
struct SeedContentTests {
    /// The 8 documents of the printed issue, in its table of contents.
    static let numbers = [
        "阿政发〔2023〕3号",
        "阿政办发〔2023〕1号", "阿政办发〔2023〕3号", "阿政办发〔2023〕6号", "阿政办发〔2023〕7号",
        "阿政办发〔2023〕8号", "阿政办发〔2023〕9号", "阿政办发〔2023〕16号",
    ]

    /// The two 政策解读 printed in the issue, by the id of the document each explains.
    static let interpreted = ["azbf-2023-8", "azbf-2023-9"]

    @Test func seedContentBuildsWithoutErrors() {
        let build = BuiltSite.seed
        #expect(build.errors.isEmpty, "\(build.errors.map(\.description))")
        #expect(build.report.published)
    }

    @Test func issuePageLinksEveryDocumentByItsNumber() throws {
        let build = BuiltSite.seed
        let html = try #require(build.text("issues/2023-01/index.html"))
        let links = tableOfContentsLinks(in: html)
        #expect(links.map(\.number) == Self.numbers)
        for (number, href) in links {
            let id = try #require(Self.id(of: number))
            #expect(href == "../../documents/\(id)/", "\(number)")
            #expect(build.exists("documents/\(id)/index.html"), "\(number)")
        }
        #expect(html.contains("第1期（总第9期）"))
        #expect(html.contains("<time datetime=\"2023-03-29\">2023年3月29日</time>印发"))
        #expect(html.contains("lang=\"mn-Mong\""))
    }

    @Test func everyDocumentPageShowsItsNumberAndCitation() throws {
        let build = BuiltSite.seed
        for number in Self.numbers {
            let id = try #require(Self.id(of: number))
            let html = try #require(build.text("documents/\(id)/index.html"), "\(number)")
            #expect(html.contains("<p class=\"gov-doc__number\">\(number)</p>"), "\(number)")
            #expect(html.contains("<dt>发文字号</dt><dd>\(number)</dd>"), "\(number)")
            #expect(html.contains("阿尔山市人民政府公报 2023年第1期（总第9期）第"), "\(number)")
        }
    }

    @Test(arguments: interpreted)
    func interpretationAndItsDocumentLinkToEachOther(id: String) throws {
        let build = BuiltSite.seed
        let document = try #require(build.text("documents/\(id)/index.html"))
        let interpretation = try #require(build.text("interpretations/\(id)/index.html"))
        #expect(document.contains("href=\"../../interpretations/\(id)/\""))
        #expect(interpretation.contains("href=\"../../documents/\(id)/\""))
    }

    @Test func onlyThePrintedInterpretationsArePublished() throws {
        let build = BuiltSite.seed
        let published = Set(build.files.keys.filter { $0.hasPrefix("interpretations/") }
            .map { $0.split(separator: "/")[1] }.map(String.init))
        #expect(published.sorted() == Self.interpreted)
        // 阿政办发〔2023〕7号 lists a 政策解读 that the issue does not print: the page says so.
        let document = try #require(build.text("documents/azbf-2023-7/index.html"))
        #expect(document.contains("政策解读 <span class=\"badge\">未在本站发布</span>"))
    }

    @Test func tablesOfTheCourtyardEconomyPlanArePublished() throws {
        let build = BuiltSite.seed
        let html = try #require(build.text("documents/azbf-2023-9/index.html"))
        #expect(html.contains("<caption id=\"table-4-caption\">阿尔山市发展庭院经济奖补目录</caption>"))
        for n in 1...7 {
            #expect(build.exists("documents/azbf-2023-9/table-\(n).csv"))
            #expect(build.exists("documents/azbf-2023-9/table-\(n).json"))
        }
    }

    @Test func rebuildingTheSeedGivesByteIdenticalFiles() {
        let again = BuiltSite(content: Repository.seedContent)
        #expect(!again.files.isEmpty)
        #expect(again.files.keys.sorted() == BuiltSite.seed.files.keys.sorted())
        for (path, data) in again.files where BuiltSite.seed.files[path] != data {
            Issue.record("\(path) differs between two builds of the same content and day")
        }
    }

    /// `阿政办发〔2023〕7号` → `azbf-2023-7`, through the seed's issuer codes.
    static func id(of number: String) -> String? {
        guard case .success(let (parsed, _)) = DocumentNumber.parse(number) else { return nil }
        let codes = ["阿政发": "azf", "阿政办发": "azbf"]
        return codes[parsed.agencyCode].map { "\($0)-\(parsed.year)-\(parsed.serial)" }
    }
}

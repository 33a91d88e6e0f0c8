import Foundation
import Testing
import GazetteBuild
import GazetteModel
import GazetteRender

/// Small content trees under `Fixtures/`, built by the real pipeline into a temporary folder.
@Suite("Fixture sites")
struct FixtureSiteTests {
    static let valid = Repository.fixtures.appendingPathComponent("valid")
    static let invalid = Repository.fixtures.appendingPathComponent("invalid")

    // MARK: - Valid

    @Test func validSiteBuildsWithoutErrorsOrWarnings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.valid, into: folder)
        #expect(build.errors.isEmpty, "\(build.diagnosticLines)")
        #expect(build.warnings.isEmpty, "\(build.diagnosticLines)")
        #expect(build.report.published)
        #expect(build.report.stages.map(\.name) == ["load", "resolve", "render", "emit"])
    }

    @Test func validSitePublishesEveryPage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.valid, into: folder)
        for page in ["index.html", "404.html", "issues/index.html", "issues/2024-01/index.html",
                     "documents/index.html", "documents/czf-2024-1/index.html",
                     "documents/czbf-2024-1/index.html", "documents/czbf-2024-2/index.html",
                     "interpretations/czbf-2024-1/index.html", "assets/site.css", "assets/print.css"] {
            #expect(build.exists(page), "\(page)")
        }
        #expect(build.report.fileCount > 0)
        // Nothing is left beside the output but the build cache: no staging or previous folder.
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(siblings == [".gazette-cache", "public"])
    }

    @Test func issuePageListsEveryDocumentBySectionWithItsNumberAndPage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.valid, into: folder)
        let html = try #require(build.text("issues/2024-01/index.html"))
        let links = tableOfContentsLinks(in: html)
        #expect(links.map(\.number) == ["测政发〔2024〕1号", "测政办发〔2024〕1号", "测政办发〔2024〕2号"])
        #expect(links.map(\.href) == ["../../documents/czf-2024-1/", "../../documents/czbf-2024-1/",
                                      "../../documents/czbf-2024-2/"])
        #expect(html.contains("<h1 id=\"cover-title\" class=\"cover__title\">测试市人民政府公报</h1>"))
        #expect(html.contains("<p class=\"cover__mn\" lang=\"mn-Mong\">ᠲᠡᠰᠲ</p>"))
        #expect(html.contains("第1期（总第12期）"))
        #expect(html.contains("<span class=\"toc__page\">第5页</span>"))
        let governmentFiles = try #require(html.range(of: "<h3>政府文件</h3>"))
        let officeFiles = try #require(html.range(of: "<h3>政府办公室文件</h3>"))
        #expect(governmentFiles.lowerBound < officeFiles.lowerBound)
    }

    @Test func documentPageShowsTheElementsOfTheDocumentAndItsMetadata() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.valid, into: folder)
        let html = try #require(build.text("documents/czbf-2024-1/index.html"))
        #expect(html.contains("<p class=\"gov-doc__number\">测政办发〔2024〕1号</p>"))
        #expect(html.contains("<p class=\"gov-doc__recipients\">各镇人民政府、市直有关部门：</p>"))
        #expect(html.contains("<time datetime=\"2024-01-15\">2024年1月15日</time>"))
        #expect(html.contains("<dt>发布日期</dt><dd>2024年2月20日</dd>"))
        #expect(html.contains("<dt>刊登期次</dt><dd>2024年第1期（总第12期） 第5页</dd>"))
        #expect(html.contains("测试市人民政府公报 2024年第1期（总第12期）第5页"))
        #expect(html.contains("id=\"attachment-1\""))
        #expect(html.occurrences(of: "<h1") == 1)
    }

    @Test func interpretationAndDocumentLinkToEachOther() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.valid, into: folder)
        let document = try #require(build.text("documents/czbf-2024-1/index.html"))
        let interpretation = try #require(build.text("interpretations/czbf-2024-1/index.html"))
        #expect(document.contains("href=\"../../interpretations/czbf-2024-1/\""))
        #expect(interpretation.contains("href=\"../../documents/czbf-2024-1/\""))
        // The 附件说明 line “政策解读” links to it rather than saying it is not published.
        #expect(document.contains("<li><a href=\"../../interpretations/czbf-2024-1/\">政策解读</a></li>"))
        #expect(!document.contains("未在本站发布"))
        // The interpretation shows the number of the document it explains, and its date.
        #expect(interpretation.contains("<dt>解读文件</dt><dd>测政办发〔2024〕1号</dd>"))
        #expect(interpretation.contains("<dt>日期</dt><dd>2024年1月15日</dd>"))
    }

    @Test func tablesArePublishedAsCSVAndJSONBesideTheDocument() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.valid, into: folder)
        let csvText = try #require(build.text("documents/czbf-2024-1/table-1.csv"))
        #expect(csvText.hasPrefix("\u{FEFF}"))
        let table = try CSVTable.parse(String(csvText.dropFirst()), caption: "测试市庭院经济奖补目录").get()
        #expect(table.header == ["项目名称", "建设内容", "补助标准"])
        #expect(table.rows == [["温室", "墙体土建,钢骨架建设", "每平方米补贴100元，\n最高4000元"],
                               ["冷棚", "所谓\"冷棚\"即不加温大棚", "每平方米补贴50元"]])

        let jsonData = try #require(build.text("documents/czbf-2024-1/table-1.json")).data(using: .utf8)!
        let json = try #require(try JSONSerialization.jsonObject(with: jsonData) as? [String: Any])
        #expect(json["caption"] as? String == "测试市庭院经济奖补目录")
        #expect(json["header"] as? [String] == table.header)
        #expect(json["rows"] as? [[String]] == table.rows)

        // The blank form is published too, header only.
        let blank = try #require(build.text("documents/czbf-2024-1/table-2.csv"))
        #expect(blank == "\u{FEFF}序号,户主姓名,项目类型,申请金额（元）\r\n")
        #expect(build.exists("documents/czbf-2024-1/table-2.json"))

        let page = try #require(build.text("documents/czbf-2024-1/index.html"))
        #expect(page.contains("<caption id=\"table-1-caption\">测试市庭院经济奖补目录</caption>"))
        #expect(page.contains("<a href=\"table-1.csv\">CSV</a>"))
    }

    @Test func twoBuildsWithTheSameDayAreByteIdentical() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let first = TestBuild(content: Self.valid, into: folder, outputName: "first")
        let second = TestBuild(content: Self.valid, into: folder, outputName: "second")
        #expect(first.report.published && second.report.published)
        let a = fileTree(at: first.output), b = fileTree(at: second.output)
        #expect(!a.isEmpty)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a {
            #expect(b[path] == data, "\(path) differs between two builds")
        }
    }

    @Test func rebuildingReplacesThePreviousSite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("old".utf8).write(to: output.appendingPathComponent("stale.html"))
        let build = TestBuild(content: Self.valid, into: folder)
        #expect(build.report.published)
        #expect(!build.exists("stale.html"))
        #expect(build.exists("index.html"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == [".gazette-cache", "public"])
    }

    // MARK: - Invalid

    @Test func invalidSiteReportsEveryProblemAtItsPlace() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.invalid, into: folder)
        let expectedFile = Self.invalid.appendingPathComponent("expected-diagnostics.txt")
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }.sorted()
        #expect(build.diagnosticLines == expected)
    }

    @Test func contentSavedOnWindowsReportsTheSameProblemsAtTheSameLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // The invalid fixture as Notepad would save it: a byte-order mark and CRLF line ends.
        let content = folder.url.appendingPathComponent("content")
        for (path, data) in fileTree(at: Self.invalid) where !path.hasSuffix(".txt") {
            let text = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n")
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: url)
        }
        let windows = TestBuild(content: content, into: folder, outputName: "public-windows")
        let unix = TestBuild(content: Self.invalid, into: folder)
        #expect(!windows.diagnosticLines.isEmpty)
        #expect(windows.diagnosticLines == unix.diagnosticLines)
    }

    @Test func invalidSiteFailsAndLeavesThePreviousSiteIntact() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("documents"),
                                                withIntermediateDirectories: true)
        try Data("上一次成功构建的网站\n".utf8).write(to: output.appendingPathComponent("index.html"))
        try Data([0, 1, 2, 255]).write(to: output.appendingPathComponent("documents/marker.bin"))
        let before = fileTree(at: output)

        let build = TestBuild(content: Self.invalid, into: folder)

        #expect(!build.report.published)
        #expect(build.report.diagnostics.hasErrors)
        #expect(build.report.fileCount == 0)
        #expect(!build.report.stages.map(\.name).contains("emit"))
        #expect(fileTree(at: output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["public"], "a failed build writes nothing, not even its cache")
    }

    @Test func invalidSiteWithoutPreviousOutputCreatesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Self.invalid, into: folder)
        #expect(!build.report.published)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test(.enabled(if: SiteCommandLine.executable != nil, "the `site` executable has not been built"))
    func commandLineExitsWithFailureAndPrintsEachProblem() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let output = folder.url.appendingPathComponent("public")
        let result = try SiteCommandLine.run(["build", "--content", Self.invalid.path,
                                              "--theme", Repository.theme.path,
                                              "--output", output.path, "--today", "2026-11-29"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("c-undeclared-section.md:7:10: error: "))
        #expect(result.stderr.contains("d-bad-date.md:6:7: error: "))
        #expect(result.stdout.contains("build failed"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }
}

/// The `site` executable built beside the test bundle, run as an editor would run it.
enum SiteCommandLine {
    static let executable: URL? = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("site")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try #require(executable)
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

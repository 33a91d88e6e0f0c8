// `Fixtures/mistakes` is a site holding the mistakes editors really make, one per file (the
// file name says which). Every finding is pinned in `expected-diagnostics.txt`, compared in
// full. After an intended change to a check or a message, regenerate and review:
//
//     UPDATE_GOLDEN=1 swift test --filter MistakesFixtureTests
//     git diff Tests/GazetteTests/Fixtures/mistakes/expected-diagnostics.txt

import Foundation
import Testing
import GazetteModel

@Suite("Mistakes fixture")
struct MistakesFixtureTests {
    static let root = Repository.fixtures.appendingPathComponent("mistakes")
    static let golden = root.appendingPathComponent("expected-diagnostics.txt")
    static let header = """
    # Every finding of `site check` / `site build` for this content, one per line, paths relative
    # to this folder, sorted. Regenerate with UPDATE_GOLDEN=1 (see MistakesFixtureTests.swift)
    # and review the diff: each line is a promise to editors about where they are sent.
    """

    @Test func everyMistakeIsReportedAtItsFileLineAndColumn() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let actual = Self.findings(TestBuild(content: Self.root, into: folder))
        if GoldenTests.updating {
            try (Self.header + "\n" + actual.joined(separator: "\n") + "\n").write(to: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try Self.expected()
        #expect(actual == expected, """
            missing: \(expected.filter { !actual.contains($0) })
            unexpected: \(actual.filter { !expected.contains($0) })
            """)
    }

    @Test func theFixtureHoldsAtLeastThirtyDistinctMistakes() throws {
        let files = Set(try Self.expected().map { $0.prefix { $0 != ":" } })
        #expect(files.count >= 30, "\(files.count) files with findings")
    }

    /// The list of issue 7, point by point: (what, file, expected start of the finding after the path).
    static let checklist: [(String, String, String)] = [
        ("YAML syntax", "issues/2024-01/yaml-unclosed-list.md", ":7:5: error: YAML 语法错误"),
        ("required key", "issues/2024-01/missing-title.md", ":2:1: error: 缺少必填项 `title`"),
        ("required key of an interpretation", "issues/2024-01/interpretation-without-interprets.md", ":2:1: error: 缺少必填项 `interprets`"),
        ("wrong type", "issues/2024-01/page-not-a-number.md", ":9:7: error: `page` 应为"),
        ("unknown key with a suggestion", "issues/2024-01/near-miss-key.md", ":10:1: warning: 未知的键 `attachment`，将被忽略（是否想写 `attachments`？）"),
        ("date that does not exist", "issues/2024-01/date-does-not-exist.md", ":7:7: error: `date` 的日期“2024-02-30”不存在"),
        ("leading zero", "issues/2024-01/number-leading-zero.md", ":3:9: error: `number` 发文字号格式不正确“测政办发〔2024〕07号”"),
        ("第 in a number", "issues/2024-01/number-with-di.md", ":3:9: error: `number` 发文字号格式不正确“测政办发〔2024〕第15号”"),
        ("missing 号", "issues/2024-01/number-without-hao.md", ":3:9: error: `number` 发文字号格式不正确“测政办发〔2024〕16”"),
        ("bad year", "issues/2024-01/number-bad-year.md", ":3:9: error: `number` 发文字号格式不正确“测政办发〔24〕17号”"),
        ("look-alike brackets", "issues/2024-01/number-look-alike-brackets.md", ":3:9: warning: `number` 发文字号“测政办发（2024）18号”使用了近似括号"),
        ("number year differs from the date", "issues/2024-01/number-year-differs-from-date.md", ":3:1: warning: 发文字号的年份 2023 与成文日期 2024-01-03 的年份不一致"),
        ("duplicate number across the site", "issues/2024-02/duplicate-number-b.md", ":3:9: error: 发文字号“测政办发〔2024〕19号”与"),
        ("gap in a sequence", "issues/2024-01/czf-2024-3.md", ":3:9: info: 测政发〔2024〕已发布 2 个文号，未见 2 号"),
        ("interpretation of a missing document", "issues/2024-01/interpretation-of-missing-document.md", ":6:13: error: 政策解读所解读的文件“测政办发〔2024〕99号”不存在"),
        ("notice with a missing rule", "notices/unknown-rule.md", ":4:7: error: “测政办发〔2024〕1号”没有 id 为“town-plan”的公示规则"),
        ("notice with a missing policy", "notices/unknown-policy.md", ":4:7: error: `rule` 所指的政策文件“测政办发〔2024〕98号”不存在"),
        ("notice starting before its policy", "notices/starts-before-policy.md", ":5:8: error: 公示开始日期 2024-01-02 早于政策文件的成文日期 2024-01-15"),
        ("explicit end too short", "notices/end-too-short.md", ":6:6: error: 公示期过短：2024-03-18 至 2024-03-20 只有 3 个工作日"),
        ("leadership: unknown unit", "leadership/2024-01-18.yaml", ":13:23: warning: 单位“市星际旅行局”不在 departments.yaml 中"),
        ("leadership: unknown leader id", "leadership/2024-01-18.yaml", ":14:5: warning: `assists` 中的领导 id“wang-wu”未在本文件中定义"),
        ("leadership: duplicate leader id", "leadership/2024-01-18.yaml", ":15:5: error: 领导 `id`“zhang-san”重复"),
        ("committee: the same person twice", "committees/flood-control.yaml", ":9:16: warning: “王五”在 `members` 中出现两次"),
        ("supersedes an unknown document", "issues/2024-01/supersedes-unknown.md", ":10:13: warning: `supersedes` 所指的“测政办发〔2020〕5号”未在本站发布"),
        ("附件说明 lists an unpublished 政策解读", "issues/2024-01/attachments-list-unpublished-jiedu.md", ":10:14: warning: 附件说明列有政策解读，但本站未发布该解读"),
        ("section the issue does not declare", "issues/2024-01/undeclared-section.md", ":8:10: error: 栏目“部门文件”不在本期 issue.yaml 的 `sections`"),
        ("TOC page numbers going backwards", "issues/2024-01/toc-page-goes-backwards.md", ":9:7: warning: 目录页码倒退：本文件在第 6 页"),
        ("bad issue folder name", "issues/2024-1", ": error: 期刊文件夹名“2024-1”应为 YYYY-NN"),
        ("id that climbs out", "issues/2024-01/id-climbs-out.md", ":9:1: error: `id`“../x”只能由小写字母"),
        ("uppercase id", "issues/2024-01/id-uppercase.md", ":9:1: error: `id`“Leading-Group-Notice”只能由小写字母"),
        ("id with spaces", "issues/2024-01/id-with-spaces.md", ":9:1: error: `id`“leading group notice”只能由小写字母"),
        ("ragged CSV row", "issues/2024-01/table-ragged-row.md", ":16:1: error: 表格 CSV 有误：此行有 2 列，表头有 3 列"),
        ("unclosed CSV quote", "issues/2024-01/table-unclosed-quote.md", ":15:1: error: 表格 CSV 有误：引号没有闭合"),
        ("internal link to no page", "issues/2024-01/broken-internal-link.md", ":11:3: error: 链接“../czbf-2024-77/”指向的页面不存在（documents/czbf-2024-77/）"),
        ("root-relative link to no page", "issues/2024-01/broken-internal-link.md", ":13:6: error: 链接“/notices/no-such-notice/”指向的页面不存在"),
        ("bold that does not render", "issues/2024-01/bold-with-punctuation.md", ":11:1: warning: 加粗标记 ** 未生效"),
    ]

    @Test(arguments: checklist)
    func goldenFileCoversTheIssueChecklist(what: String, file: String, finding: String) throws {
        let expected = try Self.expected()
        #expect(expected.contains { $0.hasPrefix(file + finding) }, "\(what): no “\(file)\(finding)…” in the golden file")
    }

    @Test func savedOnWindowsTheSameMistakesAreReportedAtTheSamePlaces() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = folder.url.appendingPathComponent("content")
        for (path, data) in fileTree(at: Self.root) where !path.hasSuffix(".txt") {
            let url = content.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // The GBK file stays as it is: it is the mistake, and its offsets are what they are.
            guard let text = String(data: data, encoding: .utf8) else { try data.write(to: url); continue }
            try (Data([0xEF, 0xBB, 0xBF]) + Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)).write(to: url)
        }
        let windows = Self.findings(TestBuild(content: content, into: folder, outputName: "public-windows"))
        #expect(windows == (try Self.expected()))
    }

    @Test(.enabled(if: SiteCommandLine.executable != nil, "the `site` executable has not been built"))
    func siteCheckFormatJSONListsTheSameFindingsAndFails() throws {
        let result = try SiteCommandLine.run(["check", "--format", "json", "--content", Self.root.path,
                                              "--theme", Repository.theme.path, "--today", "2026-11-29"])
        #expect(result.status == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: Any]])
        let expected = try Self.expected()
        #expect(findings.count == expected.count)
        #expect(json["errors"] as? Int == expected.filter { $0.contains(": error: ") }.count)
        for finding in findings {
            #expect((finding["file"] as? String)?.isEmpty == false)
            #expect(finding["line"] is Int && finding["column"] is Int)
            #expect(["error", "warning", "info"].contains(finding["severity"] as? String))
        }
    }

    /// `scripts/ci-annotations.py` (docs/ci.md) turns the JSON into one GitHub annotation per finding.
    @Test(.enabled(if: SiteCommandLine.executable != nil && Self.python != nil, "needs the `site` executable and python3"))
    func ciAnnotationScriptTurnsEveryFindingIntoAGitHubAnnotation() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let check = try SiteCommandLine.run(["check", "--format", "json", "--content", Self.root.path,
                                             "--theme", Repository.theme.path, "--today", "2026-11-29"])
        let json = folder.url.appendingPathComponent("check.json")
        try Data(check.stdout.utf8).write(to: json)
        let process = Process()
        process.executableURL = Self.python
        process.arguments = [Repository.root.appendingPathComponent("scripts/ci-annotations.py").path, "github", json.path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let lines = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "errors were found, so the script fails the step")
        #expect(lines.count == (try Self.expected()).count)
        #expect(lines.contains { $0.hasPrefix("::error file=") && $0.contains("mistakes/issues/2024-01/broken-internal-link.md,line=11,col=3::链接") })
        #expect(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") })
    }

    static let python: URL? = ["/usr/bin/python3", "/usr/local/bin/python3"].map(URL.init(fileURLWithPath:))
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    // MARK: - Helpers

    /// The build's findings as golden lines: paths relative to the fixture, also inside messages.
    static func findings(_ build: TestBuild) -> [String] {
        let absolute = build.contentRoot.standardizedFileURL.path + "/"
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let relative = absolute.hasPrefix(cwd) ? String(absolute.dropFirst(cwd.count)) : absolute
        return build.diagnosticLines.map {
            $0.replacingOccurrences(of: absolute, with: "").replacingOccurrences(of: relative, with: "")
        }
    }

    static func expected() throws -> [String] {
        try String(contentsOf: golden, encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

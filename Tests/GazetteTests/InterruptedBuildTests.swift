import Foundation
import Testing

/// The real `site` binary, stopped in the middle of writing a large site: the published site
/// must stay exactly as it was, and no staging or previous-site folder may be left behind
/// (a SIGKILL cannot clean up, so there the next build must).
@Suite("Interrupted builds", .enabled(if: SiteCommandLine.executable != nil, "the `site` executable has not been built"))
struct InterruptedBuildTests {
    /// Enough documents that writing the site takes long enough to be caught in the act.
    static let documentCount = 600

    @Test(arguments: [(SIGTERM, 143), (SIGINT, 130)] as [(Int32, Int32)])
    func signalWhileWritingLeavesThePreviousSiteByteForByteAndNoDebris(signal: Int32, status: Int32) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, output) = try Self.prepare(in: folder)
        let before = fileTree(at: output)

        let build = try RunningSite(Self.arguments(content, output))
        try #require(Self.waitForStaging(of: build, beside: output), "the build ended before it began to write")
        build.signal(signal)
        let result = build.wait()

        #expect(result.reason == .exit && result.status == status, "\(result.reason) \(result.status) \(result.stderr)")
        #expect(result.stdout.contains("build interrupted"))
        #expect(fileTree(at: output) == before)
        #expect(Self.debris(beside: output).isEmpty, "\(Self.debris(beside: output))")
    }

    @Test func signalBeforeWritingStopsTheBuildWithTheSiteUntouched() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, output) = try Self.prepare(in: folder)
        let before = fileTree(at: output)

        let build = try RunningSite(Self.arguments(content, output))
        Thread.sleep(forTimeInterval: 1)
        build.signal(SIGTERM)
        let result = build.wait()

        #expect(result.reason == .exit && result.status == 143, "\(result.reason) \(result.status) \(result.stderr)")
        #expect(fileTree(at: output) == before)
        #expect(Self.debris(beside: output).isEmpty, "\(Self.debris(beside: output))")
    }

    @Test func afterSIGKILLTheNextBuildRemovesTheLeftoverStagingFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let (content, output) = try Self.prepare(in: folder)
        let before = fileTree(at: output)

        let build = try RunningSite(Self.arguments(content, output))
        try #require(Self.waitForStaging(of: build, beside: output), "the build ended before it began to write")
        build.signal(SIGKILL)
        let killed = build.wait()
        #expect(killed.reason == .uncaughtSignal)
        #expect(fileTree(at: output) == before, "even a killed build leaves public/ alone")
        #expect(Self.debris(beside: output) == [".public.staging-\(build.pid)"])

        let small = try TemporaryFolder()
        defer { small.remove() }
        let next = try RunningSite.run(Self.arguments(try InlineSite(InlineSite.base, in: small).root, output))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(Self.debris(beside: output).isEmpty, "\(Self.debris(beside: output))")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("documents/cszbf-2023-9/index.html").path))
    }

    // MARK: - Helpers

    static func arguments(_ content: URL, _ output: URL) -> [String] {
        ["build", "--content", content.path, "--theme", Repository.theme.path, "--output", output.path,
         "--today", "2026-11-29", "--jobs", "2"]
    }

    /// A large content tree and a previous site (`public/`) with a few files to compare.
    static func prepare(in folder: TemporaryFolder) throws -> (content: URL, output: URL) {
        let content = folder.url.appendingPathComponent("content")
        try LargeSite.write(documents: documentCount, to: content)
        let output = folder.url.appendingPathComponent("public")
        for (path, data) in [("index.html", Data("上一次发布的网站\n".utf8)), ("documents/x/index.html", Data("<p>x</p>".utf8)),
                             ("assets/logo.bin", Data([0, 1, 2, 254, 255]))] {
            let url = output.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        return (content, output)
    }

    /// Waits until the build has created its staging folder (it is writing), or has ended.
    static func waitForStaging(of build: RunningSite, beside output: URL, timeout: TimeInterval = 600) -> Bool {
        let staging = output.deletingLastPathComponent().appendingPathComponent(".public.staging-\(build.pid)").path
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline && build.process.isRunning {
            // Some files in, so the signal lands in the middle of writing.
            if let names = try? FileManager.default.contentsOfDirectory(atPath: staging), !names.isEmpty { return true }
            usleep(500)
        }
        return false
    }

    /// `.public.staging-*` and `.public.previous-*` folders beside the output.
    static func debris(beside output: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: output.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.hasPrefix(".public.staging-") || $0.hasPrefix(".public.previous-") }.sorted()
    }
}

/// A generated site of many small, valid documents, for tests that need a build that takes a while.
enum LargeSite {
    static func write(documents: Int, to root: URL) throws {
        let perIssue = 60
        var files = ["site.yaml": """
            title: 测试市人民政府公报
            publisher: 测试市人民政府办公室
            base_url: https://example.gov.cn/
            issuer_codes: {测政办发: cszbf}
            """]
        for issue in 0..<((documents + perIssue - 1) / perIssue) {
            let folder = String(format: "issues/2023-%02d", issue + 1)
            files[folder + "/issue.yaml"] = """
                year: 2023
                number: \(issue + 1)
                total: \(issue + 1)
                published: 2023-12-29
                sections: [政府办公室文件]
                """
            for k in 0..<min(perIssue, documents - issue * perIssue) {
                let n = issue * perIssue + k + 1
                files[folder + "/d\(n).md"] = document(n, page: k + 1)
            }
        }
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data((text + "\n").utf8).write(to: url)
        }
    }

    static func document(_ n: Int, page: Int) -> String {
        let paragraph = "为进一步做好第\(n)项工作，经研究，现将有关事项通知如下。各单位要高度重视，明确责任分工，确保各项任务落到实处。"
        return """
            ---
            kind: document
            number: 测政办发〔2023〕\(n)号
            title: 测试市人民政府办公室关于做好第\(n)项工作的通知
            issuer: 测试市人民政府办公室
            recipients: [各镇人民政府, 市直有关部门]
            date: 2023-\(String(format: "%02d", 1 + n % 12))-\(String(format: "%02d", 1 + n % 28))
            section: 政府办公室文件
            page: \(page)
            topics: [工作\(n % 7)]
            ---
            \(paragraph)

            ## 一、工作目标

            \(paragraph)\(paragraph)

            ```table 第\(n)项工作任务分解表
            序号,任务,责任单位,完成时限
            1,制定方案,市政府办公室,2023年6月
            2,组织实施,各镇人民政府,2023年9月
            3,总结评估,市直有关部门,2023年12月
            ```
            """
    }
}

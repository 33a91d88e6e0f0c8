import Foundation
import Testing
import GazetteContent
import GazetteModel

/// Splitting a Markdown file into front matter and body, keeping the line numbers that
/// diagnostics point at; and reading files saved by every kind of editor.
@Suite("Front matter")
struct FrontMatterTests {
    // MARK: - Splitting

    @Test func yamlAndBodyAreSplitWithTheirFileLines() throws {
        let text = """
        ---
        kind: document
        title: 通知
        ---
        正文第一段。

        正文第二段。

        """
        let parts = try FrontMatter.split(text).get()
        #expect(parts.yaml == "kind: document\ntitle: 通知")
        #expect(parts.yamlFirstLine == 2)
        #expect(parts.body == "正文第一段。\n\n正文第二段。\n")
        #expect(parts.bodyFirstLine == 5)
        // The body's first line really is line 5 of the file.
        #expect(text.components(separatedBy: "\n")[parts.bodyFirstLine - 1] == "正文第一段。")
    }

    @Test func bodyFirstLineFollowsTheClosingFenceHoweverLongTheYAML() throws {
        let yamlLines = (1...20).map { "key\($0): value" }
        let text = (["---"] + yamlLines + ["---", "body"]).joined(separator: "\n")
        let parts = try FrontMatter.split(text).get()
        #expect(parts.bodyFirstLine == 23)
        #expect(parts.body == "body\n")
    }

    @Test func blankLinesBeforeTheBodyKeepTheirLineNumbers() throws {
        let parts = try FrontMatter.split("---\na: 1\n---\n\n\n# 标题\n").get()
        #expect(parts.bodyFirstLine == 4)
        #expect(parts.body == "\n\n# 标题\n")
    }

    @Test func fileWithOnlyFrontMatterHasAnEmptyBody() throws {
        let parts = try FrontMatter.split("---\nkind: document\n---\n").get()
        #expect(parts.yaml == "kind: document")
        #expect(parts.body == "")
    }

    @Test func fencesMayCarryTrailingSpaces() throws {
        let parts = try FrontMatter.split("--- \na: 1\n---\t\nbody\n").get()
        #expect(parts.yaml == "a: 1")
        #expect(parts.body == "body\n")
    }

    @Test func aThematicBreakInTheBodyIsNotAFence() throws {
        let parts = try FrontMatter.split("---\na: 1\n---\n第一段\n\n---\n\n第二段\n").get()
        #expect(parts.yaml == "a: 1")
        #expect(parts.body.contains("第二段"))
    }

    @Test func fileWithoutOpeningFenceIsRejected() {
        #expect(FrontMatter.split("kind: document\n---\nbody\n") == .failure(.missingOpeningFence))
        #expect(FrontMatter.split("") == .failure(.missingOpeningFence))
        #expect(FrontMatter.split("\n---\na: 1\n---\n") == .failure(.missingOpeningFence))
    }

    @Test func unclosedFrontMatterIsRejected() {
        #expect(FrontMatter.split("---\nkind: document\ntitle: 通知\n正文\n") == .failure(.missingClosingFence))
        #expect(FrontMatter.SplitError.missingClosingFence.message.contains("---"))
    }

    // MARK: - Reading files

    @Test func crlfLineEndingsAreNormalisedSoFencesAndLinesStillWork() throws {
        let file = try read(Data("---\r\nkind: document\r\ntitle: 通知\r\n---\r\n正文\r\n".utf8))
        #expect(!file.text.contains("\r"))
        let parts = try FrontMatter.split(file.text).get()
        #expect(parts.yaml == "kind: document\ntitle: 通知")
        #expect(parts.body == "正文\n")
        #expect(parts.bodyFirstLine == 5)
    }

    @Test func oldMacLineEndingsAreNormalisedToo() throws {
        let file = try read(Data("---\ra: 1\r---\rbody\r".utf8))
        #expect(file.text == "---\na: 1\n---\nbody\n")
    }

    @Test func byteOrderMarkIsStrippedSoTheOpeningFenceIsFound() throws {
        let file = try read(Data([0xEF, 0xBB, 0xBF]) + Data("---\na: 1\n---\nbody\n".utf8))
        #expect(file.text.hasPrefix("---"))
        #expect(file.text.unicodeScalars.first != "\u{FEFF}")
        #expect(throws: Never.self) { try FrontMatter.split(file.text).get() }
    }

    @Test func invalidUTF8IsReportedWithLineAndColumn() throws {
        // Line 3 is “标题” followed by a byte that is not UTF-8 (a GBK-saved file looks like this).
        let bytes = Data("---\na: 1\n标题".utf8) + Data([0xB1, 0xEA]) + Data("\n---\n".utf8)
        var diagnostics = Diagnostics()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("gbk.md")
        try bytes.write(to: url)
        let file = ContentFile.read(url: url, relativePath: "gbk.md", displayPath: "issues/2023-01/gbk.md",
                                    diagnostics: &diagnostics)
        #expect(file == nil)
        let diagnostic = try #require(diagnostics.all.first)
        #expect(diagnostics.all.count == 1)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location == SourceLocation(path: "issues/2023-01/gbk.md", line: 3, column: 3))
        #expect(diagnostic.message.contains("UTF-8"))
    }

    @Test func invalidUTF8OnTheFirstLineIsColumnOne() throws {
        var diagnostics = Diagnostics()
        #expect(try read(Data([0xFF, 0x41]), diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map(\.location.description) == ["x.md:1:1"])
    }

    @Test func nulBytesAreRejectedAsNotText() throws {
        var diagnostics = Diagnostics()
        #expect(try read(Data("---\na: 1\0\n---\n".utf8), diagnostics: &diagnostics) == nil)
        #expect(diagnostics.errorCount == 1)
    }

    @Test func missingFileIsAnErrorNotACrash() {
        var diagnostics = Diagnostics()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID().uuidString).md")
        #expect(ContentFile.read(url: url, relativePath: "a.md", displayPath: "a.md", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.errorCount == 1)
    }

    // MARK: - Helpers

    private func read(_ data: Data) throws -> ContentFile {
        var diagnostics = Diagnostics()
        let file = try read(data, diagnostics: &diagnostics)
        #expect(diagnostics.all.isEmpty)
        return try #require(file)
    }

    private func read(_ data: Data, diagnostics: inout Diagnostics) throws -> ContentFile? {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("x.md")
        try data.write(to: url)
        return ContentFile.read(url: url, relativePath: "x.md", displayPath: "x.md", diagnostics: &diagnostics)
    }
}

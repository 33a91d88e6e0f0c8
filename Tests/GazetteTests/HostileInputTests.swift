import Foundation
import Testing
@testable import GazetteContent
import GazetteModel

/// Files no editor means to write but some editor's tool will: bad encodings, empty files,
/// huge files, YAML nested or aliased to blow up. Each is a clear error at a place, quickly;
/// never a crash, a hang or a silent pass.
@Suite("Hostile input")
struct HostileInputTests {
    // MARK: - Encodings and line ends

    @Test(arguments: [
        ("overlong encoding", [0xC0, 0x80]), ("UTF-16 surrogate", [0xED, 0xA0, 0x80]),
        ("truncated sequence", [0xE6, 0xB5]), ("Latin-1 byte", [0xE9]), ("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
    ] as [(String, [UInt8])])
    func malformedUTF8IsAnErrorAtItsLineAndColumn(what: String, bytes: [UInt8]) throws {
        let diagnostics = try buildDiagnostics(replacing: "issues/2023-01/policy.md",
                                               with: Data("---\nkind: document\ntitle: 关于".utf8) + Data(bytes) + Data("\n---\n".utf8))
        #expect(diagnostics.contains { $0.hasPrefix("issues/2023-01/policy.md:3:10: error: 文件不是有效的 UTF-8 文本") },
                "\(what): \(diagnostics)")
    }

    @Test func aFileSavedWithBOMAndCRLFBuildsLikeTheSameFileSavedWithLF() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base, in: folder)
        let policy = site.root.appendingPathComponent("issues/2023-01/policy.md")
        let text = try String(contentsOf: policy, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        try (Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8)).write(to: policy)
        let build = TestBuild(content: site.root, into: folder)
        #expect(build.errors.isEmpty && build.warnings.isEmpty, "\(build.diagnosticLines)")
        #expect(build.text("documents/cszbf-2023-9/index.html")?.contains("\r") == false)
    }

    @Test(arguments: ["site.yaml", "departments.yaml", "issues/2023-01/issue.yaml", "issues/2023-01/policy.md",
                      "notices/empty.md", "leadership/2023-01-17.yaml", "committees/empty.yaml", "calendar/2023.yaml"])
    func anEmptyFileIsAnErrorAtItsFirstLine(path: String) throws {
        let diagnostics = try buildDiagnostics(replacing: path, with: Data())
        #expect(diagnostics.contains { $0.hasPrefix(path + ":1") && $0.contains(": error: ") }, "\(diagnostics)")
    }

    // MARK: - Size

    @Test func fiftyMegabyteFileIsRefusedWithItsSizeBeforeBeingRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base, in: folder)
        let url = site.root.appendingPathComponent("issues/2023-01/huge.md")
        let line = Data("经村民代表大会审议同意后进行公示，公示期不少于5个工作日。\n".utf8)
        var data = Data("---\nkind: document\n---\n".utf8)
        data.reserveCapacity(50 * 1_048_576)
        while data.count < 50 * 1_048_576 { data.append(line) }
        try data.write(to: url)

        let started = Date()
        let build = TestBuild(content: site.root, into: folder)
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(build.errors.map(\.description).map { $0.hasSuffix("issues/2023-01/huge.md: error: 文件过大（50.0 MB，上限 8 MB）") } == [true],
                "\(build.diagnosticLines)")
        #expect(!build.report.published)
    }

    @Test func aLinkToADeviceIsRefusedInsteadOfReadForever() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base, in: folder)
        let notices = site.root.appendingPathComponent("notices")
        try FileManager.default.createDirectory(at: notices, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: notices.appendingPathComponent("zero.md").path,
                                                   withDestinationPath: "/dev/zero")
        let build = TestBuild(content: site.root, into: folder)
        #expect(build.errors.contains { $0.location.path.hasSuffix("notices/zero.md") && $0.message.hasPrefix("不是普通文件") },
                "\(build.errors)")
    }

    // MARK: - YAML nesting

    @Test(arguments: [
        ("10,000 [", "recipients: " + String(repeating: "[", count: 10_000), 2, 45),
        ("10,000 {", "recipients: " + String(repeating: "{a: ", count: 10_000), 2, 141),
        ("[ on 10,000 lines", "recipients:\n" + String(repeating: " [\n", count: 10_000), 35, 2),
        ("- - - … 10,000 times", "recipients: x\nx:\n" + String(repeating: "- ", count: 10_000) + "y", 4, 131),
        ("quotes to hide brackets", "recipients: [x \"y, " + String(repeating: "[", count: 10_000), 2, 51),
    ] as [(String, String, Int, Int)])
    func deeplyNestedYAMLIsRefusedAtTheLevelTooDeep(what: String, yaml: String, line: Int, column: Int) throws {
        let (diagnostics, seconds) = parse(yaml)
        #expect(seconds < 2, "\(what) took \(seconds) s")
        let error = try #require(diagnostics.all.first, "\(what) was accepted")
        #expect(diagnostics.all.count == 1)
        #expect(error.severity == .error)
        #expect(error.message.contains("层数过多"), "\(what): \(error.message)")
        #expect((error.location.line, error.location.column) == (line, column), "\(what): \(error.location)")
    }

    @Test func blockNestingByIndentationIsRefusedWhenDeeperThanContentEverIs() {
        let yaml = (0..<100).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x"
        let (diagnostics, _) = parse(yaml)
        #expect(diagnostics.all.map(\.message) == ["YAML 缩进层数过多"])
        #expect(diagnostics.all.first?.location.line == 67)
    }

    // MARK: - YAML anchors

    static let laughs = (1...9).map { n in "l\(n): &l\(n) [" + Array(repeating: "*l\(n - 1)", count: 9).joined(separator: ",") + "]" }

    @Test(arguments: [
        ("billion laughs", "l0: &l0 lol\n" + laughs.joined(separator: "\n"), 2, 5),
        ("after a tab", "title: x\nl0:\t&l0 lol\nl1: [*l0,*l0]", 3, 5),
        ("inside what looks quoted", "l0: [x \"y, &l0 [lol]]\nl1: [x \"y, *l0, *l0]", 2, 12),
        ("after a BOM inside a line", "l0: [\n\u{FEFF}&l0 [lol]]", 3, 2),
        ("an alias as a key", "l0: {x: 1}\nl1: {*l0 : 1}", 3, 6),
        ("after a line separator", "l0: x\u{2028}&l0 [lol]", 2, 7),
    ] as [(String, String, Int, Int)])
    func anchorsAndAliasesAreRefusedWhereverTheyHide(what: String, yaml: String, line: Int, column: Int) throws {
        let (diagnostics, seconds) = parse(yaml)
        #expect(seconds < 2, "\(what) took \(seconds) s")
        let error = try #require(diagnostics.all.first, "\(what) was accepted")
        #expect(error.message.contains("锚点和别名"), "\(what): \(error.message)")
        #expect((error.location.line, error.location.column) == (line, column), "\(what): \(error.location)")
    }

    @Test func aBillionLaughsFrontMatterFailsTheBuildAtItsLine() throws {
        let bomb = "---\nkind: document\n" + Self.laughs.joined(separator: "\n") + "\n---\n"
        let diagnostics = try buildDiagnostics(replacing: "issues/2023-01/policy.md", with: Data(bomb.utf8))
        #expect(diagnostics.contains { $0.hasPrefix("issues/2023-01/policy.md:3:5: error: 不支持 YAML 锚点和别名") }, "\(diagnostics)")
    }

    @Test(arguments: ["title: \"研发 & 创新\"", "title: R&D 中心", "title: 乘以*2", "title: '*重点* 工作'", "title: \"a # b\""])
    func ampersandsAndAsterisksInTextAreNotAnchors(yaml: String) {
        #expect(parse(yaml).diagnostics.all.isEmpty, "\(yaml)")
    }

    @Test func controlCharactersInYAMLAreASyntaxErrorNotACrash() {
        let (diagnostics, _) = parse("title: a\u{7}b\n")
        #expect(diagnostics.all.count == 1 && diagnostics.all[0].message.hasPrefix("YAML 语法错误"), "\(diagnostics.all)")
    }

    // MARK: - Helpers

    /// Parses YAML that starts on line 2 of `x.md`, as front matter does.
    func parse(_ yaml: String) -> (diagnostics: Diagnostics, seconds: Double) {
        var diagnostics = Diagnostics()
        let started = Date()
        _ = YAMLValue.parse(yaml, path: "x.md", firstLine: 2, diagnostics: &diagnostics)
        return (diagnostics, Date().timeIntervalSince(started))
    }

    /// Builds `InlineSite.base` (plus an empty notice and committee) with one file's bytes replaced.
    func buildDiagnostics(replacing path: String, with data: Data) throws -> [String] {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base + "\n-- notices/empty.md --\n-- committees/empty.yaml --\n-- leadership/2023-01-17.yaml --\n-- departments.yaml --\n", in: folder)
        let url = site.root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return TestBuild(content: site.root, into: folder).diagnosticLines
    }
}

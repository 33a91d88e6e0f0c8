import Foundation
import Testing
@testable import GazetteBuild
@testable import GazetteContent
import GazetteModel

/// Ids, slugs and file names from content become paths of the built site: none may climb out
/// of the output folder, be absolute, hold NUL, be a Windows device name, or differ only by case.
@Suite("Path safety")
struct PathSafetyTests {
    @Test(arguments: ["../x", "..", ".", "/etc/passwd", "a/../../x", "a\0b", "a\\b", "", "a//b", "a/./b", "x\n"])
    func outputTreeRefusesUnsafeRelativePaths(path: String) {
        #expect(!OutputTree.isSafe(path))
    }

    /// The byte walk of `isSafe` agrees with the rule as written on characters: every path of up to five
    /// characters from an alphabet of the characters that matter (and one multi-byte character) is tried.
    @Test func outputTreeSafetyAgreesWithTheRuleOnEveryShortPath() {
        func rule(_ relative: String) -> Bool {
            guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\\") else { return false }
            return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
                !part.isEmpty && part != "." && part != ".."
                    && !part.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
            }
        }
        let alphabet: [String] = ["a", ".", "/", "\\", "\u{7F}", "\t", "文", "\u{85}"]
        var paths = [""]
        var disagreements: [String] = []
        for _ in 1...5 {
            paths = paths.flatMap { path in alphabet.map { path + $0 } }
            disagreements += paths.filter { OutputTree.isSafe($0) != rule($0) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5).map(\.debugDescription))")
    }

    @Test func outputTreeAcceptsThePathsTheSiteUses() {
        for path in ["index.html", "documents/azbf-2023-7/index.html", "documents/azbf-2023-7/table-1.csv", "api/v1/x.json"] {
            #expect(OutputTree.isSafe(path), "\(path)")
        }
    }

    @Test func writingAnUnsafePathThrowsAndCreatesNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tree = try OutputTree(destination: folder.url.appendingPathComponent("site/public"))
        for path in ["../escaped.html", "../../escaped.html", "/tmp/escaped-\(UUID().uuidString).html", "a/../../b.html"] {
            #expect(throws: OutputTree.UnsafePathError.self) { try tree.write("x", to: path) }
        }
        tree.discard()
        #expect(fileTree(at: folder.url).isEmpty, "\(fileTree(at: folder.url).keys.sorted())")
    }

    @Test(arguments: ["../x", "/abs", "a\0b", "con", "nul", "com1", "lpt9", "Upper", "文件", "a b", "a.b", "-x", "x-",
                      String(repeating: "a", count: 81)])
    func slugsRefuseWhatCouldEscapeOrClash(id: String) {
        #expect(!Slug.isValid(id))
    }

    @Test(arguments: ["azbf-2023-7", "con1", "console", "com10", "a"])
    func slugsAcceptOrdinaryIds(id: String) {
        #expect(Slug.isValid(id))
    }

    /// Every place content names a path, each with an unsafe value: all are errors, the build
    /// publishes nothing, and nothing at all is written beside the content.
    @Test func unsafeIdsAndFileNamesAreErrorsAndNothingIsWritten() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func document(_ file: String, id: String, page: Int) -> String {
            "\n-- issues/2023-01/\(file).md --\n---\nkind: document\nid: \(id)\ntitle: 通知\nissuer: 某指挥部\ndate: 2023-03-08\nsection: 政府办公室文件\npage: \(page)\n---\n正文。"
        }
        let tree = InlineSite.base.replacingOccurrences(of: "{测政办发: cszbf}", with: "{测政办发: cszbf, 测政发: \"../up\"}")
            + document("dot-dot", id: "../../escaped", page: 2) + document("absolute", id: "/tmp/escaped", page: 3)
            + document("nul", id: "\"a\\0b\"", page: 4) + document("device", id: "con", page: 5)
            + document("upper", id: "Escaped", page: 6) + document("chinese", id: "文件", page: 7)
            + """

            -- notices/aux.md --
            ---
            title: 公示
            ---
            -- notices/公示.md --
            ---
            title: 公示
            ---
            -- committees/NUL.yaml --
            name: 小组
            -- committees/prn.yaml --
            name: 小组
            -- departments.yaml --
            - {id: /etc, name: 某局}
            - {id: lpt1, name: 某办}
            -- leadership/2023-01-17.yaml --
            source: 测政办发〔2023〕9号
            effective: 2023-01-17
            leaders:
              - {id: ../../../escaped, name: 某, post: 市长}
            """
        let content = try InlineSite(tree, in: folder)
        let before = fileTree(at: folder.url).keys.sorted()
        let build = TestBuild(content: content.root, into: folder)
        let errors = build.diagnosticLines.filter { $0.contains(": error: ") }
        for (file, value) in [("issues/2023-01/dot-dot.md", "../../escaped"), ("issues/2023-01/absolute.md", "/tmp/escaped"),
                              ("issues/2023-01/nul.md", "a\\u{0}b"), ("issues/2023-01/device.md", "con"),
                              ("issues/2023-01/upper.md", "Escaped"), ("issues/2023-01/chinese.md", "文件"),
                              ("notices/aux.md", "aux"), ("notices/公示.md", "公示"), ("committees/NUL.yaml", "NUL"),
                              ("committees/prn.yaml", "prn"), ("departments.yaml", "/etc"), ("departments.yaml", "lpt1"),
                              ("leadership/2023-01-17.yaml", "../../../escaped"), ("site.yaml", "../up")] {
            #expect(errors.contains { $0.hasPrefix(file + ":") && $0.contains("“\(value)”") }, "\(file) “\(value)”: \(errors)")
        }
        #expect(!build.report.published)
        #expect(fileTree(at: folder.url).keys.sorted() == before, "the build wrote files")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["content"])
    }
}

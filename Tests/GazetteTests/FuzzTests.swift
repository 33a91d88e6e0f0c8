// A seeded mutation fuzzer over the parsers that read what editors write: the front-matter
// splitter, the YAML decoders (through real seed files) and the CSV tables of Markdown bodies.
// Nothing may crash or hang, and what they accept must be sound.
//
// By default it runs a few thousand mutations in a few seconds. A long run, for CI at night:
//
//     FUZZ_ITERATIONS=200000 FUZZ_SEED=$RANDOM swift test --filter FuzzTests
//
// A failure prints the seed and the iteration; rerun with that FUZZ_SEED to reproduce it.

import Foundation
import Testing
import GazetteBuild
@testable import GazetteContent
import GazetteModel
import GazetteRender

@Suite("Fuzz")
struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let iterations = environment["FUZZ_ITERATIONS"].flatMap(Int.init) ?? 2000
    static let seed = environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 20_231_129

    /// Seed files and how each is decoded.
    enum Kind { case entry, notice, division, committee, issue }
    static let corpus: [(path: String, kind: Kind)] = [
        ("issues/2023-01/azbf-2023-9.md", .entry), ("issues/2023-01/azbf-2023-9-jiedu.md", .entry),
        ("issues/2023-01/azf-2023-3.md", .entry), ("notices/xikou-village-plan-2023.md", .notice),
        ("leadership/2023-01-17.yaml", .division), ("committees/guotu-guihua.yaml", .committee),
        ("issues/2023-01/issue.yaml", .issue),
    ]

    @Test(.timeLimit(.minutes(30)))
    func mutatedContentFilesNeverCrashTheDecoders() throws {
        let files = try Self.corpus.map { (try Data(contentsOf: Repository.seedContent.appendingPathComponent($0.path)), $0) }
        let config = try #require(Self.seedConfig())
        var random = SplitMix64(seed: Self.seed)
        for iteration in 0..<Self.iterations {
            let (original, (path, kind)) = files[Int(random.next() % UInt64(files.count))]
            let bytes = Mutator.mutate(Array(original), using: &random)
            let context = "seed \(Self.seed) iteration \(iteration) \(path)"
            // The checks ContentFile.read makes on the bytes of a file.
            if let bad = ContentFile.firstInvalidUTF8Offset(bytes) {
                #expect(bad < bytes.count, "\(context)")
                continue
            }
            guard !bytes.contains(0) else { continue }
            var text = String(decoding: ContentFile.normalisingLineEnds(bytes), as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            let file = ContentFile(displayPath: path, relativePath: path, text: text)
            var diagnostics = Diagnostics()
            switch kind {
            case .entry:
                if case .success(let parts) = FrontMatter.split(text) {
                    #expect(parts.bodyFirstLine > parts.yamlFirstLine, "\(context)")
                }
                switch Entry.decode(file, issueID: "2023-01", config: config, diagnostics: &diagnostics) {
                case .document(let document)?:
                    #expect(OutputTree.isSafe("documents/\(document.id)/index.html"), "\(context): id \(document.id)")
                    _ = Markdown.render(document.body, diagnostics: &diagnostics)
                case .interpretation(let interpretation)?:
                    _ = Markdown.render(interpretation.body, diagnostics: &diagnostics)
                case nil: break
                }
            case .notice:
                if let draft = NoticeDraft.decode(file, diagnostics: &diagnostics) {
                    _ = Markdown.render(draft.body, diagnostics: &diagnostics)
                }
            case .division:
                if let division = Division.decode(file, registry: DepartmentRegistry([]), diagnostics: &diagnostics) {
                    #expect(division.leaders.allSatisfy { Slug.isValid($0.id) }, "\(context)")
                }
            case .committee:
                _ = Committee.decode(file, registry: DepartmentRegistry([]), diagnostics: &diagnostics)
            case .issue:
                _ = Issue.decode(file, folder: "2023-01", diagnostics: &diagnostics)
            }
            for diagnostic in diagnostics.all {
                #expect(diagnostic.location.path == path && diagnostic.location.line >= 0, "\(context): \(diagnostic)")
                #expect(!diagnostic.message.contains("\n"), "\(context): a message of two lines")
            }
        }
    }

    @Test(.timeLimit(.minutes(30)))
    func mutatedTablesParseIntoRectanglesThatRoundTrip() throws {
        let body = try String(contentsOf: Repository.seedContent.appendingPathComponent("issues/2023-01/azbf-2023-9.md"), encoding: .utf8)
        // The CSV of each ```table block: after the info line, up to the closing fence.
        let tables = body.components(separatedBy: "```table").dropFirst().map { block in
            String(block.drop { $0 != "\n" }.dropFirst()).components(separatedBy: "\n```")[0]
        }
        try #require(tables.count >= 5)
        var random = SplitMix64(seed: Self.seed &+ 1)
        for iteration in 0..<Self.iterations {
            let original = tables[Int(random.next() % UInt64(tables.count))]
            let csv = String(decoding: Mutator.mutate(Array(original.utf8), using: &random), as: UTF8.self)
            let context = "seed \(Self.seed) iteration \(iteration)"
            switch CSVTable.parse(csv, caption: "表") {
            case .success(let table):
                #expect(table.rows.allSatisfy { $0.count == table.header.count }, "\(context)")
                let again = CSVTable.parse(table.csv, caption: "表")
                #expect(again == .success(table), "\(context): CSV written does not read back: \(csv.debugDescription)")
            case .failure(let error):
                let lines = csv.unicodeScalars.filter { $0 == "\n" }.count + 1
                #expect((1...max(1, lines)).contains(error.line), "\(context): line \(error.line) of \(lines)")
            }
        }
    }

    static func seedConfig() -> SiteConfig? {
        var diagnostics = Diagnostics()
        let url = Repository.seedContent.appendingPathComponent("site.yaml")
        guard let file = ContentFile.read(url: url, relativePath: "site.yaml", displayPath: "site.yaml", diagnostics: &diagnostics)
        else { return nil }
        return SiteConfig.decode(file, diagnostics: &diagnostics)
    }
}

/// The edits a fuzzer makes: the mistakes of tired hands and broken tools, at random.
enum Mutator {
    static let punctuation: [[UInt8]] = ["\n", ":", ": ", "-", "- ", "[", "]", "{", "}", "\"", "'", ",", "#", "&a ", "*a",
                                         "!", "|", ">", "`", "```", "```table\n", "\t", "\r", "\r\n", "〔", "〕", "号",
                                         "\u{FEFF}", "---\n", "**", "\\", "\"\"", "0", "%"].map { Array($0.utf8) }

    static func mutate(_ input: [UInt8], using random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + Int(random.next() % 3)) {
            let at = bytes.isEmpty ? 0 : Int(random.next() % UInt64(bytes.count))
            switch random.next() % 6 {
            case 0 where !bytes.isEmpty:
                bytes[at] ^= UInt8(1 << (random.next() % 8))
            case 1:
                bytes.insert(contentsOf: punctuation[Int(random.next() % UInt64(punctuation.count))], at: at)
            case 2, 3:
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                let line = Int(random.next() % UInt64(lines.count))
                if random.next() % 2 == 0 { lines.insert(lines[line], at: line) } else if lines.count > 1 { lines.remove(at: line) }
                bytes = Array(lines.joined(separator: [0x0A]))
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, at + 1 + Int(random.next() % 16))
                bytes.removeSubrange(at..<end)
            default:
                bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            }
        }
        return bytes
    }
}

/// A small, fast, seedable generator (Vigna's SplitMix64): the same seed gives the same run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

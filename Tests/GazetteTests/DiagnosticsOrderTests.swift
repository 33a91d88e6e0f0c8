import Testing
import GazetteModel

/// The order in which findings are printed: by file, line and column, then severity and message, each
/// finding once, so that an editor's list is stable from run to run and a duplicate is not reported twice.
@Suite("Diagnostics order")
struct DiagnosticsOrderTests {
    private func at(_ path: String, _ line: Int, _ column: Int = 0) -> GazetteModel.SourceLocation {
        GazetteModel.SourceLocation(path: path, line: line, column: column)
    }

    @Test func sortedByFileLineColumnThenSeverityAndMessage() {
        var diagnostics = Diagnostics()
        diagnostics.warning("乙", at: at("content/issues/2023-02/01-阿政发.md", 3))
        diagnostics.info("丙", at: at("content/issues/2023-01/02-阿政办发.md", 9, 4))
        diagnostics.error("甲", at: at("content/issues/2023-01/02-阿政办发.md", 9, 4))
        diagnostics.warning("丁", at: at("content/issues/2023-01/02-阿政办发.md", 10))
        diagnostics.warning("子", at: at("content/issues/2023-01/02-阿政办发.md", 9, 2))
        diagnostics.warning("b", at: at("content/site.yaml", 1))
        diagnostics.warning("a", at: at("content/site.yaml", 1))
        #expect(diagnostics.sorted.map(\.message) == ["子", "甲", "丙", "丁", "乙", "a", "b"])
    }

    @Test func chineseFileNamesSortAsStringsDo() {
        // Paths compare by their UTF-8 bytes; for the NFC text content paths are, that is String's order.
        let paths = ["content/issues/2023-01/10-阿政发.md", "content/issues/2023-01/1-阿政办发.md",
                     "content/issues/2023-01/1-阿政发.md", "content/issues/2023-01/阿.md",
                     "content/issues/2023-01/a.md", "content/issues/2023-01/Z.md"]
        var diagnostics = Diagnostics()
        for path in paths.reversed() { diagnostics.warning("x", at: at(path, 1)) }
        #expect(diagnostics.sorted.map(\.location.path) == paths.sorted())
        #expect(paths.map { at($0, 1) }.sorted().map(\.path) == paths.sorted())
    }

    @Test func aFindingReportedTwiceIsPrintedOnce() {
        var diagnostics = Diagnostics()
        for _ in 0..<3 { diagnostics.warning("未知的键 `titel`", at: at("content/a.md", 2, 1)) }
        diagnostics.warning("未知的键 `titel`", at: at("content/a.md", 2, 5))
        diagnostics.error("未知的键 `titel`", at: at("content/a.md", 2, 1))
        let sorted = diagnostics.sorted
        #expect(sorted.count == 3)
        #expect(sorted.map(\.severity) == [.error, .warning, .warning])
        #expect(sorted.map(\.location.column) == [1, 1, 5])
    }

    @Test func sortedIndicesAndRanksFollowTheBytes() {
        // Prefixes, Chinese, and the two forms of é that String calls equal but whose bytes differ: the
        // build's sorts (the cache file's paths, the findings' paths and messages) must follow the bytes.
        let strings = ["b", "a", "ab", "", "阿", "a", "e\u{301}", "\u{E9}", "Z", "阿政发", "ab", "a\u{0}"]
        let order = UTF8Order.sortedIndices(strings)
        #expect(order.map { strings[$0] } == strings.sorted { UTF8Order.compare($0, $1) < 0 })
        #expect(order.filter { strings[$0] == "a" } == [1, 5], "equal strings keep their given order")
        let ranks = UTF8Order.ranks(strings)
        for i in strings.indices {
            for j in strings.indices {
                let c = UTF8Order.compare(strings[i], strings[j])
                #expect((ranks[i] < ranks[j]) == (c < 0) && (ranks[i] == ranks[j]) == (c == 0), "\(strings[i]) \(strings[j])")
            }
        }
        #expect(ranks[6] != ranks[7])
    }

    @Test func findingsThatStringCallsEqualButWhoseBytesDifferAreBothKept() {
        var diagnostics = Diagnostics()
        diagnostics.warning("caf\u{E9}", at: at("content/a.md", 1))
        diagnostics.warning("cafe\u{301}", at: at("content/a.md", 1))
        #expect(diagnostics.sorted.map { Array($0.message.utf8) } == [Array("cafe\u{301}".utf8), Array("caf\u{E9}".utf8)])
    }
}

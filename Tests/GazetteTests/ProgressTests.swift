import Foundation
@testable import GazetteBuild
import Testing

/// Progress on a terminal: nothing for a step's first second, then `done/total` rewritten in place a few
/// times a second, cleared at the end; nothing at all when the output is not a terminal (CI logs).
@Suite("Progress")
struct ProgressTests {
    /// A terminal and a clock the test moves by hand.
    final class Screen: @unchecked Sendable {
        var written: [String] = []
        var time: UInt64 = 5_000_000_000
    }

    private func progress(_ screen: Screen, enabled: Bool = true) -> GazetteBuild.Progress {
        GazetteBuild.Progress("[3/4] render: search index", total: 10_000, enabled: enabled,
                 write: { screen.written.append($0) }, now: { screen.time })
    }

    @Test func showsNothingForTheFirstSecondThenTheCountAFewTimesASecond() {
        let screen = Screen()
        let bar = progress(screen)
        bar.update(256)
        screen.time += 900_000_000
        bar.update(512)
        #expect(screen.written.isEmpty, "a step shorter than a second shows nothing")
        screen.time += 200_000_000
        bar.update(768)
        #expect(screen.written == ["\r[3/4] render: search index 768/10000"])
        screen.time += 100_000_000
        bar.advance()
        #expect(screen.written.count == 1, "not rewritten more than four times a second")
        screen.time += 300_000_000
        bar.advance()
        #expect(screen.written.last == "\r[3/4] render: search index 770/10000")
        bar.finish()
        #expect(screen.written.last == "\r\u{1B}[K", "the line is cleared when the step ends")
    }

    @Test func aQuickStepLeavesTheTerminalUntouched() {
        let screen = Screen()
        let bar = progress(screen)
        bar.update(10_000)
        bar.finish()
        #expect(screen.written.isEmpty)
    }

    @Test func printsNothingWhenTheOutputIsNotATerminal() {
        let screen = Screen()
        let bar = progress(screen, enabled: false)
        screen.time += 10_000_000_000
        bar.update(5_000)
        bar.finish()
        #expect(screen.written.isEmpty)
    }

    /// The open data and the search index run at the same time: one line shows both counts, since two
    /// lines rewritten in place would overwrite each other.
    @Test func stepsRunningAtOnceShareOneLine() {
        let screen = Screen()
        let bar = GazetteBuild.Progress("[3/4] render:", steps: [(name: "open data", total: 10_000),
                                                                 (name: "search index", total: 9_000)],
                                        enabled: true, write: { screen.written.append($0) }, now: { screen.time })
        bar.update(4_096, part: 0)
        screen.time += 1_100_000_000
        bar.update(1_280, part: 1)
        #expect(screen.written == ["\r[3/4] render: open data 4096/10000, search index 1280/9000"])
        bar.finish()
        #expect(screen.written.last == "\r\u{1B}[K")
    }
}

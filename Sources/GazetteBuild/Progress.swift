import Foundation
import GazetteParallel

/// Reports progress of a long step on a terminal (`[3/4] render: search index 2304/10000`), and nothing
/// when the output is a log file: CI logs stay one line per stage. Nothing is shown for the first second,
/// so steps that are quick never flicker; then the count is rewritten in place a few times a second, and
/// the line is cleared when the step ends. Safe to call from several threads.
final class Progress: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let write: (String) -> Void
    private let now: () -> UInt64
    private let lock = NSLock()
    private var done = 0
    private let started: UInt64
    private var lastPrinted: UInt64?

    /// `write` and `now` (nanoseconds) are the terminal and the clock; tests give their own.
    init(_ label: String, total: Int, enabled: Bool = isatty(STDOUT_FILENO) != 0,
         write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
         now: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.label = label
        self.total = total
        self.enabled = enabled
        self.write = write
        self.now = now
        started = now()
    }

    /// One more item done.
    func advance() {
        guard enabled else { return }
        lock.withLock { done += 1; show() }
    }

    /// `count` items done in all (for steps that report batch by batch).
    func update(_ count: Int) {
        guard enabled else { return }
        lock.withLock { done = count; show() }
    }

    func finish() {
        guard enabled, lock.withLock({ lastPrinted != nil }) else { return }
        write("\r\u{1B}[K")
    }

    private func show() {
        let time = now()
        guard time - started >= 1_000_000_000, lastPrinted.map({ time - $0 >= 250_000_000 }) ?? true else { return }
        lastPrinted = time
        write("\r\(label) \(done)/\(total)")
    }
}

import Foundation
import GazetteParallel

/// Reports progress of a long step on a terminal (`[3/4] render: search index 2304/10000`), and nothing
/// when the output is a log file: CI logs stay one line per stage. Nothing is shown for the first second,
/// so steps that are quick never flicker; then the count is rewritten in place a few times a second, and
/// the line is cleared when the step ends. Steps that run at the same time share one line, each with its
/// own count (`[3/4] render: open data 4096/10000, search index 1280/10000`), since two lines rewritten in
/// place would overwrite each other. Safe to call from several threads.
final class Progress: @unchecked Sendable {
    /// One count on the line: a step's name (empty when the label names the only step), done and total.
    private struct Part {
        let name: String
        let total: Int
        var done = 0
    }

    private let label: String
    private var parts: [Part]
    private let enabled: Bool
    private let write: (String) -> Void
    private let now: () -> UInt64
    private let lock = NSLock()
    private let started: UInt64
    private var lastPrinted: UInt64?

    /// `write` and `now` (nanoseconds) are the terminal and the clock; tests give their own.
    convenience init(_ label: String, total: Int, enabled: Bool = isatty(STDOUT_FILENO) != 0,
                     write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
                     now: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.init(label, steps: [(name: "", total: total)], enabled: enabled, write: write, now: now)
    }

    /// One line for several steps running at once, counted apart: `part` in `advance` and `update` is the
    /// index of a step in `steps`.
    init(_ label: String, steps: [(name: String, total: Int)], enabled: Bool = isatty(STDOUT_FILENO) != 0,
         write: @escaping (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) },
         now: @escaping () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }) {
        self.label = label
        parts = steps.map { Part(name: $0.name, total: $0.total) }
        self.enabled = enabled
        self.write = write
        self.now = now
        started = now()
    }

    /// One more item done.
    func advance(part: Int = 0) {
        guard enabled else { return }
        lock.withLock { parts[part].done += 1; show() }
    }

    /// `count` items done in all (for steps that report batch by batch).
    func update(_ count: Int, part: Int = 0) {
        guard enabled else { return }
        lock.withLock { parts[part].done = count; show() }
    }

    func finish() {
        guard enabled, lock.withLock({ lastPrinted != nil }) else { return }
        write("\r\u{1B}[K")
    }

    private func show() {
        let time = now()
        guard time - started >= 1_000_000_000, lastPrinted.map({ time - $0 >= 250_000_000 }) ?? true else { return }
        lastPrinted = time
        let counts = parts.map { ($0.name.isEmpty ? "" : $0.name + " ") + "\($0.done)/\($0.total)" }
        write("\r\(label) " + counts.joined(separator: ", "))
    }
}

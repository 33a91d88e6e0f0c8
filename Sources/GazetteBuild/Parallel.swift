import Foundation

/// Runs independent work items on several threads. Each item writes only its own slot,
/// so results come out in input order whatever the number of jobs: `--jobs 1` and
/// `--jobs N` give the same output.
enum Parallel {
    /// Calls `body(i)` for every `i` in `0..<count`, on up to `jobs` threads.
    static func forEach(_ count: Int, jobs: Int, _ body: (Int) -> Void) {
        let workers = max(1, min(jobs, count))
        guard workers > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        // Striding spreads expensive neighbours (pages of one issue) over the workers.
        withoutActuallyEscaping(body) { body in
            // Safe: concurrentPerform returns only when every iteration has finished, and each
            // item touches only its own slot; Swift cannot see that, hence the unchecked box.
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var i = worker
                while i < count {
                    work.value(i)
                    i += workers
                }
            }
        }
    }

    /// `transform` applied to every element, in order.
    static func map<T, R>(_ items: [T], jobs: Int, _ transform: (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        let base = UncheckedSendable(results.baseAddress!)
        Parallel.forEach(items.count, jobs: jobs) { i in (base.value + i).pointee = transform(items[i]) }
        return results.map { $0! }
    }
}

/// A value handed to other threads under a guarantee the compiler cannot check.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Reports progress of a long stage on a terminal (`done/total`), and nothing when the
/// output is a log file: CI logs stay one line per stage.
final class Progress: @unchecked Sendable {
    private let label: String
    private let total: Int
    private let enabled: Bool
    private let lock = NSLock()
    private var done = 0
    private var lastPrinted = DispatchTime.now().uptimeNanoseconds

    init(_ label: String, total: Int, enabled: Bool = isatty(STDOUT_FILENO) != 0) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    func advance() {
        guard enabled else { return }
        lock.withLock {
            done += 1
            let now = DispatchTime.now().uptimeNanoseconds
            // Only after the stage has run a second, and then a few times a second.
            guard now - lastPrinted > 250_000_000 else { return }
            lastPrinted = now
            FileHandle.standardOutput.write(Data("\r\(label) \(done)/\(total)".utf8))
        }
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }
}

import Foundation
import GazetteParallel

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

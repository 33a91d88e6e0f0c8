import Foundation

/// SIGINT and SIGTERM during a build: stop writing, remove the staging folder, leave the
/// published site exactly as it was, and exit with the conventional status (130 / 143).
public final class Interruption: @unchecked Sendable {
    public static let shared = Interruption()

    private let lock = NSLock()
    private var signalled: Int32 = 0
    private var sources: [DispatchSourceSignal] = []
    private var cleanups: [UUID: @Sendable () -> Void] = [:]

    /// True once a signal has arrived; long loops check it and stop.
    public var isRequested: Bool { lock.withLock { signalled != 0 } }

    /// Routes SIGINT and SIGTERM to this object instead of killing the process outright.
    public func install() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [weak self] in self?.handle(sig) }
            source.resume()
            sources.append(source)
        }
    }

    /// Registers work to undo if the process is interrupted; returns a token to unregister it.
    func onInterrupt(_ cleanup: @escaping @Sendable () -> Void) -> UUID {
        let token = UUID()
        lock.withLock { cleanups[token] = cleanup }
        return token
    }

    func remove(_ token: UUID) {
        _ = lock.withLock { cleanups.removeValue(forKey: token) }
    }

    private func handle(_ sig: Int32) {
        let pending: [@Sendable () -> Void] = lock.withLock {
            signalled = sig
            return Array(cleanups.values)
        }
        // The build loop notices the flag and cleans up itself; if it is stuck in one long
        // step, clean up from here after a grace period so the process still ends promptly.
        DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
            for cleanup in pending { cleanup() }
            exit(128 + sig)
        }
    }

    /// The status to exit with after a requested stop.
    public var exitStatus: Int32 { lock.withLock { 128 + signalled } }
}

/// Thrown by the build when it stops because of a signal.
public struct BuildInterrupted: Error, CustomStringConvertible {
    public var description: String { "构建被中断；已发布的网站保持不变" }
}

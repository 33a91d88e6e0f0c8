import Foundation

/// The open event streams of the pages being previewed, and what is sent to them.
///
/// Each subscriber gets its own `AsyncStream` of ready-to-write server-sent-event text;
/// a subscriber that goes away (its page closed) ends its stream and is forgotten.
final class ReloadChannel: @unchecked Sendable {
    private let lock = NSLock()
    private var subscribers: [UUID: AsyncStream<String>.Continuation] = [:]
    private var closed = false

    /// How many pages are listening; logged, and checked by tests.
    var subscriberCount: Int { lock.withLock { subscribers.count } }

    /// A new stream of events; already finished when the channel is closed (shutting down).
    func subscribe() -> AsyncStream<String> {
        let (stream, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        let accepted = lock.withLock {
            guard !closed else { return false }
            subscribers[id] = continuation
            return true
        }
        guard accepted else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            guard let self else { return }
            _ = self.lock.withLock { self.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Tells every page that build `generation` is out; pages from another build reload.
    func announce(generation: String) {
        broadcast(Self.event("reload", data: generation))
    }

    /// A comment line: keeps idle connections open through proxies and lets a write to a
    /// page that has gone away fail, which ends its stream.
    func keepAlive() {
        broadcast(": keep-alive\n\n")
    }

    /// Ends every stream, so that open pages do not hold up a graceful shutdown.
    func close() {
        let open = lock.withLock {
            closed = true
            defer { subscribers.removeAll() }
            return Array(subscribers.values)
        }
        for continuation in open { continuation.finish() }
    }

    /// One server-sent event; `data` must be a single line.
    static func event(_ name: String, data: String) -> String {
        "event: \(name)\ndata: \(data)\n\n"
    }

    private func broadcast(_ text: String) {
        let open = lock.withLock { Array(subscribers.values) }
        for continuation in open { continuation.yield(text) }
    }
}

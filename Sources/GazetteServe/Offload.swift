import Dispatch

/// Runs blocking work (a build, a folder walk, a file read) on a Dispatch thread and waits
/// for it without holding a thread of Swift's cooperative pool, which the HTTP handlers and
/// the server's other tasks share: a build of several seconds must not stall them.
func offload<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
    }
}

/// `offload` for work that can fail.
func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
    }
}

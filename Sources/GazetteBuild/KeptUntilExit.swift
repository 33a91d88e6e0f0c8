import Foundation

/// Values that a one-shot build leaves for the process's exit to reclaim (`BuildOptions.freesMemory` false),
/// as clang's `-disable-free` does: freeing the documents, caches and indices of a 10,000-document gazette
/// one allocation at a time was some 20 ms of a rebuild, and the kernel takes the pages back at once.
enum KeptUntilExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var values: [Any] = []

    static func keep(_ value: Any) {
        lock.withLock { values.append(value) }
    }
}

import Foundation

/// Runs independent jobs on all cores; results keep the order of the inputs, so output stays deterministic.
enum Parallel {
    static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
        if items.count < 2 { return items.map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            let job = Job(items: items, transform: transform)
            let workers = min(items.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < job.items.count {
                    job.results[index] = job.transform(job.items[index])
                    index += workers
                }
            }
            return job.finish()
        }
    }

    /// The shared state of one `map`: workers write disjoint slots of `results`, so no lock is needed.
    private final class Job<T, R>: @unchecked Sendable {
        let items: [T]
        let transform: (T) -> R
        let results: UnsafeMutableBufferPointer<R?>

        init(items: [T], transform: @escaping (T) -> R) {
            self.items = items
            self.transform = transform
            results = .allocate(capacity: items.count)
            results.initialize(repeating: nil)
        }

        func finish() -> [R] {
            defer {
                results.deinitialize()
                results.deallocate()
            }
            return results.map { $0! }
        }
    }
}

/// A value that one worker of `Parallel.map` mutates in place (a struct passed in and returned would be copied
/// whole, arrays included, at the first write).
final class Box<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

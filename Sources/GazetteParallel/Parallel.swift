import Dispatch
import Foundation

/// Runs independent work items on several threads, for every stage of the build (pages, search index,
/// data archive). Each item writes only its own slot, so results come out in input order whatever the
/// number of jobs: `--jobs 1` and `--jobs N` give the same output.
///
/// The functions are `@inlinable` so that callers in other modules get them specialised for their
/// element types: unspecialised, the generic slots and closures cost more than the work of a small item.
public enum Parallel {
    /// The number of cores: the default number of jobs.
    public static var cores: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Calls `body(i)` for every `i` in `0..<count`, in `jobs` interleaved strands run by Dispatch on at
    /// most one thread per core. More strands than cores balance items of uneven cost.
    @inlinable
    public static func forEach(_ count: Int, jobs: Int = cores, _ body: (Int) -> Void) {
        let strands = max(1, min(jobs, count))
        guard strands > 1 else {
            for i in 0..<count { body(i) }
            return
        }
        // Striding spreads expensive neighbours (pages of one issue, long documents) over the strands.
        withoutActuallyEscaping(body) { body in
            // Safe: concurrentPerform returns only when every iteration has finished, and each
            // item touches only its own slot; Swift cannot see that, hence the unchecked box.
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: strands) { strand in
                var i = strand
                while i < count {
                    work.value(i)
                    i += strands
                }
            }
        }
    }

    /// `transform` applied to every element, in order.
    @inlinable
    public static func map<T, R>(_ items: [T], jobs: Int = cores, _ transform: (T) -> R) -> [R] {
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            results.deinitialize()
            results.deallocate()
        }
        let base = UncheckedSendable(results.baseAddress!)
        forEach(items.count, jobs: jobs) { i in (base.value + i).pointee = transform(items[i]) }
        return results.map { $0! }
    }
}

/// A value handed to other threads under a guarantee the compiler cannot check.
public struct UncheckedSendable<Value>: @unchecked Sendable {
    public let value: Value
    @inlinable public init(_ value: Value) { self.value = value }
}

/// A value that one job mutates in place (a struct passed in and returned would be copied whole, arrays
/// included, at the first write).
public final class Box<T>: @unchecked Sendable {
    public var value: T
    public init(_ value: T) { self.value = value }
}

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

extension Parallel {
    /// `transform` applied to every element, in order, where each item needs a helper that is costly to set
    /// up (a compression stream): the items are cut into `jobs` runs, and each run makes one `state` and
    /// uses it for all its items.
    @inlinable
    public static func map<T, S, R>(_ items: [T], jobs: Int = cores, state: () -> S, _ transform: (inout S, T) -> R) -> [R] {
        let runs = max(1, min(jobs, items.count))
        let size = max(1, (items.count + runs - 1) / runs)
        let ranges = stride(from: 0, to: items.count, by: size).map { $0..<min(items.count, $0 + size) }
        return map(ranges, jobs: jobs) { range in
            var helper = state()
            return range.map { transform(&helper, items[$0]) }
        }.flatMap { $0 }
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

extension Parallel {
    /// Runs `first` on another thread and `second` on this one, and returns when both are done; with
    /// `jobs` 1, runs them one after the other. For two steps that share no state and each run on all
    /// cores themselves: when one of them leaves a core idle (a part that is one thread's work), the
    /// other one takes it.
    public static func both<A, B>(jobs: Int = cores, _ first: () -> A, _ second: () -> B) -> (A, B) {
        guard jobs > 1 else { return (first(), second()) }
        return withoutActuallyEscaping(first) { first in
            // Safe: `first` is run and let go before the semaphore is signalled, and the semaphore is
            // waited for before this function returns, so `first` does not outlive the call (the runtime
            // checks that it is let go); Swift cannot see that, hence the boxes.
            let work = Box<(() -> A)?>(first)
            let result = Box<A?>(nil)
            let done = DispatchSemaphore(value: 0)
            // A thread of its own, not one of Dispatch's: `second` may wait for `first` (the search index
            // waits for the open data's items), and when the callers are on Dispatch's threads themselves,
            // Dispatch starts more only after a while (two seconds, for 64 callers at once on this
            // machine). The stack is a main thread's, for deep encoders.
            let thread = Thread {
                result.value = work.value!()
                work.value = nil
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
            let b = second()
            done.wait()
            return (result.value!, b)
        }
    }
}

extension Parallel {
    /// A value made on a thread of its own from the moment this is made, while the caller goes on (with
    /// `jobs` 1, made when it is asked for). `value` waits for it; ask from one thread only.
    public final class Pending<Value>: @unchecked Sendable {
        private var result: Value?
        private var work: (() -> Value)?
        private let done = DispatchSemaphore(value: 0)

        public init(jobs: Int = cores, _ work: @escaping @Sendable () -> Value) {
            guard jobs > 1 else {
                self.work = work
                return
            }
            let thread = Thread { [self] in
                result = work()
                done.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }

        public var value: Value {
            if let work {
                result = work()
                self.work = nil
            } else if result == nil {
                done.wait()
            }
            return result!
        }
    }
}

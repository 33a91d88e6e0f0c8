import Dispatch
import GazetteParallel
import Testing

/// Two steps at once (`Parallel.both`), as the open data and the search index are run: both results come
/// back in order, the second may wait for the first, and with one job they run one after the other.
@Suite("Parallel steps")
struct ParallelTests {
    /// A pending value (the last build's caches, read while the content loads) is made while the caller goes
    /// on: here the caller lets it finish only after starting it. With one job it is made when asked for.
    @Test func aPendingValueIsMadeMeanwhileOrWhenAskedWithOneJob() {
        let go = DispatchSemaphore(value: 0)
        let pending = Parallel.Pending(jobs: 2) { () -> String in
            go.wait()
            return "caches"
        }
        go.signal()
        #expect(pending.value == "caches")
        #expect(pending.value == "caches", "asked again, the same value")

        let asked = Box(false)
        let lazy = Parallel.Pending(jobs: 1) { () -> Bool in asked.value }
        asked.value = true
        #expect(lazy.value, "made only when asked, after the flag was set")
    }

    @Test func theSecondStepMayWaitForTheFirst() {
        let ready = DispatchSemaphore(value: 0)
        let (first, second) = Parallel.both(jobs: 2, {
            ready.signal()
            return "open data"
        }, {
            ready.wait()
            return 7
        })
        #expect(first == "open data")
        #expect(second == 7)
    }

    @Test func oneJobRunsTheStepsOneAfterTheOther() {
        var order: [String] = []
        _ = Parallel.both(jobs: 1, { order.append("first") }, { order.append("second") })
        #expect(order == ["first", "second"])
    }
}

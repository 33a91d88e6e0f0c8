import Dispatch
import GazetteParallel
import Testing

/// Two steps at once (`Parallel.both`), as the open data and the search index are run: both results come
/// back in order, the second may wait for the first, and with one job they run one after the other.
@Suite("Parallel steps")
struct ParallelTests {
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

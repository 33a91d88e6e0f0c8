import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times the steps of the index build for `GAZETTE_SEARCH_TIMING=1` (the benchmark reads the last line):
/// wall time and the process's CPU time per step, whose ratio shows how busy the cores were.
struct StepClock {
    private let enabled = ProcessInfo.processInfo.environment["GAZETTE_SEARCH_TIMING"] != nil
    private let start = Date()
    private var last = Date()
    private var lastCPU = StepClock.cpuSeconds()
    private var laps: [String] = []

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = Date(), cpu = Self.cpuSeconds()
        laps.append(String(format: "%@ %.2f s cpu %.2f s", name, now.timeIntervalSince(last), cpu - lastCPU))
        last = now
        lastCPU = cpu
    }

    func report(records: Int, tokens: Int, files: Int, bytes: Int) {
        guard enabled else { return }
        let line = String(format: "search index: %d records, %d tokens, %d files, %.1f MB (%@), %.2f s\n",
                          records, tokens, files, Double(bytes) / 1e6, laps.joined(separator: ", "),
                          Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data(line.utf8))
    }

    /// User and system CPU time of the whole process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

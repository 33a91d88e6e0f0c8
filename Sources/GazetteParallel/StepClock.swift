import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Times the steps of a stage when an environment variable is set (`GAZETTE_SEARCH_TIMING=1` for the
/// search index, whose last line the benchmark reads; `GAZETTE_RENDER_TIMING=1` for the render stage):
/// wall time and the process's CPU time per step, whose ratio shows how busy the cores were, and the memory
/// the process holds at the end of the step (resident set), which shows what each step keeps.
public struct StepClock {
    private let enabled: Bool
    private let start = Date()
    private var last = Date()
    private var lastCPU = StepClock.cpuSeconds()
    private var laps: [String] = []

    public init(environment variable: String) {
        enabled = ProcessInfo.processInfo.environment[variable] != nil
    }

    public mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = Date(), cpu = Self.cpuSeconds()
        laps.append(String(format: "%@ %.2f s cpu %.2f s", name, now.timeIntervalSince(last), cpu - lastCPU)
                    + " rss \(Self.residentMegabytes()) MB")
        last = now
        lastCPU = cpu
    }

    /// Prints `<summary> (<laps>), <total> s` to standard error.
    public func report(_ summary: @autoclosure () -> String) {
        guard enabled else { return }
        let line = String(format: "%@ (%@), %.2f s\n", summary(), laps.joined(separator: ", "),
                          Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data(line.utf8))
    }

    private static func residentMegabytes() -> Int { FreedMemory.residentBytes() >> 20 }

    /// User and system CPU time of the whole process so far.
    private static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

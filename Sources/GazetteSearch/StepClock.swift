import Foundation

/// Times the steps of the index build for `GAZETTE_SEARCH_TIMING=1` (the benchmark reads the last line).
struct StepClock {
    private let enabled = ProcessInfo.processInfo.environment["GAZETTE_SEARCH_TIMING"] != nil
    private let start = Date()
    private var last = Date()
    private var laps: [String] = []

    mutating func lap(_ name: String) {
        guard enabled else { return }
        let now = Date()
        laps.append(String(format: "%@ %.2f s", name, now.timeIntervalSince(last)))
        last = now
    }

    func report(records: Int, tokens: Int, files: Int, bytes: Int) {
        guard enabled else { return }
        let line = String(format: "search index: %d records, %d tokens, %d files, %.1f MB (%@), %.2f s\n",
                          records, tokens, files, Double(bytes) / 1e6, laps.joined(separator: ", "),
                          Date().timeIntervalSince(start))
        FileHandle.standardError.write(Data(line.utf8))
    }
}

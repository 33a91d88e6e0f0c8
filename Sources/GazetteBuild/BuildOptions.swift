import Foundation
import GazetteModel

/// What to build, from where, as of which day.
public struct BuildOptions: Sendable {
    public var contentRoot: URL
    public var themeRoot: URL
    public var outputRoot: URL
    /// The build date (`--today` or `SOURCE_DATE_EPOCH`): the only clock the output depends on.
    public var today: Day
    /// Threads for rendering and writing; the output does not depend on it.
    public var jobs: Int

    public init(contentRoot: URL, themeRoot: URL, outputRoot: URL, today: Day,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.contentRoot = contentRoot
        self.themeRoot = themeRoot
        self.outputRoot = outputRoot
        self.today = today
        self.jobs = max(1, jobs)
    }

    /// The build date when none is given: `SOURCE_DATE_EPOCH` (reproducible builds) or the
    /// current UTC+8 date, the day in China when the build runs.
    public static func defaultToday(environment: [String: String] = ProcessInfo.processInfo.environment) -> Day {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) ?? Int(Date().timeIntervalSince1970)
        let chinaOffset = 8 * 3600
        return Day(serial: Int((Double(seconds + chinaOffset) / 86_400).rounded(.down)))
    }
}

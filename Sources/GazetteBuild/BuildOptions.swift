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
    /// Whether the build frees what it made before it returns. `site build` exits right after, and says
    /// false: the process's exit gives the memory back faster than freeing it piece by piece
    /// (`KeptUntilExit`). `site serve` and the tests build many times in one process, and free it.
    public var freesMemory = true

    public init(contentRoot: URL, themeRoot: URL, outputRoot: URL, today: Day,
                jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.contentRoot = contentRoot
        self.themeRoot = themeRoot
        self.outputRoot = outputRoot
        self.today = today
        self.jobs = max(1, jobs)
    }

    /// The build date when none is given: `SOURCE_DATE_EPOCH` (reproducible builds) or the
    /// current UTC+8 date, the day in China when the build runs. A `SOURCE_DATE_EPOCH` that is
    /// not a number of seconds is an error, as the reproducible-builds specification asks.
    public static func defaultToday(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Day {
        var seconds = Int(Date().timeIntervalSince1970)
        if let epoch = environment["SOURCE_DATE_EPOCH"] {
            guard let value = Int(epoch.trimmingCharacters(in: .whitespaces)), value >= 0 else {
                throw InvalidSourceDateEpoch(value: epoch)
            }
            seconds = value
        }
        let chinaOffset = 8 * 3600
        return Day(serial: Int((Double(seconds + chinaOffset) / 86_400).rounded(.down)))
    }

    /// `SOURCE_DATE_EPOCH` set to something that is not a count of seconds.
    public struct InvalidSourceDateEpoch: Error, CustomStringConvertible {
        public let value: String
        public var description: String { "环境变量 SOURCE_DATE_EPOCH 应为秒数（整数），而不是“\(value)”" }
    }
}

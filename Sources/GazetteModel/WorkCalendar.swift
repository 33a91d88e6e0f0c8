/// The official working-day calendar: weekends, the State Council's named holidays and
/// the weekend days made working days (调休上班).
///
/// A day of a year that has no arrangement loaded is not guessed at: every query throws
/// `WorkCalendar.Uncovered`, because a 公示 period counted on a guess can be wrong by days.
public struct WorkCalendar: Sendable, Encodable {
    /// A named run of days off, e.g. 春节 2023-01-21 to 2023-01-27.
    public struct Holiday: Sendable, Equatable, Encodable {
        public let name: String
        public let from: Day
        public let to: Day

        public init(name: String, from: Day, to: Day) {
            self.name = name
            self.from = from
            self.to = to
        }
    }

    /// What kind of day a date is.
    public enum Kind: Sendable, Equatable, Encodable {
        /// Monday to Friday, no holiday.
        case workday
        /// A weekend day that is a working day (调休上班), and the holiday it makes up for when known.
        case makeUpWorkday(String?)
        /// A named holiday (including weekend days inside its run).
        case holiday(String)
        /// Saturday or Sunday.
        case weekend

        public var isWorkingDay: Bool {
            switch self {
            case .workday, .makeUpWorkday: return true
            case .holiday, .weekend: return false
            }
        }

        /// The reason a day is skipped or worked, in Chinese: 春节, 周末, 调休上班.
        public var reason: String {
            switch self {
            case .workday: return "工作日"
            case .makeUpWorkday: return "调休上班"
            case .holiday(let name): return name
            case .weekend: return "周末"
            }
        }
    }

    /// A day no calendar file covers.
    public struct Uncovered: Error, Equatable, Sendable, CustomStringConvertible {
        public let day: Day
        public let coveredYears: [Int]
        public var description: String {
            let years = coveredYears.isEmpty ? "（无）" : "\(coveredYears.first!)–\(coveredYears.last!)"
            return "\(day.iso) 不在已载入的节假日安排之内（已有年份：\(years)）；请先添加 content/calendar/\(day.year).yaml"
        }
    }

    /// A day skipped while counting working days, with why.
    public struct SkippedDay: Sendable, Equatable, Encodable {
        public let day: Day
        public let reason: String
    }

    public let holidays: [Holiday]
    public let makeUpWorkdays: Set<Day>
    /// Years whose arrangement is loaded, ascending.
    public let coveredYears: [Int]
    private let holidayByDay: [Day: String]

    public init(holidays: [Holiday], makeUpWorkdays: Set<Day>, coveredYears: [Int]) {
        self.holidays = holidays.sorted { $0.from < $1.from }
        self.makeUpWorkdays = makeUpWorkdays
        self.coveredYears = coveredYears.sorted()
        var byDay: [Day: String] = [:]
        for holiday in holidays where holiday.from <= holiday.to {
            for serial in holiday.from.serial...holiday.to.serial { byDay[Day(serial: serial)] = holiday.name }
        }
        holidayByDay = byDay
    }

    /// Whether `day` falls in a year with a loaded arrangement.
    public func covers(_ day: Day) -> Bool { coveredYears.contains(day.year) }

    /// The kind of `day`.
    public func kind(of day: Day) throws(Uncovered) -> Kind {
        guard covers(day) else { throw Uncovered(day: day, coveredYears: coveredYears) }
        if makeUpWorkdays.contains(day) { return .makeUpWorkday(holidayNear(day)) }
        if let name = holidayByDay[day] { return .holiday(name) }
        return day.isWeekend ? .weekend : .workday
    }

    public func isWorkingDay(_ day: Day) throws(Uncovered) -> Bool { try kind(of: day).isWorkingDay }

    /// The `n`-th working day counting from `start` (day 1 is `start` itself when it is a
    /// working day), and the days skipped on the way with their reasons.
    public func addWorkingDays(_ n: Int, from start: Day) throws(Uncovered) -> (end: Day, skipped: [SkippedDay]) {
        precondition(n >= 1, "a period has at least one working day")
        var counted = 0
        var day = start
        var skipped: [SkippedDay] = []
        while true {
            let kind = try kind(of: day)
            if kind.isWorkingDay {
                counted += 1
                if counted == n { return (day, skipped) }
            } else {
                skipped.append(SkippedDay(day: day, reason: kind.reason))
            }
            day = day.adding(days: 1)
        }
    }

    /// Working days from `start` to `end`, both included (0 when `end` is before `start`).
    public func countWorkingDays(from start: Day, through end: Day) throws(Uncovered) -> Int {
        guard start <= end else { return 0 }
        var count = 0
        for serial in start.serial...end.serial {
            if try isWorkingDay(Day(serial: serial)) { count += 1 }
        }
        return count
    }

    /// The non-working days from `start` to `end`, both included, with why.
    public func skippedDays(from start: Day, through end: Day) throws(Uncovered) -> [SkippedDay] {
        guard start <= end else { return [] }
        var skipped: [SkippedDay] = []
        for serial in start.serial...end.serial {
            let day = Day(serial: serial)
            let kind = try kind(of: day)
            if !kind.isWorkingDay { skipped.append(SkippedDay(day: day, reason: kind.reason)) }
        }
        return skipped
    }

    /// The holiday a make-up working day belongs to: the nearest named run within two weeks.
    private func holidayNear(_ day: Day) -> String? {
        holidays
            .map { ($0.name, min(abs($0.from.serial - day.serial), abs($0.to.serial - day.serial))) }
            .filter { $0.1 <= 14 }
            .min { $0.1 < $1.1 }?.0
    }
}

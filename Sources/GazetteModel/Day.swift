/// A calendar day (公历日期) with no time and no time zone.
///
/// Gazette dates are days on a calendar, never instants: 成文日期 2023-03-08 is the
/// same day in every time zone, so it is stored as year/month/day and compared
/// through a day count, never through `Date`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible, Encodable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a day when the three numbers name a real date (2023-02-29 does not).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` exactly (ISO 8601 calendar date, zero-padded).
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `serial` days after 1970-01-01 (negative before it).
    public init(serial: Int) {
        // Howard Hinnant's civil_from_days, exact for the proleptic Gregorian calendar.
        let z = serial + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.year = y
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01.
    public var serial: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `2023年3月8日`, the form used in Chinese official documents.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (serial % 7 + 7) % 7
        return (w + 3) % 7 + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// The day `n` days later (earlier when negative).
    public func adding(days n: Int) -> Day { Day(serial: serial + n) }

    public var description: String { iso }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.serial < rhs.serial }

    /// Number of days in a month of a year of the Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

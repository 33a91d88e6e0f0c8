import Foundation
import Testing
import GazetteModel

/// Calendar days: 成文日期, 印发日期 and the build date, never time stamps.
@Suite("Day")
struct DayTests {
    // MARK: - Parsing

    @Test func isoDatesParse() throws {
        let day = try #require(Day(iso: "2023-03-08"))
        #expect((day.year, day.month, day.day) == (2023, 3, 8))
        #expect(day.iso == "2023-03-08")
        #expect(day.description == "2023-03-08")
    }

    @Test("Days that do not exist are rejected",
          arguments: ["2023-02-29", "2023-02-30", "1900-02-29", "2023-04-31", "2023-06-31", "2023-09-31",
                      "2023-11-31", "2023-01-32", "2023-01-00", "2023-00-10", "2023-13-01", "0000-01-01"])
    func impossibleDaysAreRejected(iso: String) {
        #expect(Day(iso: iso) == nil)
    }

    @Test("Leap days exist in leap years", arguments: ["2024-02-29", "2000-02-29", "2020-02-29", "1600-02-29"])
    func leapDaysParse(iso: String) {
        #expect(Day(iso: iso)?.iso == iso)
    }

    @Test("Only zero-padded YYYY-MM-DD is a date",
          arguments: ["2023-3-8", "2023-03-8", "23-03-08", "2023/03/08", "2023.03.08", "20230308",
                      "2023-03-08T00:00:00Z", "2023-03-08 ", " 2023-03-08", "2023-03-08\n", "2023年3月8日",
                      "２０２３-03-08", "+023-03-08", "-023-03-08", "2023--03-08", "2023-03-08-01", "", "----------"])
    func badShapesAreRejected(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func componentInitialiserChecksTheCalendar() {
        #expect(Day(year: 2023, month: 2, day: 28) != nil)
        #expect(Day(year: 2023, month: 2, day: 29) == nil)
        #expect(Day(year: 2024, month: 2, day: 29) != nil)
        #expect(Day(year: 10_000, month: 1, day: 1) == nil)
    }

    // MARK: - Forms

    @Test func chineseFormHasNoLeadingZeros() {
        #expect(Day(iso: "2023-03-08")?.chinese == "2023年3月8日")
        #expect(Day(iso: "2023-12-31")?.chinese == "2023年12月31日")
    }

    @Test func isoFormPadsYearMonthAndDay() {
        #expect(Day(year: 987, month: 1, day: 2)?.iso == "0987-01-02")
    }

    // MARK: - Weekdays

    @Test("Weekdays of known dates (1 = Monday … 7 = Sunday)",
          arguments: [("1970-01-01", 4), ("2023-01-01", 7), ("2023-03-08", 3), ("2023-03-29", 3),
                      ("2000-01-01", 6), ("1969-12-31", 3), ("2026-11-29", 7), ("2023-01-28", 6)])
    func weekdayOfKnownDates(iso: String, weekday: Int) throws {
        let day = try #require(Day(iso: iso))
        #expect(day.weekday == weekday)
        #expect(day.isWeekend == (weekday >= 6))
    }

    @Test func weekdayAgreesWithFoundationsGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var random = SeededGenerator(seed: 2023_0329)
        // Foundation switches to the Julian calendar before 1582, so compare from 1600 on.
        let range = Day(year: 1600, month: 1, day: 1)!.serial...Day(year: 2400, month: 12, day: 31)!.serial
        for _ in 0..<2_000 {
            let day = Day(serial: Int.random(in: range, using: &random))
            let date = try #require(calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)))
            let foundationWeekday = (calendar.component(.weekday, from: date) + 5) % 7 + 1
            #expect(day.weekday == foundationWeekday, "\(day)")
        }
    }

    // MARK: - Serial numbers

    @Test func serialCountsDaysFromTheUnixEpoch() {
        #expect(Day(iso: "1970-01-01")?.serial == 0)
        #expect(Day(iso: "1970-01-02")?.serial == 1)
        #expect(Day(iso: "1969-12-31")?.serial == -1)
        #expect(Day(iso: "2000-03-01")?.serial == 11_017)
    }

    @Test func serialRoundTripsOverTheWholeRangeOfYears() throws {
        var random = SeededGenerator(seed: 9704)
        let range = Day(year: 1, month: 1, day: 1)!.serial...Day(year: 9999, month: 12, day: 31)!.serial
        for _ in 0..<20_000 {
            let serial = Int.random(in: range, using: &random)
            let day = Day(serial: serial)
            #expect(day.serial == serial)
            let rebuilt = try #require(Day(year: day.year, month: day.month, day: day.day), "\(serial)")
            #expect(rebuilt == day)
            #expect(Day(iso: day.iso) == day)
        }
    }

    @Test func consecutiveSerialsAreConsecutiveCalendarDays() {
        var previous = Day(year: 1899, month: 12, day: 31)!
        for serial in (previous.serial + 1)...Day(year: 2101, month: 1, day: 1)!.serial {
            let day = Day(serial: serial)
            if day.day == 1 {
                #expect(previous.day == Day.daysIn(month: previous.month, year: previous.year), "\(day)")
                #expect(day.month == previous.month % 12 + 1)
                #expect(day.year == previous.year + (day.month == 1 ? 1 : 0))
            } else {
                #expect((day.year, day.month, day.day) == (previous.year, previous.month, previous.day + 1))
            }
            #expect(day.weekday == previous.weekday % 7 + 1)
            previous = day
        }
    }

    @Test func addingDaysCrossesMonthsYearsAndLeapDays() {
        let day = Day(iso: "2024-02-28")!
        #expect(day.adding(days: 1).iso == "2024-02-29")
        #expect(day.adding(days: 2).iso == "2024-03-01")
        #expect(day.adding(days: -59).iso == "2023-12-31")
        #expect(day.adding(days: 366).iso == "2025-02-28")
    }

    @Test func daysCompareInCalendarOrder() {
        let days = ["2023-03-29", "2022-12-31", "2023-03-08", "2023-01-17"].compactMap(Day.init(iso:))
        #expect(days.sorted().map(\.iso) == ["2022-12-31", "2023-01-17", "2023-03-08", "2023-03-29"])
    }
}

/// SplitMix64: a small generator with a fixed seed, so a failing case repeats on every run.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

import Foundation
import GazetteContent
import GazetteModel
import Testing

/// The working-day calendar, on the real State Council arrangements in content/calendar.
@Suite struct WorkCalendarTests {
    let calendar: WorkCalendar

    init() {
        let loaded = CalendarLoader.load(contentRoot: Repository.seedContent)
        #expect(!loaded.diagnostics.hasErrors, "\(loaded.diagnostics.sorted)")
        calendar = loaded.calendar
    }

    private func day(_ iso: String) -> Day { Day(iso: iso)! }

    @Test func springFestival2023IsSevenDaysOffWithTwoMakeUpWeekendDays() throws {
        for d in 21...27 { #expect(try calendar.kind(of: day("2023-01-\(d)")) == .holiday("春节")) }
        #expect(try calendar.kind(of: day("2023-01-28")) == .makeUpWorkday("春节"))
        #expect(try calendar.kind(of: day("2023-01-29")) == .makeUpWorkday("春节"))
        #expect(try calendar.isWorkingDay(day("2023-01-30")))
    }

    @Test func fiveWorkingDaysFromTheFridayBeforeSpringFestivalEndOnTheThirtyFirst() throws {
        let (end, skipped) = try calendar.addWorkingDays(5, from: day("2023-01-20"))
        #expect(end == day("2023-01-31"))
        #expect(skipped.map(\.day) == (21...27).map { day("2023-01-\($0)") })
        #expect(skipped.allSatisfy { $0.reason == "春节" })
        #expect(try calendar.countWorkingDays(from: day("2023-01-20"), through: day("2023-01-31")) == 5)
    }

    @Test func labourDay2023MakeUpDaysAreSundayAprilTwentyThirdAndSaturdayMaySixth() throws {
        #expect(try calendar.kind(of: day("2023-04-23")) == .makeUpWorkday("劳动节"))
        #expect(try calendar.kind(of: day("2023-05-06")) == .makeUpWorkday("劳动节"))
        for d in 1...3 { #expect(try calendar.kind(of: day("2023-05-0\(d)")) == .holiday("劳动节")) }
        // Fri 28 Apr, Thu 4 May, Fri 5 May, Sat 6 May (调休), Mon 8 May.
        #expect(try calendar.addWorkingDays(5, from: day("2023-04-28")).end == day("2023-05-08"))
    }

    @Test func nationalDay2023RunIncludesMidAutumnAndEndsBeforeMakeUpWeekend() throws {
        #expect(try calendar.kind(of: day("2023-09-29")) == .holiday("中秋节、国庆节"))
        #expect(try calendar.kind(of: day("2023-10-06")) == .holiday("中秋节、国庆节"))
        #expect(try calendar.kind(of: day("2023-10-07")).isWorkingDay)
        #expect(try calendar.kind(of: day("2023-10-08")).isWorkingDay)
        let (end, skipped) = try calendar.addWorkingDays(5, from: day("2023-09-25"))
        #expect(end == day("2023-10-07"))
        #expect(skipped.count == 8)
    }

    @Test func aStartOnANonWorkingDayIsNotCountedAsDayOne() throws {
        // Saturday 2023-03-18: counting starts on Monday the 20th.
        #expect(try calendar.addWorkingDays(5, from: day("2023-03-18")).end == day("2023-03-24"))
        #expect(try calendar.addWorkingDays(1, from: day("2023-03-20")).end == day("2023-03-20"))
    }

    @Test func ordinaryWeekendsAreWeekendsAndNewYearRunsStartInTheYearBefore() throws {
        #expect(try calendar.kind(of: day("2023-03-18")) == .weekend)
        // 2024's 元旦 run starts on 2023-12-30 and is announced in 2024's arrangement.
        #expect(try calendar.kind(of: day("2023-12-30")) == .holiday("元旦"))
    }

    @Test func daysOutsideEveryCalendarFileAreAnErrorNeverAGuess() {
        #expect(throws: WorkCalendar.Uncovered.self) { try calendar.kind(of: day("2019-12-31")) }
        #expect(throws: WorkCalendar.Uncovered.self) { try calendar.addWorkingDays(5, from: day("2026-12-28")) }
        #expect(throws: WorkCalendar.Uncovered.self) {
            try calendar.countWorkingDays(from: day("2026-12-30"), through: day("2027-01-04"))
        }
    }

    @Test func everyYearFrom2020To2026IsCovered() {
        #expect(calendar.coveredYears == Array(2020...2026))
    }

    // MARK: - Properties, over seeded random dates in 2020–2026

    @Test func countOfTheSpanReturnedByAddIsN() throws {
        var random = SeededRandom(seed: 20_230_120)
        let first = day("2020-01-01").serial, last = day("2026-10-31").serial
        for _ in 0..<2_000 {
            let start = Day(serial: Int.random(in: first...last, using: &random))
            let n = Int.random(in: 1...30, using: &random)
            let (end, skipped) = try calendar.addWorkingDays(n, from: start)
            #expect(try calendar.countWorkingDays(from: start, through: end) == n)
            #expect(try calendar.isWorkingDay(end))
            #expect(end.serial - start.serial + 1 == n + skipped.count)
        }
    }

    @Test func countIsAdditiveOverAdjacentSpans() throws {
        var random = SeededRandom(seed: 99)
        let first = day("2020-01-01").serial, last = day("2026-12-01").serial
        for _ in 0..<500 {
            let a = Int.random(in: first...last, using: &random)
            let b = min(a + Int.random(in: 0...40, using: &random), day("2026-12-31").serial)
            let c = Int.random(in: a...b, using: &random)
            let whole = try calendar.countWorkingDays(from: Day(serial: a), through: Day(serial: b))
            let left = try calendar.countWorkingDays(from: Day(serial: a), through: Day(serial: c))
            let right = c == b ? 0 : try calendar.countWorkingDays(from: Day(serial: c + 1), through: Day(serial: b))
            #expect(whole == left + right)
        }
    }
}

/// SplitMix64: a small, seeded generator so property tests fail the same way every run.
struct SeededRandom: RandomNumberGenerator {
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

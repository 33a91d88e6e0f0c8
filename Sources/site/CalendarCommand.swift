import ArgumentParser
import Foundation
import GazetteContent
import GazetteModel

/// `site calendar`: working-day arithmetic on the official holiday calendar, for staff drafting a 公示.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working days on the official holiday calendar (节假日安排, 调休 included).",
        subcommands: [Add.self, Count.self, Is.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The N-th working day from START (START is day 1 when it is a working day), then the days skipped.")
        @OptionGroup var source: CalendarSource
        @Argument(help: "First day, YYYY-MM-DD.") var start: String
        @Argument(help: "Number of working days.") var days: Int

        func run() throws {
            guard days >= 1 else { throw ValidationError("工作日数应至少为 1") }
            let calendar = try source.calendar()
            let start = try CalendarSource.day(self.start)
            let (end, skipped) = try calendar.addWorkingDays(days, from: start)
            print(end.iso)
            for day in skipped { print("跳过 \(day.day.iso)（\(CalendarSource.weekday(day.day))）\(day.reason)") }
            let makeUp = try (start.serial...end.serial).map(Day.init(serial:)).filter {
                if case .makeUpWorkday = try calendar.kind(of: $0) { return true } else { return false }
            }
            for day in makeUp { print("计入 \(day.iso)（\(CalendarSource.weekday(day))）调休上班") }
        }
    }

    struct Count: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Working days from START to END, both included.")
        @OptionGroup var source: CalendarSource
        @Argument(help: "First day, YYYY-MM-DD.") var start: String
        @Argument(help: "Last day, YYYY-MM-DD.") var end: String

        func run() throws {
            let calendar = try source.calendar()
            print(try calendar.countWorkingDays(from: CalendarSource.day(start), through: CalendarSource.day(end)))
        }
    }

    struct Is: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prints workday, holiday or weekend, then the holiday's name or 调休上班.")
        @OptionGroup var source: CalendarSource
        @Argument(help: "The day, YYYY-MM-DD.") var date: String

        func run() throws {
            let day = try CalendarSource.day(date)
            switch try source.calendar().kind(of: day) {
            case .workday: print("workday")
            case .makeUpWorkday(let holiday): print("workday\n调休上班" + (holiday.map { "（\($0)）" } ?? ""))
            case .holiday(let name): print("holiday\n\(name)")
            case .weekend: print("weekend\n周末（\(CalendarSource.weekday(day))）")
            }
        }
    }
}

/// Where the calendar comes from, and parsing shared by the subcommands.
struct CalendarSource: ParsableArguments {
    @Option(help: "Content folder holding calendar/<YYYY>.yaml.") var content = "content"

    func calendar() throws -> WorkCalendar {
        let (calendar, diagnostics) = CalendarLoader.load(contentRoot: URL(fileURLWithPath: content))
        DiagnosticPrinter.print(diagnostics, minimum: .warning)
        if diagnostics.hasErrors { throw ExitCode.failure }
        return calendar
    }

    static func day(_ text: String) throws -> Day {
        guard let day = Day(iso: text) else { throw ValidationError("日期应为 YYYY-MM-DD 格式的真实日期，而不是“\(text)”") }
        return day
    }

    static func weekday(_ day: Day) -> String {
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][day.weekday - 1]
    }
}

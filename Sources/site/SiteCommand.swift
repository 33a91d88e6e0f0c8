import ArgumentParser
import Foundation
import GazetteBuild
import GazetteModel

@main
struct SiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "政府公报静态网站生成器 — builds the gazette website from content/ and theme/.",
        subcommands: [Build.self, Check.self, CalendarCommand.self, Serve.self],
        defaultSubcommand: Build.self
    )
}

/// Options shared by the commands that read content.
struct ContentOptions: ParsableArguments {
    @Option(help: "Content folder.") var content = "content"
    @Option(help: "Theme folder (templates/ and assets/).") var theme = "theme"
    @Option(help: "Build date YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today in China).")
    var today: String?

    func buildDay() throws -> Day {
        guard let today else { return try BuildOptions.defaultToday() }
        guard let day = Day(iso: today) else { throw ValidationError("--today 应为 YYYY-MM-DD 格式的日期，而不是“\(today)”") }
        return day
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder (atomically).")

    @OptionGroup var common: ContentOptions
    @Option(help: "Output folder; replaced only when the build succeeds.") var output = "public"
    @Option(help: "Threads for rendering and writing (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        var options = BuildOptions(
            contentRoot: URL(fileURLWithPath: common.content),
            themeRoot: URL(fileURLWithPath: common.theme),
            outputRoot: URL(fileURLWithPath: output),
            today: try common.buildDay(),
            jobs: jobs)
        options.freesMemory = false  // the process ends with this build
        Interruption.shared.install()
        let report = SiteBuilder(options: options).build()
        if Interruption.shared.isRequested {
            print("build interrupted; \(output)/ was left as it was")
            throw ExitCode(Interruption.shared.exitStatus)
        }
        DiagnosticPrinter.print(report.diagnostics, minimum: .warning)
        let counts = "\(report.diagnostics.errorCount) errors, \(report.diagnostics.warningCount) warnings"
        if report.published {
            print("built \(output)/ in \(String(format: "%.2f", report.totalSeconds)) s (\(counts))")
        } else {
            print("build failed (\(counts)); \(output)/ was left as it was")
            throw ExitCode.failure
        }
    }
}

/// Prints findings one per line, errors and warnings to standard error, sorted by place. Written in
/// blocks, not a write per line: a large gazette has twelve thousand warnings.
enum DiagnosticPrinter {
    static func print(_ diagnostics: Diagnostics, minimum: Diagnostic.Severity = .info) {
        var block: [UInt8] = []
        block.reserveCapacity(1 << 16)
        for diagnostic in diagnostics.sorted where diagnostic.severity <= minimum {
            block += diagnostic.description.utf8
            block.append(0x0A)
            if block.count >= 1 << 16 {
                FileHandle.standardError.write(Data(block))
                block.removeAll(keepingCapacity: true)
            }
        }
        if !block.isEmpty { FileHandle.standardError.write(Data(block)) }
    }
}

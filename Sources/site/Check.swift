import ArgumentParser
import Foundation
import GazetteBuild
import GazetteModel

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content without writing anything; exit status 1 on any error.")

    @OptionGroup var common: ContentOptions

    func run() throws {
        let options = BuildOptions(
            contentRoot: URL(fileURLWithPath: common.content),
            themeRoot: URL(fileURLWithPath: common.theme),
            outputRoot: URL(fileURLWithPath: "public"),
            today: try common.buildDay())
        let report = SiteBuilder(options: options, log: { _ in }).build(emit: false)
        DiagnosticPrinter.print(report.diagnostics)
        let d = report.diagnostics
        print("checked \(common.content)/: \(d.errorCount) errors, \(d.warningCount) warnings")
        if d.hasErrors { throw ExitCode.failure }
    }
}

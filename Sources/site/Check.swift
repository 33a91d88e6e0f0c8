import ArgumentParser
import Foundation
import GazetteBuild
import GazetteModel

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the content without writing anything; exit status 1 on any error.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var common: ContentOptions
    @Option(help: "text (one finding per line) or json (for CI annotations).") var format: Format = .text

    func run() throws {
        let options = BuildOptions(
            contentRoot: URL(fileURLWithPath: common.content),
            themeRoot: URL(fileURLWithPath: common.theme),
            outputRoot: URL(fileURLWithPath: "public"),
            today: try common.buildDay())
        let report = SiteBuilder(options: options, log: { _ in }).build(emit: false)
        let d = report.diagnostics
        switch format {
        case .text:
            DiagnosticPrinter.print(d)
            print("checked \(common.content)/: \(d.errorCount) errors, \(d.warningCount) warnings")
        case .json:
            print(DiagnosticJSON.encode(d))
        }
        if d.hasErrors { throw ExitCode.failure }
    }
}

/// `site check --format json`: one object per finding, for CI annotations and editors.
enum DiagnosticJSON {
    struct Finding: Encodable {
        let file: String
        let line: Int
        let column: Int
        let severity: String
        let message: String
    }

    struct Output: Encodable {
        let errors: Int
        let warnings: Int
        let findings: [Finding]
    }

    static func encode(_ diagnostics: Diagnostics) -> String {
        let findings = diagnostics.sorted.map {
            Finding(file: $0.location.path, line: $0.location.line, column: $0.location.column,
                    severity: $0.severity.rawValue, message: $0.message)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Output(errors: diagnostics.errorCount, warnings: diagnostics.warningCount,
                                               findings: findings))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

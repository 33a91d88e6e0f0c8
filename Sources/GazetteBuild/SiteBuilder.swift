import Foundation
import GazetteContent
import GazetteModel
import GazetteRender

/// Runs the pipeline: load → resolve → render → emit, printing each stage with its time.
public struct SiteBuilder {
    public let options: BuildOptions
    /// Receives one line per stage; the CLI prints them, tests collect them.
    public let log: @Sendable (String) -> Void

    public init(options: BuildOptions, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
    }

    /// Builds the site. With `emit: false` (for `site check`) nothing is written.
    public func build(emit: Bool = true) -> BuildReport {
        var report = BuildReport()
        let total = Stopwatch()
        let stageCount = emit ? 4 : 3
        func stage(_ n: Int, _ name: String, _ detail: String, _ watch: Stopwatch) {
            let s = BuildReport.Stage(name: name, detail: detail, seconds: watch.seconds)
            report.stages.append(s)
            let padded = name.padding(toLength: 8, withPad: " ", startingAt: 0)
            log("[\(n)/\(stageCount)] \(padded)\(detail)  \(Self.format(s.seconds))")
        }

        var watch = Stopwatch()
        let sources = ContentSources.load(root: options.contentRoot, diagnostics: &report.diagnostics)
        stage(1, "load", "\(sources.fileCount) files", watch)

        watch = Stopwatch()
        let site = SiteResolver.resolve(sources, today: options.today, diagnostics: &report.diagnostics)
        stage(2, "resolve", site.map { "\($0.issues.count) issues, \($0.documents.count) documents, \($0.interpretations.count) interpretations" } ?? "failed", watch)

        var outputs: [OutputFile] = []
        if let site {
            watch = Stopwatch()
            outputs = SiteRenderer(site: site, themeRoot: options.themeRoot).render(diagnostics: &report.diagnostics)
            stage(3, "render", "\(outputs.count) files", watch)
        }

        if emit, site != nil, !report.diagnostics.hasErrors {
            watch = Stopwatch()
            do {
                try write(outputs)
                report.published = true
                report.fileCount = outputs.count
            } catch {
                report.diagnostics.error("写入输出失败：\(error)", at: SourceLocation(path: options.outputRoot.path))
            }
            stage(4, "emit", report.published ? "\(outputs.count) files → \(options.outputRoot.lastPathComponent)/" : "failed", watch)
        }
        report.totalSeconds = total.seconds
        return report
    }

    /// Writes everything into a staging folder, then swaps it in; on any failure the staging folder goes.
    private func write(_ outputs: [OutputFile]) throws {
        let tree = try OutputTree(destination: options.outputRoot)
        let token = Interruption.shared.onInterrupt { tree.discard() }
        defer { Interruption.shared.remove(token) }
        do {
            for output in outputs {
                if Interruption.shared.isRequested { throw BuildInterrupted() }
                try tree.write(output.data, to: output.path)
            }
            let assets = options.themeRoot.appendingPathComponent("assets")
            if FileManager.default.fileExists(atPath: assets.path) { try tree.copyFolder(assets, to: "assets") }
            if Interruption.shared.isRequested { throw BuildInterrupted() }
            try tree.commit()
        } catch {
            tree.discard()
            throw error
        }
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}

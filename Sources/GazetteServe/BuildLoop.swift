import Foundation
import GazetteBuild
import GazetteModel
import ServiceLifecycle

/// Builds the site once, then watches the content and theme folders and rebuilds after every
/// change, announcing each build to the open pages.
///
/// The build is `site build`'s own: incremental (unchanged files are not rewritten) and
/// atomic (on failure the output folder is not touched), so the last good site keeps being
/// served while the errors are shown over it.
struct BuildLoop: Service {
    let configuration: PreviewServer.Configuration
    let state: PreviewState
    let channel: ReloadChannel
    let log: @Sendable (String) -> Void
    let report: @Sendable (Diagnostic) -> Void
    /// Called once, after the first build, with the path the site is served at.
    let onFirstBuild: @Sendable (String) -> Void

    /// How long a burst of writes (an editor saving through a temporary file, a `git checkout`)
    /// may take to settle before the build starts, at most.
    private static let settleStep = Duration.milliseconds(50)
    private static let settleSteps = 4
    /// Interval of the keep-alive comment on the event streams.
    private static let keepAliveInterval = Duration.seconds(15)

    func run() async {
        await withGracefulShutdownHandler {
            await watch()
        } onGracefulShutdown: {
            // End the open event streams now: the HTTP server's own graceful shutdown waits
            // for running responses, and a stream would otherwise run forever.
            channel.close()
        }
        channel.close()
    }

    private func watch() async {
        let roots = [configuration.contentRoot, configuration.themeRoot]
        let output = [configuration.outputRoot]
        var seen = await offload { FolderSnapshot(roots: roots, skipping: output) }
        await build(changes: [])
        onFirstBuild(state.current.basePath)

        let clock = ContinuousClock()
        var lastKeepAlive = clock.now
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            try? await Task.sleep(for: configuration.pollInterval)
            if clock.now - lastKeepAlive >= Self.keepAliveInterval {
                channel.keepAlive()
                lastKeepAlive = clock.now
            }
            var next = await offload { FolderSnapshot(roots: roots, skipping: output) }
            guard next != seen else { continue }
            for _ in 0..<Self.settleSteps {
                try? await Task.sleep(for: Self.settleStep)
                let again = await offload { FolderSnapshot(roots: roots, skipping: output) }
                if again == next { break }
                next = again
            }
            let changed = seen.changes(to: next)
            // Files saved while the build runs differ from `next` and start the next build.
            seen = next
            await build(changes: changed)
        }
    }

    /// One build; `changes` are the paths that started it (none for the first).
    private func build(changes: [String]) async {
        let first = changes.isEmpty
        if !first {
            let shown = changes.prefix(3).map(display).joined(separator: ", ")
            log("changed: \(shown)\(changes.count > 3 ? " (+\(changes.count - 3) more)" : "")")
        }
        let options = BuildOptions(
            contentRoot: configuration.contentRoot,
            themeRoot: configuration.themeRoot,
            outputRoot: configuration.outputRoot,
            // `site serve` has checked SOURCE_DATE_EPOCH at start-up, so this cannot fail here.
            today: configuration.today ?? (try? BuildOptions.defaultToday()) ?? Day(serial: 0),
            jobs: configuration.jobs)
        // The first build prints its stages like `site build`; rebuilds print one line.
        let stageLog = first ? log : Self.silent
        state.beginBuild()
        let report = await offload { SiteBuilder(options: options, log: stageLog).build() }

        let sorted = report.diagnostics.sorted
        var errors = sorted.filter { $0.severity == .error }
        if !report.published, errors.isEmpty {
            // Not expected (an unpublished build reports why), but the page must still say so.
            errors = [Diagnostic(.error, "构建未能发布，原因不明；请运行 site build 查看",
                                 at: SourceLocation(path: configuration.contentRoot.path))]
        }
        let generation = state.finishBuild(errors: report.published ? [] : errors,
                                           publishedBasePath: report.published ? report.basePath ?? "/" : nil)
        channel.announce(generation: generation)

        // Warnings are listed after the first build and counted after later ones, so that a
        // long-standing warning does not bury each rebuild's line.
        let shownDiagnostics = sorted.filter { $0.severity == .error || (first && $0.severity == .warning) }
        for diagnostic in shownDiagnostics { self.report(diagnostic) }
        let counts = "\(report.diagnostics.errorCount) errors, \(report.diagnostics.warningCount) warnings"
        let time = Self.format(seconds: report.totalSeconds)
        if report.published {
            log("\(first ? "built" : "rebuilt") in \(time) (\(counts), \(report.fileCount - report.reusedCount) files written)")
        } else {
            log("build failed in \(time) (\(counts)); still serving the last good site, errors shown in the browser")
        }
    }

    private static let silent: @Sendable (String) -> Void = { _ in }

    private static func format(seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }

    /// A changed path relative to the current folder when below it, as diagnostics show paths.
    private func display(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        return path.hasPrefix(here) ? String(path.dropFirst(here.count)) : path
    }
}

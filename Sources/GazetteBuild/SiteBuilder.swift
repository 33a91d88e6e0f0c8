import Foundation
import GazetteParallel
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
        report.basePath = site?.config.baseURLPath
        stage(2, "resolve", site.map { "\($0.issues.count) issues, \($0.documents.count) documents, \($0.interpretations.count) interpretations" } ?? "failed", watch)

        var rendered: RenderedSite?
        if let site {
            watch = Stopwatch()
            rendered = SiteRenderer(site: site, themeRoot: options.themeRoot, jobs: options.jobs)
                .render(diagnostics: &report.diagnostics)
            stage(3, "render", rendered.map { "\($0.pages.count) pages, \($0.files.count) data files" } ?? "failed", watch)
        }

        if emit, let rendered, !report.diagnostics.hasErrors {
            watch = Stopwatch()
            let cache = BuildCache(for: options.outputRoot)
            do {
                report.fileCount = try write(rendered, cache: cache)
                report.reusedCount = cache.reused
                report.published = true
            } catch {
                report.diagnostics.error("写入输出失败：\(error)", at: SourceLocation(path: options.outputRoot.path))
            }
            let detail = "\(report.fileCount) files (\(report.reusedCount) unchanged) → \(options.outputRoot.lastPathComponent)/"
            stage(4, "emit", report.published ? detail : "failed", watch)
        }
        report.totalSeconds = total.seconds
        return report
    }

    /// Draws every page through its template and writes it, with the data files, into a staging
    /// folder on `jobs` threads, then swaps it in; on any failure the staging folder goes.
    private func write(_ site: RenderedSite, cache: BuildCache) throws -> Int {
        let tree = try OutputTree(destination: options.outputRoot)
        let token = Interruption.shared.onInterrupt { tree.discard() }
        defer { Interruption.shared.remove(token) }
        let count = site.pages.count + site.files.count
        let progress = Progress("[4/4] emit", total: count)
        let failures = FirstError()
        let templateKeys = Dictionary(uniqueKeysWithValues: site.templates.names.map { name in
            var hash = ContentHash()
            hash.add(BuildCache.generatorVersion)
            hash.add(site.templates.dependencyText(of: name))
            return (name, hash.hex)
        })
        do {
            Parallel.forEach(count, jobs: options.jobs) { i in
                guard !failures.isSet, !Interruption.shared.isRequested else { return }
                do {
                    if i < site.pages.count {
                        let page = site.pages[i]
                        var hash = ContentHash()
                        hash.add(templateKeys[page.template] ?? "")
                        hash.add(context: page.context)
                        try writeOnce(page.path, key: hash.hex, tree: tree, cache: cache) {
                            Data((site.templates.render(page.template, page.context) ?? "").utf8)
                        }
                    } else {
                        let file = site.files[i - site.pages.count]
                        var hash = ContentHash()
                        hash.add(BuildCache.generatorVersion)
                        hash.add(data: file.data)
                        try writeOnce(file.path, key: hash.hex, tree: tree, cache: cache) { file.data }
                    }
                } catch {
                    failures.record(error)
                }
                progress.advance()
            }
            progress.finish()
            if let error = failures.error { throw error }
            if Interruption.shared.isRequested { throw BuildInterrupted() }
            let assets = options.themeRoot.appendingPathComponent("assets")
            if FileManager.default.fileExists(atPath: assets.path) { try tree.copyFolder(assets, to: "assets") }
            if Interruption.shared.isRequested { throw BuildInterrupted() }
            try tree.commit()
        } catch {
            tree.discard()
            throw error
        }
        cache.save()
        return count
    }

    /// Reuses the published file when its key is unchanged, else makes and writes it.
    private func writeOnce(_ path: String, key: String, tree: OutputTree, cache: BuildCache,
                           make: () -> Data) throws {
        if let previous = cache.previousEntry(path), previous.key == key,
           tree.reusePublished(path, size: previous.size) {
            cache.record(path, previous, reused: true)
            return
        }
        let data = make()
        try tree.write(data, to: path)
        cache.record(path, BuildCache.Entry(key: key, size: data.count), reused: false)
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}

/// The first error raised by any of several threads.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?

    var isSet: Bool { lock.withLock { first != nil } }
    var error: Error? { lock.withLock { first } }

    func record(_ error: Error) {
        lock.withLock { if first == nil { first = error } }
    }
}

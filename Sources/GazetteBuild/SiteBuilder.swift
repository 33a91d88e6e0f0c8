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
        func label(_ n: Int, _ name: String) -> String { "[\(n)/\(stageCount)] \(name)" }
        func stage(_ n: Int, _ name: String, _ detail: String, _ watch: Stopwatch) {
            let s = BuildReport.Stage(name: name, detail: detail, seconds: watch.seconds)
            report.stages.append(s)
            log(label(n, name.padding(toLength: 8, withPad: " ", startingAt: 0)) + "\(detail)  \(Self.format(s.seconds))")
        }

        var watch = Stopwatch()
        // The last build's cache and bodies are read from disk meanwhile, on a thread of their own (45,600
        // lines at 10,000 documents): the stages before the render have parts that are one thread's work.
        let caches = emit ? Parallel.Pending(jobs: options.jobs) { [options] in Self.previousCaches(options.outputRoot) } : nil
        // Only a build knows files again by their `stat` (`site check` reads them all).
        let knownFile = BuildCache.file(for: options.outputRoot, "files")
        let known = emit ? KnownFiles(file: knownFile, generator: BuildCache.generator) : nil
        let sources = ContentSources.load(root: options.contentRoot, known: known, diagnostics: &report.diagnostics)
        let unread = Self.unreadCount(sources)
        stage(1, "load", "\(sources.fileCount) files" + (unread == 0 ? "" : " (\(unread) unchanged, not read)"), watch)
        // Left for the exit to reclaim, as the rest below (freeing 10,000 entries one by one was 10 ms at
        // the end of a rebuild); only when few texts were read, since a first build's are the content's 99 MB.
        if !options.freesMemory, unread * 2 > sources.fileCount { KeptUntilExit.keep((sources, known as Any)) }

        watch = Stopwatch()
        // Only a build keeps decoded files (`site check` writes nothing).
        let entries = emit ? EntryCache(file: BuildCache.file(for: options.outputRoot, "entries"), generator: BuildCache.generator) : nil
        var resolved = SiteResolver.resolve(sources, today: options.today, entries: entries, diagnostics: &report.diagnostics)
        // The keys are computed now, so that the files' texts need not be kept for the render stage; only for
        // a build that may be published (the open data's cache key).
        let publishable = emit && !report.diagnostics.hasErrors
        let keys = publishable ? Parallel.both(jobs: options.jobs, { Self.contentKey(sources, today: options.today) },
                                               { Self.siteKey(sources, today: options.today) }) : nil
        let contentKey = keys?.0, siteKey = keys?.1
        if !report.diagnostics.hasErrors, let entries {
            entries.save()
            KnownFiles.save(sources, to: knownFile, generator: BuildCache.generator)
        }
        // (The sources are freed as usual once the keys are made: their texts are the content's 99 MB.)
        if !options.freesMemory, let entries { KeptUntilExit.keep(entries) }
        report.basePath = resolved?.config.baseURLPath
        stage(2, "resolve", resolved.map { "\($0.issues.count) issues, \($0.documents.count) documents, \($0.interpretations.count) interpretations" } ?? "failed", watch)

        // Taken out, so that the renderer holds the only copy and can let the Markdown go once rendered.
        if let site = resolved.take() {
            watch = Stopwatch()
            // Data files are written into the staging folder as they are made, so none is held longer than
            // it takes to write it; but only while the build is clean: with errors it only checks.
            var tree: OutputTree?
            if emit, !report.diagnostics.hasErrors {
                do {
                    tree = try OutputTree(destination: options.outputRoot, jobs: options.jobs,
                                          foldersFile: BuildCache.file(for: options.outputRoot, "folders"))
                } catch {
                    report.diagnostics.error("写入输出失败：\(error)", at: SourceLocation(path: options.outputRoot.path))
                }
            }
            let token = tree.map { tree in Interruption.shared.onInterrupt { tree.discard() } }
            defer { token.map(Interruption.shared.remove) }
            // The caches serve only a build that writes (they are waited for anyway, as at the end: no thread
            // outlives the build).
            let loaded = caches?.value
            let previous = tree == nil ? nil : loaded
            let cache = previous?.build
            let sink = OutputSink(tree: tree, cache: cache, jobs: options.jobs)
            var renderer = SiteRenderer(site: consume site, themeRoot: options.themeRoot, jobs: options.jobs,
                                        contentKey: contentKey, siteKey: siteKey, stageLabel: label(3, "render"),
                                        bodyCache: previous?.bodies)
            let rendered = renderer.render(diagnostics: &report.diagnostics, sink: sink)
            stage(3, "render", rendered.map { "\($0.pageCount) pages, \($0.fileCount) data files\(Self.unchanged($0.keptSteps, updated: $0.updatedSteps))" }
                ?? (Interruption.shared.isRequested ? "interrupted" : "failed"), watch)

            if let tree, let cache, rendered != nil, !report.diagnostics.hasErrors {
                watch = Stopwatch()
                do {
                    report.fileCount = try finish(sink: sink, tree: tree, cache: cache)
                    report.reusedCount = cache.reused
                    report.published = true
                } catch {
                    report.diagnostics.error("写入输出失败：\(error)", at: SourceLocation(path: options.outputRoot.path))
                }
                let detail = "\(report.fileCount) files (\(report.reusedCount) unchanged) → \(options.outputRoot.lastPathComponent)/"
                stage(4, "emit", report.published ? detail : "failed", watch)
            } else {
                tree?.discard()
            }
            if !options.freesMemory { KeptUntilExit.keep((renderer, sink, cache, tree, rendered)) }
        }
        _ = caches?.value
        report.totalSeconds = total.seconds
        return report
    }

    /// The cache of the last build writing to `output` and its rendered bodies, read from disk.
    private static func previousCaches(_ output: URL) -> (build: BuildCache, bodies: BodyCache) {
        let build = BuildCache(for: output)
        return (build, build.bodies())
    }

    /// Copies the theme's assets beside the pages and data files already in the staging folder, then puts
    /// the new files in place; on any failure the staging folder goes.
    private func finish(sink: OutputSink, tree: OutputTree, cache: BuildCache) throws -> Int {
        do {
            if let error = sink.error { throw error }
            if Interruption.shared.isRequested { throw BuildInterrupted() }
            let assets = options.themeRoot.appendingPathComponent("assets")
            if FileManager.default.fileExists(atPath: assets.path) {
                // Listed in the cache with the rest (never kept by it: they are copied on every build), so that
                // the next build knows them as the last site's files.
                for (path, size) in try tree.copyFolder(assets, to: "assets") {
                    cache.record(path, BuildCache.Entry(key: "asset", size: size), reused: false)
                }
            }
            if Interruption.shared.isRequested { throw BuildInterrupted() }
            // The cache file is laid out on the other core meanwhile (45,600 lines at 10,000 documents).
            let last = cache.lastSite()
            let (committed, cacheFile) = Parallel.both(jobs: options.jobs, { Result { try tree.commit(last: last) } }, { cache.prepared() })
            try committed.get()
            cache.save(cacheFile)
        } catch {
            tree.discard()
            throw error
        }
        return sink.count
    }

    /// How many entry files the load knew again by their `stat`, without reading them. Folder by folder:
    /// `entryFiles` would copy 10,000 entries to count them.
    static func unreadCount(_ sources: ContentSources) -> Int {
        sources.issues.reduce(0) { count, folder in count + folder.entries.reduce(0) { $0 + ($1.text == nil ? 1 : 0) } }
    }

    /// A hash of every content file (path and text, an entry's by its digests) and the build date: what
    /// the open data depends on.
    static func contentKey(_ sources: ContentSources, today: Day) -> String {
        var hash = ContentHash()
        hash.add(today.iso)
        for file in sources.otherFiles {
            hash.add(file.relativePath)
            hash.add(file.text)
        }
        for folder in sources.issues {
            for entry in folder.entries {
                hash.add(entry.relativePath)
                entry.digest.add(to: &hash)
            }
        }
        return hash.hex
    }

    /// A hash of everything the resolved site is made from but the Markdown bodies: the generator, the build
    /// date, and every content file (its paths and text) except that of a document or an interpretation
    /// only the part before its body. So it names the site as the pages and the open data see it once the
    /// Markdown is let go (`Site.forgettingMarkdown`, which keeps each body's path and first line: the
    /// front matter fixes both): a page or an API file made from the site and one body is kept by this key
    /// and that body's (`DeferredPage`, `OpenData.inputs`), and a body edit leaves this key as it was.
    static func siteKey(_ sources: ContentSources, today: Day) -> String {
        var hash = ContentHash()
        hash.add(BuildCache.generator)
        hash.add(today.iso)
        hash.add(sources.root.standardizedFileURL.path)
        func whole(_ file: ContentFile?) {
            guard let file else { return hash.add(byte: 0) }
            hash.add(file.displayPath)
            hash.add(file.relativePath)
            hash.add(file.text)
        }
        whole(sources.site)
        for folder in sources.issues {
            hash.add(folder.id)
            whole(folder.issueFile)
            hash.add("\(folder.entries.count)")
            for entry in folder.entries {
                hash.add(entry.displayPath)
                hash.add(entry.relativePath)
                // A file whose fences are wrong does not decode: the build has errors and keeps nothing.
                hash.add(word: entry.digest.head.a)
                hash.add(word: entry.digest.head.b)
            }
        }
        for group in [sources.calendar, sources.notices, [sources.departments].compactMap { $0 }, sources.leadership,
                      sources.committees] {
            hash.add("\(group.count)")
            group.forEach(whole)
        }
        return hash.hex
    }

    /// ` (open data and search index unchanged)` for the steps kept whole, ` (search index updated)` for
    /// those that updated their last files, or nothing.
    static func unchanged(_ steps: [String], updated: [String] = []) -> String {
        let parts = (steps.isEmpty ? [] : ["\(steps.joined(separator: " and ")) unchanged"])
            + (updated.isEmpty ? [] : ["\(updated.joined(separator: " and ")) updated"])
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
    }

    static func format(_ seconds: Double) -> String {
        seconds < 1 ? "\(Int((seconds * 1000).rounded())) ms" : String(format: "%.2f s", seconds)
    }
}

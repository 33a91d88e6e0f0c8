import Foundation
import GazetteParallel
import GazetteRender

/// Where the build's files go as soon as they are made: into the staging tree, through the cache (a file
/// whose key is unchanged keeps its published copy instead of being written), so that no stage
/// holds the whole site in memory: the data files of a large gazette (API, archive, search index) are
/// hundreds of megabytes. Without a tree (`site check`, or a build that already has errors), or once
/// told to stop writing (the build found errors while rendering and will not be published), it only
/// records the paths, for the link check. Safe to call from several threads.
final class OutputSink: @unchecked Sendable {
    private let cache: BuildCache?
    private let jobs: Int
    private let lock = NSLock()
    private var paths: [String] = []
    private var failure: Error?
    private var output: OutputTree?

    init(tree: OutputTree?, cache: BuildCache?, jobs: Int) {
        output = tree
        self.cache = cache
        self.jobs = jobs
    }

    /// The tree written into, while the build may still be published.
    private var tree: OutputTree? { lock.withLock { output } }

    /// From now on only records paths: nothing more is drawn, hashed or written for a build that will
    /// not be published.
    func stopWriting() { lock.withLock { output = nil } }

    /// Every path sent so far.
    var allPaths: [String] { lock.withLock { paths } }
    /// The first write that failed, if any.
    var error: Error? { lock.withLock { failure } }
    var count: Int { lock.withLock { paths.count } }

    /// Writes data files, on the build's jobs.
    func files(_ files: [OutputFile]) {
        lock.withLock { paths += files.map(\.path) }
        guard tree != nil else { return }
        Parallel.forEach(files.count, jobs: jobs) { i in
            var hash = ContentHash()
            hash.add(BuildCache.generator)
            hash.add(data: files[i].data)
            write(files[i].path, key: hash.hex) { files[i].data }
        }
    }

    /// Writes a batch as the open data and the search index hand them over.
    func files(_ batch: [(path: String, data: Data)]) {
        files(batch.map { OutputFile(path: $0.path, data: $0.data) })
    }

    /// Draws pages through their templates and writes them, on the build's jobs; a page whose template and
    /// context are unchanged is not drawn at all.
    func pages(_ pages: [Page], templates: Templates, progress: Progress) {
        lock.withLock { paths += pages.map(\.path) }
        guard tree != nil else { return }
        let templateKeys = Dictionary(uniqueKeysWithValues: templates.names.map { name in
            var hash = ContentHash()
            hash.add(BuildCache.generator)
            hash.add(templates.dependencyText(of: name))
            return (name, hash.hex)
        })
        Parallel.forEach(pages.count, jobs: jobs) { i in
            let page = pages[i]
            var hash = ContentHash()
            hash.add(templateKeys[page.template] ?? "")
            hash.add(context: page.context)
            write(page.path, key: hash.hex) { templates.renderData(page.template, page.context) ?? Data() }
            progress.advance()
        }
    }

    /// Runs a step that writes files through this sink (`search`, `open-data`) only when its key
    /// changed: else keeps every file it wrote last time, provided all are still published with their
    /// sizes. The key must cover everything the step reads; it is computed only when a cache can use it.
    /// `run` writes its files through the function it is given, which notes them as the step's (steps may
    /// run at the same time). It may return a note (one line) that the build needs when the step is
    /// skipped, such as the open data's manifest; it is saved with the step. Returns whether the step ran,
    /// and the note (this run's, or the last one's when the step was skipped).
    @discardableResult
    func step(_ name: String, key makeKey: () -> String,
              run: (_ write: @escaping ([(path: String, data: Data)]) -> Void) -> String?) -> (ran: Bool, note: String?) {
        assert(!name.contains(" ") && !name.contains("\n"), "a step's name is one word in the cache file")
        guard let tree, let cache else { return (true, run(files)) }
        let key = makeKey()
        if let last = cache.previousStep(name), last.key == key, !last.files.isEmpty {
            let entries = last.files.compactMap { path in cache.previousEntry(path).map { (path: path, entry: $0) } }
            if entries.count == last.files.count,
               tree.reusePublished(all: entries.map { (path: $0.path, size: $0.entry.size) }) {
                lock.withLock { paths += last.files }
                for (path, entry) in entries { cache.record(path, entry, reused: true) }
                cache.recordStep(name, last)
                return (false, last.note)
            }
        }
        let written = Box<[String]>([])
        let note = run { batch in
            self.lock.withLock { written.value += batch.map(\.path) }
            self.files(batch)
        }
        if !Interruption.shared.isRequested {
            cache.recordStep(name, BuildCache.Step(key: key, files: lock.withLock { written.value }, note: note))
        }
        return (true, note)
    }

    /// Reuses the published file when its key is unchanged, else makes and writes it.
    private func write(_ path: String, key: String, make: () -> Data) {
        guard let tree, let cache, error == nil, !Interruption.shared.isRequested else { return }
        do {
            if let previous = cache.previousEntry(path), previous.key == key,
               tree.reusePublished(path, size: previous.size) {
                cache.record(path, previous, reused: true)
                return
            }
            let data = make()
            try tree.write(data, to: path)
            cache.record(path, BuildCache.Entry(key: key, size: data.count), reused: false)
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }
}

import Foundation
import GazetteParallel
import GazettePublish
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
    fileprivate let lock = NSLock()
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
            write(files[i].path, key: Self.key(of: files[i].data)) { files[i].data }
        }
    }

    /// Writes one file made of `parts` joined (the data archive), on this thread, without joining them.
    func file(_ path: String, parts: [Data]) {
        lock.withLock { paths.append(path) }
        guard tree != nil else { return }
        write(path, key: Self.key(of: parts)) { parts }
    }

    /// Writes a batch as the open data and the search index hand them over.
    func files(_ batch: [(path: String, data: Data)]) {
        files(batch.map { OutputFile(path: $0.path, data: $0.data) })
    }

    /// Writes files known by a key (`DataSink.write(keyed:)`), on the build's jobs: a file whose published
    /// copy has the key is kept, the others are made and written. Returns the bytes made, nil for a file
    /// kept. Without a tree every file is made, for the archive's sake, and only its path recorded.
    func files(keyed files: [(path: String, key: String)], make: @escaping (Int) -> Data) -> [Data?] {
        lock.withLock { paths += files.map(\.path) }
        guard tree != nil else { return Parallel.map(Array(files.indices), jobs: jobs, make) }
        return Parallel.map(Array(files.indices), jobs: jobs) { i -> Data? in
            var made: Data?
            write(files[i].path, key: Self.key(keyed: files[i].key)) {
                made = make(i)
                return made!
            }
            return made
        }
    }

    /// Draws pages through their templates and writes them, on the build's jobs; a page whose template and
    /// context are unchanged is not drawn at all.
    func pages(_ pages: [Page], templates: Templates, progress: Progress) {
        draw(pages.count, templates: templates, progress: progress, page: { (pages[$0].path, pages[$0].template) },
             key: { hash, i in hash.add(context: pages[i].context) }, context: { pages[$0].context })
    }

    /// Draws and writes pages known by the digest of what their contexts are made from (`DeferredPage`), on
    /// the build's jobs: a page whose template and inputs are unchanged is neither made nor drawn.
    func pages(_ pages: [DeferredPage], templates: Templates, progress: Progress) {
        draw(pages.count, templates: templates, progress: progress, page: { (pages[$0].path, pages[$0].template) },
             key: { hash, i in hash.add("inputs"); hash.add(pages[i].inputs) }, context: { i in
            let page = pages[i].make()
            precondition(page.path == pages[i].path && page.template == pages[i].template,
                         "a deferred page made \(page.path) (\(page.template)), not \(pages[i].path) (\(pages[i].template))")
            return page.context
        })
    }

    /// Page `i`'s key is its template's and what `key` adds; its context is asked for only to draw it.
    private func draw(_ count: Int, templates: Templates, progress: Progress, page: (Int) -> (path: String, template: String),
                      key: (inout ContentHash, Int) -> Void, context: (Int) -> [String: Any]) {
        lock.withLock { paths += (0..<count).map { page($0).path } }
        guard tree != nil else { return }
        let templateKeys = Self.templateKeys(templates)
        Parallel.forEach(count, jobs: jobs) { i in
            let (path, template) = page(i)
            var hash = ContentHash()
            hash.add(templateKeys[template] ?? "")
            key(&hash, i)
            write(path, key: hash.hex) { templates.renderData(template, context(i)) ?? Data() }
            progress.advance()
        }
    }

    /// Each template's key: the generator and the text of the template with every partial it uses.
    private static func templateKeys(_ templates: Templates) -> [String: String] {
        Dictionary(uniqueKeysWithValues: templates.names.map { name in
            var hash = ContentHash()
            hash.add(BuildCache.generator)
            hash.add(templates.dependencyText(of: name))
            return (name, hash.hex)
        })
    }

    /// Runs a step that writes files through this sink (`search`, `open-data`) only when its key
    /// changed: else keeps every file it wrote last time, provided all are still published with their
    /// sizes. The key must cover everything the step reads; it is computed only when a cache can use it.
    /// `run` writes its files through the function it is given, which notes them as the step's (steps may
    /// run at the same time). It may return a note (one line) that the build needs when the step is
    /// skipped, such as the open data's manifest; it is saved with the step. Returns whether the step ran,
    /// and the note (this run's, or the last one's when the step was skipped).
    @discardableResult
    func step(_ name: String, key makeKey: () -> String, run: (_ write: StepWriter) -> String?) -> (ran: Bool, note: String?) {
        assert(!name.contains(" ") && !name.contains("\n"), "a step's name is one word in the cache file")
        guard let tree, let cache else { return (true, run(StepWriter(sink: self, written: nil))) }
        let key = makeKey()
        if let last = cache.previousStep(name), last.key == key, keepWhole(name, last, tree: tree, cache: cache) {
            return (false, last.note)
        }
        let written = Box<[String]>([])
        let note = run(StepWriter(sink: self, written: written))
        if !Interruption.shared.isRequested {
            cache.recordStep(name, BuildCache.Step(key: key, files: lock.withLock { written.value }, note: note))
        }
        return (true, note)
    }

    /// How a step writes its files: through the sink, noting each as the step's. It is the open data's
    /// `DataSink`: it keeps a keyed file whose key is unchanged, and reads the last build's files back.
    struct StepWriter: DataSink {
        let sink: OutputSink
        /// The step's files so far (nil when nothing is cached).
        let written: Box<[String]>?

        func callAsFunction(_ batch: [(path: String, data: Data)]) { write(batch) }

        func write(_ files: [(path: String, data: Data)]) {
            note(files.map(\.path))
            sink.files(files)
        }

        func write(keyed files: [(path: String, key: String)], make: @escaping (Int) -> Data) -> [Data?] {
            note(files.map(\.path))
            return sink.files(keyed: files, make: make)
        }

        func write(_ path: String, parts: [Data]) {
            note([path])
            sink.file(path, parts: parts)
        }

        func published(_ path: String) -> Data? { sink.readPublished(path) }

        func kept(_ path: String) -> Data? { sink.readKept(path) }

        private func note(_ paths: [String]) {
            guard let written else { return }
            sink.lock.withLock { written.value += paths }
        }
    }

    /// How an updatable step went.
    enum StepOutcome: Equatable {
        /// Its key was unchanged: every file of its last run is kept.
        case kept
        /// It updated its last run's files.
        case updated(written: Int, removed: Int)
        /// It ran in full.
        case ran

        var isUpdate: Bool {
            if case .updated = self { return true }
            return false
        }
    }

    /// What an updatable step changes of its last run: files to write, paths gone, and its new state.
    struct StepUpdate {
        var files: [(path: String, data: Data)]
        var removed: [String]
        var state: BuildCache.State
    }

    /// The state an updatable step's last run kept: its index, and a reader of its texts by byte range.
    typealias LastState = (index: Data, texts: (Range<Int>) -> Data?)

    /// A step that can update its last run's files instead of making them all again (the search index): like
    /// `step`, but when its key changed, `update` is first given the state the last run kept and a reader of
    /// that run's published files (which reads only files whose bytes still have the cache's key). It returns
    /// what changes, or nil to have the step run in full; `run` writes every file and returns the state to
    /// keep. The state is saved beside the cache with the step (its note is the state's hash).
    func updatableStep(_ name: String, key makeKey: () -> String,
                       update: (_ state: LastState, _ read: @escaping (String) -> Data?) -> StepUpdate?,
                       run: (_ write: @escaping ([(path: String, data: Data)]) -> Void) -> BuildCache.State?) -> StepOutcome {
        guard let tree, let cache else {
            _ = run(files)
            return .ran
        }
        let key = makeKey()
        if let last = cache.previousStep(name) {
            if last.key == key, keepWhole(name, last, tree: tree, cache: cache) { return .kept }
            // Made only if the update reads a file (25,000 paths for a search index).
            let lastFiles = Once { Set(last.files) }
            if let state = cache.previousState(name),
               let change = update(state, { lastFiles.value.contains($0) ? self.readPublished($0) : nil }) {
                let gone = Set(change.removed).union(change.files.map(\.path))
                let kept = last.files.filter { !gone.contains($0) }
                let entries = kept.compactMap { path in cache.previousEntry(path).map { (path: path, entry: $0) } }
                if entries.count == kept.count, tree.reusePublished(all: entries.map { (path: $0.path, size: $0.entry.size) }) {
                    lock.withLock { paths += kept }
                    cache.recordKept(entries)
                    files(change.files)
                    if !Interruption.shared.isRequested {
                        cache.recordStep(name, BuildCache.Step(key: key, files: kept + change.files.map(\.path),
                                                               note: cache.recordState(name, change.state)))
                    }
                    return .updated(written: change.files.count, removed: change.removed.count)
                }
            }
        }
        let written = Box<[String]>([])
        let state = run { batch in
            self.lock.withLock { written.value += batch.map(\.path) }
            self.files(batch)
        }
        if !Interruption.shared.isRequested {
            cache.recordStep(name, BuildCache.Step(key: key, files: lock.withLock { written.value },
                                                   note: state.map { cache.recordState(name, $0) }))
        }
        return .ran
    }

    /// Keeps every file of a step's last run, if all are still published with their sizes.
    private func keepWhole(_ name: String, _ last: BuildCache.Step, tree: OutputTree, cache: BuildCache) -> Bool {
        guard !last.files.isEmpty else { return false }
        let entries = last.files.compactMap { path in cache.previousEntry(path).map { (path: path, entry: $0) } }
        guard entries.count == last.files.count,
              tree.reusePublished(all: entries.map { (path: $0.path, size: $0.entry.size) }) else { return false }
        lock.withLock { paths += last.files }
        cache.recordKept(entries)
        cache.recordStep(name, last)
        return true
    }

    /// A file of a step's last run as published, if its bytes still have the key the cache holds for them
    /// (so a file changed by hand since is not patched as if it were the build's).
    func readPublished(_ path: String) -> Data? {
        guard let tree, let cache, let entry = cache.previousEntry(path), let data = tree.readPublished(path, size: entry.size)
        else { return nil }
        return Self.key(of: data) == entry.key ? data : nil
    }

    /// A keyed file this build kept, as published. Its cache key names what it was made from, not its bytes,
    /// so only its size is checked, as keeping it did.
    func readKept(_ path: String) -> Data? {
        guard let tree, let cache, let entry = cache.previousEntry(path) else { return nil }
        return tree.readPublished(path, size: entry.size)
    }

    /// The cache's key of a file known by a key of its own (an API file's fingerprint).
    static func key(keyed key: String) -> String {
        var hash = ContentHash()
        hash.add(BuildCache.generator)
        hash.add("keyed")
        hash.add(key)
        return hash.hex
    }

    /// The cache's key of a data file's bytes.
    static func key(of data: Data) -> String { key(of: [data]) }

    /// The key of the file `parts` make, the same as of their bytes joined.
    static func key(of parts: [Data]) -> String {
        var hash = ContentHash()
        hash.add(BuildCache.generator)
        hash.add(parts: parts)
        return hash.hex
    }

    /// Reuses the published file when its key is unchanged, else makes and writes it.
    private func write(_ path: String, key: String, make: () -> Data) {
        write(path, key: key) { [make()] }
    }

    /// The same for a file made of parts.
    private func write(_ path: String, key: String, make: () -> [Data]) {
        guard let tree, let cache, error == nil, !Interruption.shared.isRequested else { return }
        do {
            if let previous = cache.previousEntry(path), previous.key == key,
               tree.reusePublished(path, size: previous.size) {
                cache.record(path, previous, reused: true)
                return
            }
            let parts = make()
            try tree.write(parts: parts, to: path)
            cache.record(path, BuildCache.Entry(key: key, size: parts.reduce(0) { $0 + $1.count }), reused: false)
        } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }
}

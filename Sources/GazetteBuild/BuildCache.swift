import Foundation
import GazetteParallel
import GazetteModel

/// What the last successful build wrote, so the next one can reuse unchanged files.
///
/// For every output path it keeps the key of its inputs (template, context, generator
/// version) and the hash of the bytes written. A page whose key is unchanged is not drawn
/// through its template again, and a file whose bytes are unchanged is not written again:
/// the published file is kept as it is (`OutputTree.reusePublished`). Cached and clean
/// builds produce the same bytes; the cache only saves work.
final class BuildCache: @unchecked Sendable {
    /// Bumped whenever the generator's output could change for the same input.
    static let generatorVersion = "gazette-2"

    /// The version and the identity of the running executable (`ExecutableIdentity`): every key includes
    /// it, so a rebuilt `site` (whose output may differ for the same input) never reuses what an older one
    /// made.
    static let generator: String = generatorVersion + "-" + ExecutableIdentity.current()

    struct Entry: Equatable {
        /// Hash of what the file was made from (for pages: template and context).
        var key: String
        /// Byte count of the file written, checked before reuse.
        var size: Int
    }

    /// A step that can be skipped as a whole (the search index, when no searchable text or field
    /// changed; the open data, when no content changed): the key of its inputs, the files it wrote, and
    /// what else the build needs of it when it is skipped (one line of text; the open data's manifest).
    struct Step: Equatable {
        var key: String
        var files: [String]
        var note: String? = nil
    }

    private let output: URL
    private let file: URL
    private let folder: URL
    private let previous: [String: Entry]
    private let previousSteps: [String: Step]
    private var current: [String: Entry] = [:]
    private var currentSteps: [String: Step] = [:]
    private var currentStates: [String: State] = [:]
    private let lock = NSLock()
    private(set) var reused = 0

    /// The cache of the build writing to `output`: `.gazette-cache/<output name>.cache` beside it.
    init(for output: URL) {
        self.output = output
        file = Self.file(for: output, "cache")
        folder = file.deletingLastPathComponent()
        let stored = (try? Data(contentsOf: file)).flatMap(CacheFile.read)
        previous = stored?.files ?? [:]
        previousSteps = stored?.steps ?? [:]
        // This build records about as many files: grown from empty by doubling, a table of the 45,600 entries
        // of a 10,000-document site is made afresh some sixteen times.
        current.reserveCapacity(previous.count)
    }

    /// The rendered bodies of earlier builds (`BodyCache`), beside this cache.
    func bodies() -> BodyCache { BodyCache(file: Self.file(for: output, "bodies")) }

    /// A file beside the cache of the build writing to `output`: `.gazette-cache/<output name>.<suffix>`.
    static func file(for output: URL, _ suffix: String) -> URL {
        output.deletingLastPathComponent().appendingPathComponent(".gazette-cache")
            .appendingPathComponent(output.lastPathComponent + "." + suffix)
    }

    /// The files the last build published, as this cache lists them, and whether this one has as many (to be
    /// asked once this build's files are all recorded).
    func lastSite() -> LastSite {
        let previous = previous
        return LastSite(files: Array(previous.keys), had: { previous[$0] != nil },
                        sameCount: previous.count == lock.withLock { current.count })
    }

    /// The key recorded for `path` by the last build, if any.
    func previousEntry(_ path: String) -> Entry? { previous[path] }

    /// A whole step as the last build ran it, and as this one did.
    func previousStep(_ name: String) -> Step? { previousSteps[name] }
    func recordStep(_ name: String, _ step: Step) { lock.withLock { currentSteps[name] = step } }

    /// What a step that can update its last run's files (the search index) keeps for that: a small index,
    /// read whole, and large texts, read by range and appended to by updates. They are files of their own
    /// beside the cache (`<output>.<step>.state` and `.texts`); the step's note holds the index's hash, so
    /// an index that is not the last run's (a torn write, an older build's) is never used.
    struct State {
        var index: Data
        /// Written at `textsOffset` of the texts file, which is cut there first (0: they are the whole file).
        var texts: Data
        var textsOffset: Int
    }

    /// The last run's state of a step: its index, and a reader of its texts by byte range.
    func previousState(_ name: String) -> (index: Data, texts: (Range<Int>) -> Data?)? {
        guard let note = previousSteps[name]?.note, let index = try? Data(contentsOf: stateFile(name, "state")),
              Self.stateKey(index) == note else { return nil }
        let handle = try? FileHandle(forReadingFrom: stateFile(name, "texts"))
        return (index, { range in
            guard let handle, (try? handle.seek(toOffset: UInt64(range.lowerBound))) != nil,
                  let data = try? handle.read(upToCount: range.count), data.count == range.count else { return nil }
            return data
        })
    }

    /// Keeps a step's state, to be saved with the cache; returns the note its step must hold.
    func recordState(_ name: String, _ state: State) -> String {
        lock.withLock { currentStates[name] = state }
        return Self.stateKey(state.index)
    }

    /// The note that names a state: a hash of the generator too, so that a state is used only by the
    /// executable that made it (another one may make other files of the same records).
    static func stateKey(_ data: Data) -> String {
        var hash = ContentHash()
        hash.add(generator)
        hash.add(data: data)
        return "state-" + hash.hex
    }

    private func stateFile(_ name: String, _ part: String) -> URL {
        folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + ".\(name).\(part)")
    }

    /// Texts first, then the index, then (in `save`) the cache: a build killed between two of them leaves
    /// texts with a torn tail that no index names (the next update cuts it off), or an index that the
    /// cache's note does not name (not used), never an index naming texts that are not there.
    private func saveState(_ name: String, _ state: State) throws {
        let texts = stateFile(name, "texts")
        if state.textsOffset == 0 {
            try FileBytes.replace(texts.path, with: state.texts)
        } else {
            let handle = try FileHandle(forWritingTo: texts)
            defer { try? handle.close() }
            try handle.truncate(atOffset: UInt64(state.textsOffset))
            try handle.seekToEnd()
            try handle.write(contentsOf: state.texts)
        }
        try FileBytes.replace(stateFile(name, "state").path, with: state.index)
    }

    func record(_ path: String, _ entry: Entry, reused wasReused: Bool) {
        lock.withLock {
            current[path] = entry
            if wasReused { reused += 1 }
        }
    }

    /// Records files kept as they are, under one lock (a search index's 25,000).
    func recordKept(_ files: [(path: String, entry: Entry)]) {
        lock.withLock {
            for (path, entry) in files { current[path] = entry }
            reused += files.count
        }
    }

    /// Saves what this build wrote; called only after the new site is in place.
    func save() { save(prepared()) }

    /// Saves the steps' states and lays out the cache file, without writing it: the build does this while
    /// it puts the new site in place, and writes the file (`save(_:)`) only once the site is. States saved
    /// for a site that then failed to go in place are named by no cache file, so are never used.
    func prepared() -> Data {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, state) in lock.withLock({ currentStates }) {
            // A state that could not be saved whole must not be named by the cache: its step is dropped.
            if (try? saveState(name, state)) == nil { _ = lock.withLock { currentSteps.removeValue(forKey: name) } }
        }
        return lock.withLock { CacheFile.write(files: current, steps: currentSteps) }
    }

    /// Writes the cache file `prepared()` laid out.
    func save(_ data: Data) {
        try? FileBytes.replace(file.path, with: data)
        // The JSON form of earlier versions, if still there.
        try? FileManager.default.removeItem(at: file.deletingPathExtension().appendingPathExtension("json"))
    }
}

/// The cache's file: one line per output file and per step, so that reading and writing it costs a few
/// milliseconds. As JSON through Foundation's coders, the 45,600 entries of a 10,000-document site took
/// 0.45 s to read and as long to write, on every build. Keys are hex and paths contain no control
/// characters (`OutputTree.isSafe`), and a step's note is one line, so a space and a line break separate
/// everything:
///
///     gazette-cache 2
///     file <key> <size> <path>
///     step <name> <key> <file count> <note lines: 0 or 1>
///     <path>                        (one line per file of the step)
///     <note>                        (when it has one)
///
/// A file that does not read back whole (another version, a torn write) is no cache at all.
enum CacheFile {
    static let header = "gazette-cache 2"

    static func write(files: [String: BuildCache.Entry], steps: [String: BuildCache.Step]) -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(files.count * 96)
        func line(_ parts: String...) {
            for (i, part) in parts.enumerated() {
                if i > 0 { out.append(0x20) }
                out.append(contentsOf: part.utf8)
            }
            out.append(0x0A)
        }
        line(header)
        // By bytes: the order is the file's own (it is read into a dictionary), and comparing 45,000 paths
        // as Unicode text was half of laying the file out (and as `String`s, even by bytes, a third).
        let entries = Array(files)
        for i in UTF8Order.sortedIndices(entries.map(\.key)) {
            let (path, entry) = entries[i]
            line("file", entry.key, String(entry.size), path)
        }
        for name in steps.keys.sorted() {
            let step = steps[name]!
            line("step", name, step.key, String(step.files.count), step.note == nil ? "0" : "1")
            for path in step.files { line(path) }
            if let note = step.note { line(note) }
        }
        return Data(out)
    }

    /// Read over the UTF-8 bytes, a line at a time: splitting the text by characters took 0.45 s for
    /// the 45,600 lines of a 10,000-document site, on every build.
    static func read(_ data: Data) -> (files: [String: BuildCache.Entry], steps: [String: BuildCache.Step])? {
        let bytes = [UInt8](data)
        var lines: [Range<Int>] = []
        lines.reserveCapacity(bytes.count / 80)
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        // The last line ends with a line break: a torn write does not.
        guard start == bytes.count, let first = lines.first, bytes[first].elementsEqual(header.utf8) else { return nil }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        /// The line's fields: `count - 1` cut at spaces, the last one the rest of the line.
        func fields(_ line: Range<Int>, _ count: Int) -> [Range<Int>]? {
            var fields: [Range<Int>] = []
            var at = line.lowerBound
            while fields.count < count - 1, let space = bytes[at..<line.upperBound].firstIndex(of: 0x20) {
                fields.append(at..<space)
                at = space + 1
            }
            fields.append(at..<line.upperBound)
            return fields.count == count ? fields : nil
        }
        func number(_ range: Range<Int>) -> Int? { Int(text(range)) }
        let file = Array("file ".utf8), step = Array("step ".utf8)
        var files: [String: BuildCache.Entry] = [:]
        var steps: [String: BuildCache.Step] = [:]
        files.reserveCapacity(lines.count)
        var i = 1
        while i < lines.count {
            let line = lines[i]
            i += 1
            if bytes[line].starts(with: file) {
                guard let f = fields(line, 4), let size = number(f[2]) else { return nil }
                files[text(f[3])] = BuildCache.Entry(key: text(f[1]), size: size)
            } else if bytes[line].starts(with: step) {
                guard let f = fields(line, 5), !bytes[f[4]].contains(0x20), let count = number(f[3]),
                      let notes = number(f[4]), count >= 0, notes == 0 || notes == 1, i + count + notes <= lines.count
                else { return nil }
                steps[text(f[1])] = BuildCache.Step(key: text(f[2]), files: lines[i..<(i + count)].map(text),
                                                    note: notes == 1 ? text(lines[i + count]) : nil)
                i += count + notes
            } else {
                return nil
            }
        }
        return (files, steps)
    }
}

import Foundation

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

    /// The version and a hash of the running executable: every key includes it, so a rebuilt `site`
    /// (whose output may differ for the same input) never reuses what an older one made. Reading the
    /// 50 MB executable costs some 30 ms, once per process.
    static let generator: String = {
        var hash = ContentHash()
        if let executable = try? Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe")) { hash.add(data: executable) }
        return generatorVersion + "-" + hash.hex
    }()

    struct Entry: Codable {
        /// Hash of what the file was made from (for pages: template and context).
        var key: String
        /// Byte count of the file written, checked before reuse.
        var size: Int
    }

    /// A step that can be skipped as a whole (the search index, when no searchable text or field
    /// changed): the key of its inputs and the files it wrote.
    struct Step: Codable {
        var key: String
        var files: [String]
    }

    /// What is saved: an entry per output file, and the steps.
    private struct Stored: Codable {
        var files: [String: Entry]
        var steps: [String: Step]
    }

    private let file: URL
    private let previous: [String: Entry]
    private let previousSteps: [String: Step]
    private var current: [String: Entry] = [:]
    private var currentSteps: [String: Step] = [:]
    private let lock = NSLock()
    private(set) var reused = 0

    /// The cache of the build writing to `output`: `.gazette-cache/<output name>.json` beside it.
    init(for output: URL) {
        let folder = output.deletingLastPathComponent().appendingPathComponent(".gazette-cache")
        file = folder.appendingPathComponent(output.lastPathComponent + ".json")
        let stored = (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(Stored.self, from: $0) }
        previous = stored?.files ?? [:]
        previousSteps = stored?.steps ?? [:]
    }

    /// The key recorded for `path` by the last build, if any.
    func previousEntry(_ path: String) -> Entry? { previous[path] }

    /// A whole step as the last build ran it, and as this one did.
    func previousStep(_ name: String) -> Step? { previousSteps[name] }
    func recordStep(_ name: String, _ step: Step) { lock.withLock { currentSteps[name] = step } }

    func record(_ path: String, _ entry: Entry, reused wasReused: Bool) {
        lock.withLock {
            current[path] = entry
            if wasReused { reused += 1 }
        }
    }

    /// Saves what this build wrote; called only after the new site is in place.
    func save() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(Stored(files: current, steps: currentSteps)) else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file, options: .atomic)
    }

    /// Forgets everything: used when the previous site is missing or was changed by hand.
    static func clear(for output: URL) {
        let folder = output.deletingLastPathComponent().appendingPathComponent(".gazette-cache")
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(output.lastPathComponent + ".json"))
    }
}

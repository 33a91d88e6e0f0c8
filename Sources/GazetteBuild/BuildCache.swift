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

    struct Entry: Codable {
        /// Hash of what the file was made from (for pages: template and context).
        var key: String
        /// Byte count of the file written, checked before reuse.
        var size: Int
    }

    private let file: URL
    private let previous: [String: Entry]
    private var current: [String: Entry] = [:]
    private let lock = NSLock()
    private(set) var reused = 0

    /// The cache of the build writing to `output`: `.gazette-cache/<output name>.json` beside it.
    init(for output: URL) {
        let folder = output.deletingLastPathComponent().appendingPathComponent(".gazette-cache")
        file = folder.appendingPathComponent(output.lastPathComponent + ".json")
        let data = try? Data(contentsOf: file)
        previous = data.flatMap { try? JSONDecoder().decode([String: Entry].self, from: $0) } ?? [:]
    }

    /// The key recorded for `path` by the last build, if any.
    func previousEntry(_ path: String) -> Entry? { previous[path] }

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
        guard let data = try? encoder.encode(current) else { return }
        try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file, options: .atomic)
    }

    /// Forgets everything: used when the previous site is missing or was changed by hand.
    static func clear(for output: URL) {
        let folder = output.deletingLastPathComponent().appendingPathComponent(".gazette-cache")
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(output.lastPathComponent + ".json"))
    }
}

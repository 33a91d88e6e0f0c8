import Foundation

/// What the watched folders hold at one moment: every visible file with its size and
/// modification time.
///
/// Comparing two snapshots taken a poll interval apart is how `site serve` notices a save.
/// Polling is portable (no inotify/FSEvents code paths), and the content folder is small
/// enough to walk four times a second: a stat per file, no reading.
struct FolderSnapshot: Equatable, Sendable {
    struct Stamp: Equatable, Sendable {
        var size: Int64
        /// Modification time in nanoseconds: a save within the same second must still count.
        var modified: Int64
    }

    /// Stamps by path (the root's path joined with the file's relative path).
    private(set) var files: [String: Stamp] = [:]

    /// Folders not walked: the output folder, should it lie inside a watched one, or every
    /// build would change what is watched and start the next.
    private var skipped: Set<String> = []

    /// Walks every root except the `skipping` folders; a root that does not exist simply
    /// contributes nothing.
    init(roots: [URL], skipping: [URL] = []) {
        skipped = Set(skipping.map { $0.standardizedFileURL.path })
        for root in roots { walk(root.standardizedFileURL.path) }
    }

    /// Two snapshots are equal when they saw the same files in the same state.
    static func == (a: FolderSnapshot, b: FolderSnapshot) -> Bool { a.files == b.files }

    /// Paths added, removed or changed between `self` and `newer`, sorted.
    func changes(to newer: FolderSnapshot) -> [String] {
        let paths = Set(files.keys).union(newer.files.keys)
        return paths.filter { files[$0] != newer.files[$0] }.sorted()
    }

    private mutating func walk(_ folder: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where !Self.isIgnored(name) {
            let path = folder + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }  // removed while we looked
            switch info.st_mode & S_IFMT {
            case S_IFDIR: if !skipped.contains(path) { walk(path) }
            case S_IFREG, S_IFLNK: files[path] = Stamp(size: Int64(info.st_size), modified: Self.modified(info))
            default: continue
            }
        }
    }

    /// Hidden files and editors' scratch files (`.policy.md.swp`, `policy.md~`, `#policy.md#`,
    /// vim's `4913` probe) are not content: the build ignores them, so their churn must not
    /// trigger rebuilds either.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name == "4913"
            || (name.hasPrefix("#") && name.hasSuffix("#"))
    }

    private static func modified(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}

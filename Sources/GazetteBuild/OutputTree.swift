import CWriteback
import Foundation
import GazetteParallel

/// Writes the site's new and changed files into a staging folder and puts them in place only when the
/// build succeeded, so a failed or interrupted build leaves the last good site untouched.
///
/// Unchanged files are not touched at all: the build only checks that the published file is still
/// there with its size. When few files changed (an editor's rebuild), `commit` renames each new file
/// over its old version and removes the files the site no longer has: a rebuild of a 45,000-file site
/// costs what changed, where swapping whole trees meant linking every unchanged file into the staging
/// folder and deleting the old tree, which took 12 s on this machine's disk. When many changed (a
/// first build, a new theme), it swaps the whole folder as before.
public final class OutputTree: @unchecked Sendable {
    /// Where the finished site lives (`public/`).
    public let destination: URL
    /// Sibling folder the build writes into.
    public let staging: URL
    /// The two folders' paths, to which every file's relative path is appended: `URL.appendingPathComponent`
    /// cost 4 % of a 10,000-document build's CPU, once per file. Relative paths are checked by `isSafe`.
    private let destinationPath: String
    private let stagingPath: String
    private let fileManager = FileManager.default
    /// Folders already created; guarded by `lock` because pages are written from several threads.
    private var createdFolders: Set<String> = []
    /// Paths written into the staging folder, and published files kept as they are.
    private var written: [String] = []
    private var kept: [String] = []
    private let lock = NSLock()
    /// Held while the new files are put in place, so an interruption's clean-up waits for it.
    private let commitLock = NSLock()
    /// Above this many new or changed files, the whole folder is swapped instead of updated in place:
    /// renaming files one by one would take longer than the two seconds an interruption allows.
    public static let defaultInPlaceLimit = 2_000
    private let inPlaceLimit: Int
    /// The published site's folder, opened once (−1 when there is none yet): a rebuild asks after each of its
    /// 45,000 files, and looked up from it a path is a few components instead of the whole of the
    /// destination's. Closed before the new files go in place.
    private var publishedRoot: Int32 = -1

    /// Threads for walking the published site (`FolderWalk`).
    private let jobs: Int
    /// Where the published folders are noted for the next build (`PublishedFolders`), if anywhere.
    private let foldersFile: URL?
    /// The writeback of large staged files, started as soon as each is written (`startWriteback`).
    private var writebacks: [Parallel.Pending<Void>] = []
    /// A staged file this large has its writeback started at once: ext4 writes a file out when it is
    /// renamed over another (so that a crash leaves the old file or the new one, never an empty one),
    /// and putting the 52 MB data archive of a 10,000-document gazette in place waited 29 ms for it,
    /// a twentieth of a rebuild, with the cores idle.
    static let writebackSize = 4 << 20

    public init(destination: URL, inPlaceLimit: Int = OutputTree.defaultInPlaceLimit, jobs: Int = Parallel.cores,
                foldersFile: URL? = nil) throws {
        self.inPlaceLimit = inPlaceLimit
        self.jobs = jobs
        self.foldersFile = foldersFile
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        self.staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).staging-\(getpid())")
        destinationPath = self.destination.path
        stagingPath = staging.path
        Self.removeLeftovers(of: self.destination)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        publishedRoot = open(destinationPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit { closePublishedRoot() }

    private func closePublishedRoot() {
        if publishedRoot >= 0 { close(publishedRoot) }
        publishedRoot = -1
    }

    /// Cleans up after builds that were killed outright (SIGKILL, power loss), whose process no
    /// longer exists: staging folders go; a previous site moved aside just before the kill is
    /// put back when no site is in place, so the last good site is never lost.
    private static func removeLeftovers(of destination: URL) {
        let fileManager = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let staging = ".\(destination.lastPathComponent).staging-"
        let previous = ".\(destination.lastPathComponent).previous-"
        let names = ((try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? []).sorted()
        for name in names {
            guard let prefix = [staging, previous].first(where: name.hasPrefix),
                  let pid = Int32(name.dropFirst(prefix.count)), pid == getpid() || kill(pid, 0) != 0 else { continue }
            let leftover = parent.appendingPathComponent(name)
            if prefix == previous && !fileManager.fileExists(atPath: destination.path) {
                try? fileManager.moveItem(at: leftover, to: destination)
            } else {
                try? fileManager.removeItem(at: leftover)
            }
        }
    }

    /// Why a path from content may not be written.
    public struct UnsafePathError: Error, CustomStringConvertible {
        public let path: String
        public var description: String { "输出路径“\(path)”不安全（不得含 ..、绝对路径或控制字符）" }
    }

    /// Checks that a relative output path stays inside the output folder: no leading `/`, no `\\`, no empty,
    /// `.` or `..` part, no control character. Walks the UTF-8 bytes (a control character is one byte
    /// there), as every one of a build's files is checked.
    public static func isSafe(_ relative: String) -> Bool {
        var relative = relative
        return relative.withUTF8 { bytes in
            guard !bytes.isEmpty, bytes[0] != 0x2F else { return false }
            var partStart = 0
            for i in 0...bytes.count {
                let byte = i < bytes.count ? bytes[i] : 0x2F
                if byte == 0x5C || byte < 0x20 || byte == 0x7F { return false }
                guard byte == 0x2F else { continue }
                let length = i - partStart
                if length == 0 { return false }
                if length <= 2, bytes[partStart] == 0x2E, length == 1 || bytes[partStart + 1] == 0x2E { return false }
                partStart = i + 1
            }
            return true
        }
    }

    /// Writes `data` at `relative` below the staging folder.
    public func write(_ data: Data, to relative: String) throws {
        try write(parts: [data], to: relative)
    }

    /// Writes `parts`, joined end to end, at `relative` below the staging folder.
    public func write(parts: [Data], to relative: String) throws {
        guard Self.isSafe(relative) else { throw UnsafePathError(path: relative) }
        // Plain `open`/`write`/`close`: Foundation's `Data.write` syncs each file to disk, which costs
        // milliseconds per file; the staging folder is swapped in whole, so per-file durability buys nothing.
        let path = try stagingFile(relative)
        try FileBytes.write(parts: parts, to: path)
        lock.withLock { written.append(relative) }
        if parts.reduce(0, { $0 + $1.count }) >= Self.writebackSize { startWriteback(path) }
    }

    /// Starts writing the staged file at `path` to disk on a thread of its own, while the build goes on;
    /// `commit` waits for it before it renames the file into place, which then finds it written.
    private func startWriteback(_ path: String) {
        let writeback = Parallel.Pending(jobs: jobs) {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return }
            // Only time is at stake: a failure leaves the writeback to the rename, as before.
            _ = cwriteback_start(fd)
            close(fd)
        }
        lock.withLock { writebacks.append(writeback) }
    }

    /// Waits for the writebacks started so far.
    private func finishWritebacks() {
        for writeback in lock.withLock({ writebacks }) { _ = writeback.value }
    }

    /// Where `relative` goes in the staging folder, its folder made (once per folder).
    private func stagingFile(_ relative: String) throws -> String {
        let path = stagingPath + "/" + relative
        let folder = Self.folder(of: path)
        if lock.withLock({ !createdFolders.contains(folder) }) {
            try makeFolder(folder)
            lock.withLock { _ = createdFolders.insert(folder) }
        }
        return path
    }

    /// Where `relative` is in the published site.
    private func publishedFile(_ relative: String) -> String { destinationPath + "/" + relative }

    /// The folder part of a path that has one.
    private static func folder(of path: String) -> String {
        String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
    }

    /// `mkdir`, creating parents only when missing: FileManager's recursive creation stats every
    /// component of the path, for every one of thousands of page folders. With `replacingFiles` (in the
    /// published site, updated in place), a file standing where a folder must be is removed first.
    private func makeFolder(_ path: String, replacingFiles: Bool = false) throws {
        if Glibc.mkdir(path, 0o755) == 0 { return }
        if errno == EEXIST {
            guard replacingFiles, !Self.isFolder(path) else { return }
            try fileManager.removeItem(atPath: path)
        } else {
            guard errno == ENOENT || (replacingFiles && errno == ENOTDIR) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
            try makeFolder(Self.folder(of: path), replacingFiles: replacingFiles)
        }
        if Glibc.mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Whether `path` is a folder itself (not a link to one).
    static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Keeps the published file at `relative` when it exists with `size` bytes; returns false (and does
    /// nothing) otherwise. Nothing is rewritten or linked.
    public func reusePublished(_ relative: String, size: Int) -> Bool {
        guard isPublished(relative, size: size) else { return false }
        lock.withLock { kept.append(relative) }
        return true
    }

    /// Keeps all of `files` when every one is published with its size, else none; returns which.
    public func reusePublished(all files: [(path: String, size: Int)]) -> Bool {
        // On the build's jobs: a search index kept whole or updated is 25,000 files to look up.
        let chunks = stride(from: 0, to: files.count, by: 2048).map { $0..<min(files.count, $0 + 2048) }
        guard Parallel.map(chunks, jobs: jobs, { $0.allSatisfy { isPublished(files[$0].path, size: files[$0].size) } })
            .allSatisfy({ $0 }) else { return false }
        lock.withLock { kept += files.map(\.path) }
        return true
    }

    /// The bytes of the published file at `relative`, if it is a regular file of `size` bytes (a step that
    /// updates its last run's files reads them back; the caller checks them against the cache's key).
    public func readPublished(_ relative: String, size: Int) -> Data? {
        guard isPublished(relative, size: size) else { return nil }
        return FileBytes.file(publishedFile(relative), size: size)
    }

    /// Whether the published site has a regular file at `relative` with `size` bytes.
    private func isPublished(_ relative: String, size: Int) -> Bool {
        guard Self.isSafe(relative) else { return false }
        var info = stat()
        let found = publishedRoot >= 0 ? fstatat(publishedRoot, relative, &info, 0) : stat(publishedFile(relative), &info)
        return found == 0 && (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) == size
    }

    public func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    /// Copies a folder's visible files (theme assets) to `relative`; returns their paths and sizes.
    @discardableResult
    public func copyFolder(_ source: URL, to relative: String) throws -> [(path: String, size: Int)] {
        let items = (fileManager.enumerator(atPath: source.path)?.allObjects as? [String] ?? []).sorted()
        var copied: [(path: String, size: Int)] = []
        for item in items {
            let url = source.appendingPathComponent(item)
            var isDir: ObjCBool = false
            guard !item.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                  fileManager.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            let data = try Data(contentsOf: url)
            try write(data, to: "\(relative)/\(item)")
            copied.append(("\(relative)/\(item)", data.count))
        }
        return copied
    }

    /// Puts the new files in place: renamed one by one over the published site when they are few, else
    /// the whole staging folder (with the kept files linked into it) swapped in for the old one.
    /// `last`, the last build's files as its cache lists them, lets an update in place read only the folders
    /// that changed (`PublishedFolders`); without it, or without the folders noted, every folder is read.
    public func commit(last: LastSite? = nil) throws {
        commitLock.lock()
        defer { commitLock.unlock() }
        closePublishedRoot()
        finishWritebacks()
        var isFolder: ObjCBool = false
        let published = fileManager.fileExists(atPath: destination.path, isDirectory: &isFolder)
        let (written, kept) = lock.withLock { (self.written, self.kept) }
        if published, isFolder.boolValue, written.count <= inPlaceLimit {
            try updateInPlace(written: written, kept: kept, last: last)
        } else {
            try linkKept(kept)
            // Gone until the new folder is in place: a note of the old one's folders must never stand for it.
            if let foldersFile { try? fileManager.removeItem(at: foldersFile) }
            try swap(hadPrevious: published)
            // The new folder holds the site's files and nothing else, so its folders are noted as they are
            // now: without a note, the first rebuild after a full build read all 10,000 folders of a large site.
            if let foldersFile { noteFolders(of: written + kept)?.save(to: foldersFile) }
        }
    }

    /// The folders of the published site that holds exactly `files`, with their signatures as they are now;
    /// nil if one cannot be read (the next build then reads every folder).
    private func noteFolders(of files: [String]) -> PublishedFolders? {
        let root = open(destinationPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { return nil }
        defer { close(root) }
        return PublishedFolders(current: Array(PublishedFolders.folders(holding: files)), below: root, jobs: jobs)
    }

    /// Renames each written file over its published version, then removes what the site no longer has.
    private func updateInPlace(written: [String], kept: [String], last: LastSite?) throws {
        let written = Set(written)
        // Before anything moves: which folders are as the last build left them.
        let root = open(destinationPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if root >= 0 { close(root) } }
        let noted = last == nil || root < 0 ? nil : foldersFile.flatMap(PublishedFolders.init(file:))
        let unchanged = noted?.unchanged(below: root, jobs: jobs)
        for relative in written.sorted() {
            let target = publishedFile(relative)
            if Self.isFolder(target) { try fileManager.removeItem(atPath: target) }
            try makeFolder(Self.folder(of: target), replacingFiles: true)
            guard rename(stagingPath + "/" + relative, target) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target])
            }
        }
        // The site's files as a set, made only if needed (45,000 paths at 10,000 documents).
        var site: Set<String>?
        func siteFiles() -> Set<String> {
            if site == nil { site = written.union(kept) }
            return site!
        }
        let now: PublishedFolders
        if let noted, let unchanged, let last {
            now = noted.removeStrays(below: root, site: siteFiles, written: written, last: last, unchanged: unchanged, jobs: jobs)
        } else {
            now = PublishedFolders(folders: FolderWalk.removeAll(below: destinationPath, except: siteFiles(), jobs: jobs))
        }
        if let foldersFile { now.save(to: foldersFile) }
        try? fileManager.removeItem(at: staging)
    }

    /// Hard-links the kept files from the published site into the staging folder, for a whole swap.
    private func linkKept(_ kept: [String]) throws {
        for relative in kept {
            let new = try stagingFile(relative)
            guard Glibc.link(publishedFile(relative), new) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: new])
            }
        }
    }

    /// Puts the staging folder in place of the destination; the previous site is removed only after.
    private func swap(hadPrevious: Bool) throws {
        let previous = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).previous-\(getpid())")
        if hadPrevious { try fileManager.moveItem(at: destination, to: previous) }
        do {
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            if hadPrevious { try? fileManager.moveItem(at: previous, to: destination) }
            throw error
        }
        if hadPrevious { try? fileManager.removeItem(at: previous) }
    }

    /// Removes the staging folder, leaving the destination as it was (after a commit that is under way:
    /// an interruption's clean-up waits for it).
    public func discard() {
        commitLock.withLock {
            finishWritebacks()
            try? fileManager.removeItem(at: staging)
        }
    }
}

/// Walks a folder with `readdir` (no `stat` per entry: the entry type says what it is), opening each
/// subfolder relative to its parent's descriptor: opening the 10,000 folders of a large site by their full
/// paths, each looked up from `/` again, was 82 of the 190 profile samples of a rebuild's walk.
enum FolderWalk {
    /// Removes every file below `root` whose path relative to it is not in `keep`, and the folders that
    /// are left empty; returns the folders that are left, with their signatures (`PublishedFolders`). The
    /// folders inside each top folder (the 10,000 page folders of `documents/`) are walked on `jobs` threads:
    /// the walk is the kernel's reading of every folder, while the other core only lays out the cache file.
    static func removeAll(below root: String, except keep: Set<String>, jobs: Int = Parallel.cores) -> [String: StatSignature] {
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return [:] }
        var left: [String: StatSignature] = [:]
        for (folder, signature) in walk(descriptor, relative: "", keep: keep, spreadAt: jobs > 1 ? 1 : -1, jobs: jobs).left {
            left[folder] = signature
        }
        return left
    }

    /// Prunes the open folder `descriptor` (and closes it). Returns whether the folder is empty afterwards.
    static func prune(_ descriptor: Int32, relative: String, keep: Set<String>, jobs: Int) -> Bool {
        walk(descriptor, relative: relative, keep: keep, spreadAt: jobs > 1 ? 1 : -1, jobs: jobs).empty
    }

    /// Prunes the open folder `descriptor` (and closes it): whether it is empty afterwards, and else the
    /// folders left in it (itself included) with their signatures. The subfolders of a folder `spreadAt`
    /// levels down are pruned in parallel (each on one thread).
    private static func walk(_ descriptor: Int32, relative: String, keep: Set<String>, spreadAt depth: Int,
                             jobs: Int) -> (empty: Bool, left: [(String, StatSignature)]) {
        guard let folder = fdopendir(descriptor) else {
            close(descriptor)
            return (false, [])
        }
        defer { closedir(folder) }
        let names = FolderListing.entries(of: folder).map { entry -> (String, Bool) in
            // Some file systems do not say what an entry is; then ask (of the entry itself, not of a link's target).
            guard entry.type == UInt8(DT_UNKNOWN) else { return (entry.name, entry.isFolder) }
            var info = stat()
            return (entry.name, fstatat(descriptor, entry.name, &info, AT_SYMLINK_NOFOLLOW) == 0 && info.st_mode & S_IFMT == S_IFDIR)
        }
        var empty = true
        var folders: [String] = []
        for (name, isFolder) in names {
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            if isFolder {
                folders.append(name)
            } else if keep.contains(childRelative) {
                empty = false
            } else {
                unlinkat(descriptor, name, 0)
            }
        }
        func walked(_ name: String) -> (empty: Bool, left: [(String, StatSignature)]) {
            let child = openat(descriptor, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard child >= 0 else { return (false, []) }
            return walk(child, relative: relative.isEmpty ? name : relative + "/" + name, keep: keep, spreadAt: depth - 1, jobs: jobs)
        }
        let children = depth == 0 && folders.count > 1 ? Parallel.map(folders, jobs: jobs, walked) : folders.map(walked)
        var left: [(String, StatSignature)] = []
        for (name, child) in zip(folders, children) {
            if child.empty { unlinkat(descriptor, name, AT_REMOVEDIR) } else { empty = false }
            left += child.left
        }
        // Its own signature last, once its entries are as they stay.
        var info = stat()
        if !empty, fstat(descriptor, &info) == 0 { left.append((relative, StatSignature(info))) }
        return (empty, left)
    }
}

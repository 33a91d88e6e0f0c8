import Foundation

/// Writes the site into a staging folder and swaps it into place only when the build succeeded,
/// so a failed or interrupted build leaves the last good site untouched.
public final class OutputTree: @unchecked Sendable {
    /// Where the finished site lives (`public/`).
    public let destination: URL
    /// Sibling folder the build writes into.
    public let staging: URL
    private let fileManager = FileManager.default
    /// Folders already created; guarded by `lock` because pages are written from several threads.
    private var createdFolders: Set<String> = []
    private let lock = NSLock()

    public init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        self.staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).staging-\(getpid())")
        Self.removeLeftovers(of: self.destination)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
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

    /// Checks that a relative output path stays inside the output folder.
    public static func isSafe(_ relative: String) -> Bool {
        guard !relative.isEmpty, !relative.hasPrefix("/"), !relative.contains("\\") else { return false }
        return relative.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part != "." && part != ".."
                && !part.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        }
    }

    /// Writes `data` at `relative` below the staging folder.
    public func write(_ data: Data, to relative: String) throws {
        guard Self.isSafe(relative) else { throw UnsafePathError(path: relative) }
        let url = staging.appendingPathComponent(relative)
        let folder = url.deletingLastPathComponent().path
        if lock.withLock({ !createdFolders.contains(folder) }) {
            try makeFolder(folder)
            lock.withLock { _ = createdFolders.insert(folder) }
        }
        try Self.writeFile(data, at: url.path)
    }

    /// `mkdir`, creating parents only when missing: FileManager's recursive creation stats every
    /// component of the path, for every one of thousands of page folders.
    private func makeFolder(_ path: String) throws {
        if Glibc.mkdir(path, 0o755) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        try makeFolder((path as NSString).deletingLastPathComponent)
        if Glibc.mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Plain `open`/`write`/`close`: Foundation's `Data.write` syncs each file to disk, which costs
    /// milliseconds per file; the staging folder is swapped in whole, so per-file durability buys nothing.
    private static func writeFile(_ data: Data, at path: String) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { Glibc.close(fd) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
                offset += n
            }
        }
    }

    /// Hard-links the published file at `relative` into the staging folder when it exists with
    /// `size` bytes; returns false (and does nothing) otherwise. Nothing is rewritten.
    public func reusePublished(_ relative: String, size: Int) -> Bool {
        guard Self.isSafe(relative) else { return false }
        let old = destination.appendingPathComponent(relative).path
        var info = stat()
        guard stat(old, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) == size else { return false }
        let new = staging.appendingPathComponent(relative)
        let folder = new.deletingLastPathComponent().path
        if lock.withLock({ !createdFolders.contains(folder) }) {
            guard (try? makeFolder(folder)) != nil else { return false }
            lock.withLock { _ = createdFolders.insert(folder) }
        }
        return Glibc.link(old, new.path) == 0
    }

    public func write(_ text: String, to relative: String) throws {
        try write(Data(text.utf8), to: relative)
    }

    /// Copies a folder's visible files (theme assets) to `relative`.
    public func copyFolder(_ source: URL, to relative: String) throws {
        let items = (fileManager.enumerator(atPath: source.path)?.allObjects as? [String] ?? []).sorted()
        for item in items {
            let url = source.appendingPathComponent(item)
            var isDir: ObjCBool = false
            guard !item.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                  fileManager.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
            try write(try Data(contentsOf: url), to: "\(relative)/\(item)")
        }
    }

    /// Puts the staging folder in place of the destination; the previous site is removed only after.
    public func commit() throws {
        let previous = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).previous-\(getpid())")
        let hadPrevious = fileManager.fileExists(atPath: destination.path)
        if hadPrevious { try fileManager.moveItem(at: destination, to: previous) }
        do {
            try fileManager.moveItem(at: staging, to: destination)
        } catch {
            if hadPrevious { try? fileManager.moveItem(at: previous, to: destination) }
            throw error
        }
        if hadPrevious { try? fileManager.removeItem(at: previous) }
    }

    /// Removes the staging folder, leaving the destination as it was.
    public func discard() {
        try? fileManager.removeItem(at: staging)
    }
}

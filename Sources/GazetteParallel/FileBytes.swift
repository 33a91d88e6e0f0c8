import Foundation

/// Reading a known number of bytes of an open file straight into the buffer that will hold them: the
/// build's stores read their records so, and the build reads back published files whose size the cache
/// noted (the archive of a large gazette is 50 MB, which `FileManager` reads by growing a buffer).
public enum FileBytes {
    /// Fills `buffer` with the bytes of `fd` from `offset` (`pread`, so threads may read one file at once;
    /// again after an interruption). False when the file ends first or cannot be read.
    public static func fill(_ buffer: UnsafeMutableRawBufferPointer, from fd: Int32, at offset: Int) -> Bool {
        guard fd >= 0 else { return false }
        var done = 0
        while done < buffer.count {
            let got = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return false }
            done += got
        }
        return true
    }

    /// From this size on, `file` maps the file instead of reading it: the data archive (52 MB at 10,000
    /// documents) is read back on every rebuild for the entries it keeps, and reading it meant zeroing and
    /// filling as many fresh pages, where a mapping shares the page cache's.
    public static let mappedSize = 4 << 20

    /// The whole file at `path` when it holds exactly `size` bytes, else nil.
    public static func file(_ path: String, size: Int) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if size >= mappedSize {
            var info = stat()
            guard fstat(fd, &info) == 0, Int(info.st_size) == size else { return nil }
            // The build puts a new version in place by renaming it over this one, which leaves the mapped
            // inode as it is. (A file cut short by hand while the build runs would fault when read: the
            // published folder is the build's own.)
            if let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), base != MAP_FAILED {
                return Data(bytesNoCopy: base, count: size, deallocator: .custom { pointer, count in munmap(pointer, count) })
            }
        }
        var data = Data(count: size)
        guard data.withUnsafeMutableBytes({ fill($0, from: fd, at: 0) }) else { return nil }
        var extra: UInt8 = 0
        return pread(fd, &extra, 1, off_t(size)) == 0 ? data : nil
    }
}

extension FileBytes {
    /// Writes `data` into a new file at `path` (or over the file there) with plain `open`/`write`/`close`.
    public static func write(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        try data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
                offset += n
            }
        }
    }

    /// Puts `data` at `path`: written into a temporary file beside it, which is then renamed over it, so a
    /// reader sees the old file or the new one whole. Without `fsync`: this is for what the build keeps for
    /// the next one, which checks each file when it reads it, and for which a file lost to a crash of the
    /// system only means more work (Foundation's atomic write syncs the file to disk first, and for the build
    /// cache's 4 MB that took 47–88 ms at the end of every rebuild). The published files are not synced either.
    public static func replace(_ path: String, with data: Data) throws {
        let temporary = path + ".\(getpid()).tmp"
        do {
            try write(data, to: temporary)
            guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Keeps `bytes` at `file` for the next build (`replace`, its folder made if need be); on failure removes
    /// the file, so that the next build does without it rather than with an old one.
    public static func keep(_ bytes: [UInt8], at file: URL) {
        do {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try replace(file.path, with: Data(bytes))
        } catch {
            try? FileManager.default.removeItem(at: file)
        }
    }
}

/// A file open for reading, closed when the last holder lets it go.
public final class OpenFile: @unchecked Sendable {
    public let descriptor: Int32
    public let path: String

    /// The file at `path`, or nil when it cannot be opened.
    public init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        descriptor = fd
        self.path = path
    }

    deinit { close(descriptor) }

    /// The bytes at `range`, or nil when the file ends first or cannot be read.
    public func read(_ range: Range<Int>) -> [UInt8]? {
        var complete = false
        let bytes = [UInt8](unsafeUninitializedCapacity: range.count) { buffer, done in
            complete = FileBytes.fill(UnsafeMutableRawBufferPointer(buffer), from: descriptor, at: range.lowerBound)
            done = complete ? range.count : 0
        }
        return complete ? bytes : nil
    }

    /// The bytes at `range`, which were there when the holder was made. A file the build itself keeps open
    /// cannot lose them short of a failing disk; a text made from half of them would be published, so the
    /// build stops instead, before anything is published.
    func bytes(_ range: Range<Int>) -> [UInt8] {
        guard let bytes = read(range) else {
            fatalError("could not read bytes \(range) of \(path) back: the disk or the file system failed")
        }
        return bytes
    }
}

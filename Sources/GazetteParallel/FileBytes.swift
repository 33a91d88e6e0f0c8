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
        try write(parts: [data], to: path)
    }

    /// Writes `parts` joined end to end into a new file at `path` (or over the file there), with `writev`
    /// of up to `batch` parts a call, so they are never copied into one buffer first.
    public static func write(parts: [Data], to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path]) }
        defer { close(fd) }
        for start in stride(from: 0, to: parts.count, by: batch) {
            var vectors: [iovec] = []
            guard gather(parts[start..<min(parts.count, start + batch)], into: &vectors, then: { writeAll(fd, &$0) }) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
    }

    /// Parts per `writev`: the 52 MB data archive of a 10,000-document gazette is some 20,000 parts.
    private static let batch = 64

    /// Calls `body` with the addresses of all `parts`, each taken inside its own `withUnsafeBytes` (a small
    /// `Data` keeps its bytes inline, and its address is good only there), one nested call per part.
    private static func gather(_ parts: ArraySlice<Data>, into vectors: inout [iovec],
                               then body: (inout [iovec]) -> Bool) -> Bool {
        guard let part = parts.first else { return body(&vectors) }
        return part.withUnsafeBytes { raw in
            if raw.count > 0 { vectors.append(iovec(iov_base: UnsafeMutableRawPointer(mutating: raw.baseAddress!), iov_len: raw.count)) }
            return gather(parts.dropFirst(), into: &vectors, then: body)
        }
    }

    /// Writes every byte the vectors point to, again after an interruption or a short write.
    private static func writeAll(_ fd: Int32, _ vectors: inout [iovec]) -> Bool {
        var first = 0
        while first < vectors.count {
            let n = vectors.withUnsafeBufferPointer { writev(fd, $0.baseAddress! + first, Int32($0.count - first)) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            var left = n
            while first < vectors.count, left >= vectors[first].iov_len {
                left -= vectors[first].iov_len
                first += 1
            }
            if left > 0 {
                vectors[first].iov_base += left
                vectors[first].iov_len -= left
            }
        }
        return true
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

/// An open file mapped for reading, unmapped when the last holder lets it go. The build's own files only:
/// the build replaces them by renaming a new file over them (the mapped inode stays as it was) or appends to
/// them, and a file cut short by another program while it is mapped would fault when read.
public final class MappedFile: @unchecked Sendable {
    /// The file's bytes as they were when it was mapped.
    public let bytes: UnsafeRawBufferPointer
    public var count: Int { bytes.count }

    /// `file` mapped whole; nil when it is no regular file or cannot be mapped. An empty file maps to no bytes.
    public init?(_ file: OpenFile) {
        var info = stat()
        guard fstat(file.descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        guard size > 0 else {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, file.descriptor, 0), base != MAP_FAILED else { return nil }
        bytes = UnsafeRawBufferPointer(start: base, count: size)
        // Records are read here and there: no pages mapped around the one asked for (which a resident set
        // counts, though the page cache holds them anyway).
        madvise(base, size, MADV_RANDOM)
    }

    /// Tells the kernel how the mapping is about to be read: in order (`sequential`, read ahead far), or here
    /// and there (no pages read around the one asked for), as after `init`.
    public func expect(sequential: Bool) {
        guard let base = bytes.baseAddress else { return }
        madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, sequential ? MADV_SEQUENTIAL : MADV_RANDOM)
    }

    /// The share of `samples` pages, evenly spaced through the file, that are in memory (1 for an empty
    /// file): whether reading it will wait for the disk.
    public func residentShare(samples: Int = 64) -> Double {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return 1 }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let pages = (bytes.count + page - 1) / page, count = min(samples, pages)
        var resident = 0
        var vector: UInt8 = 0
        // Page `i * pages / count`: distinct pages, as `count` is at most `pages`.
        for i in 0..<count where mincore(UnsafeMutableRawPointer(mutating: base + i * pages / count * page), 1, &vector) == 0 {
            if vector & 1 == 1 { resident += 1 }
        }
        return Double(resident) / Double(count)
    }

    /// Unmaps the pages of `range` read so far (they stay in the page cache; reading them again maps them
    /// again), so that they are not counted in the resident set.
    public func forgetPages(_ range: Range<Int>) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = range.lowerBound / page * page
        guard let base = bytes.baseAddress, start < range.upperBound else { return }
        madvise(UnsafeMutableRawPointer(mutating: base + start), range.upperBound - start, MADV_DONTNEED)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}

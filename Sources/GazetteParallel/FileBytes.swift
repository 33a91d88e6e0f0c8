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

    /// The whole file at `path` when it holds exactly `size` bytes, else nil.
    public static func file(_ path: String, size: Int) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = Data(count: size)
        guard data.withUnsafeMutableBytes({ fill($0, from: fd, at: 0) }) else { return nil }
        var extra: UInt8 = 0
        return pread(fd, &extra, 1, off_t(size)) == 0 ? data : nil
    }
}

import Foundation

/// Reads back the entries of an archive `ZipWriter` wrote: each as the `Packed` it was laid out from (its
/// CRC, size and deflated body, a slice of the archive's bytes), so that the next build can lay out an
/// unchanged entry again without making, deflating or checking its file. Anything this writer would not
/// have written (another method, flags, extra fields, a truncated file) gives nil: the build then packs
/// every entry afresh.
enum ZipReader {
    static func entries(of archive: Data) -> [String: ZipWriter.Packed]? {
        archive.withUnsafeBytes { raw in entries(of: archive, bytes: raw.bindMemory(to: UInt8.self)) }
    }

    /// Reads the headers in place; each body is a slice of `archive`, sharing its storage (the archive of a
    /// large gazette is 50 MB, and copying it twice was most of the reading).
    private static func entries(of archive: Data, bytes: UnsafeBufferPointer<UInt8>) -> [String: ZipWriter.Packed]? {
        guard let directory = centralDirectory(bytes) else { return nil }
        var entries: [String: ZipWriter.Packed] = [:]
        entries.reserveCapacity(directory.count)
        var at = directory.offset
        for _ in 0..<directory.count {
            guard at + 46 <= bytes.count, le32(bytes, at) == 0x0201_4b50, le16(bytes, at + 8) == 0x0800 else { return nil }
            let method = le16(bytes, at + 10)
            let crc = le32(bytes, at + 16)
            let compressed = Int(le32(bytes, at + 20))
            let size = Int(le32(bytes, at + 24))
            let nameLength = Int(le16(bytes, at + 28))
            guard le16(bytes, at + 30) == 0, le16(bytes, at + 32) == 0, at + 46 + nameLength <= bytes.count,
                  method == 0 || method == 8, (method == 0) == (compressed == size) else { return nil }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            let local = Int(le32(bytes, at + 42))
            // The local header repeats the name; the body follows it.
            guard local + 30 + nameLength <= bytes.count, le32(bytes, local) == 0x0403_4b50,
                  Int(le16(bytes, local + 26)) == nameLength, le16(bytes, local + 28) == 0 else { return nil }
            let body = local + 30 + nameLength
            guard body + compressed <= bytes.count else { return nil }
            let start = archive.startIndex + body
            entries[name] = ZipWriter.Packed(name: name, crc: crc, size: size, body: archive[start..<(start + compressed)])
            at += 46 + nameLength
        }
        return entries
    }

    /// Where the central directory starts and how many entries it holds, from the end record (or the ZIP64
    /// end record, for more than 65,535 entries).
    private static func centralDirectory(_ bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, count: Int)? {
        let end = bytes.count - 22
        guard end >= 0, le32(bytes, end) == 0x0605_4b50 else { return nil }
        let count = Int(le16(bytes, end + 10))
        let offset = Int(le32(bytes, end + 16))
        guard count == 0xFFFF else { return (offset, count) }
        let locator = end - 20
        guard locator >= 0, le32(bytes, locator) == 0x0706_4b50 else { return nil }
        let record = Int(le64(bytes, locator + 8))
        guard record >= 0, record + 56 <= bytes.count, le32(bytes, record) == 0x0606_4b50 else { return nil }
        return (Int(le64(bytes, record + 48)), Int(le64(bytes, record + 32)))
    }

    private static func le16(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func le32(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 { UInt32(le16(b, i)) | UInt32(le16(b, i + 2)) << 16 }
    private static func le64(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 { UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32 }
}

import Foundation

/// A file of records by key, for what a build keeps of its work for the next one (rendered bodies, decoded
/// front matter): records are content-addressed (the key is a digest of everything a record was made
/// from), so any whole record in the file is right whatever build wrote it, and the file needs no tie to
/// the build cache's other files.
///
///     <magic line>
///     <key: 16 bytes> <length: varint> <record>        (appended)
///
/// A build reads the records' keys and lengths (a few bytes each, not the file: the bodies' file of a
/// 10,000-document gazette is 160 MB, and reading it whole was a fifth of a second on one core before
/// anything else could start), reads each record it needs when it asks for it (on whatever thread asks), and
/// then appends the ones it made (cutting off a torn last record first: a build killed while appending),
/// or writes the file afresh with only the records it used and made, once more than half of it is records
/// it did not use (after a new `site` executable, whose keys are all new).
public final class RecordStore: @unchecked Sendable {
    /// A record's key: the 16 bytes of a `ContentHash`, as two words (a dictionary of 10,000 byte arrays
    /// hashed each key byte by byte, and every lookup made an array).
    public struct Key: Hashable, Sendable {
        let a: UInt64, b: UInt64

        init(_ a: UInt64, _ b: UInt64) { self.a = a; self.b = b }

        /// The key as it is written in the file (and hashed where something depends on it).
        public var bytes: [UInt8] { withUnsafeBytes(of: (a.littleEndian, b.littleEndian)) { Array($0) } }
    }

    private let file: URL
    private let magic: [UInt8]
    /// The file, open for reading records while the build runs; texts read lazily from it keep it open.
    private var source: OpenFile?
    /// The file mapped, for its records' heads and the records a build takes (some 20,000 `pread` calls a
    /// rebuild of 10,000 documents, each copying a page, before): until `store`.
    private var mapping: MappedFile?
    private var stored: [Key: Range<Int>] = [:]
    /// Bytes of whole records read (where an append starts).
    private var validLength = 0
    private var used: [Key: Range<Int>] = [:]
    private let lock = NSLock()
    /// Whether records are copied from the mapping rather than read with `pread`.
    private let readsMapped: Bool

    /// `readsMapped` for a file whose records a build takes nearly all of (the entries: 10,000 `pread`
    /// calls a rebuild, one per record, else); not for one of which it takes a few or only their heads (the
    /// bodies' 160 MB: the pages the kernel maps around each record read would count in the resident set).
    public init(file: URL, magic: String, readsMapped: Bool = false) {
        self.file = file
        self.magic = Array(magic.utf8)
        self.readsMapped = readsMapped
        guard let source = OpenFile(path: file.path), let mapping = MappedFile(source),
              mapping.count >= self.magic.count, Array(mapping.bytes[0..<self.magic.count]) == self.magic else { return }
        self.source = source
        self.mapping = mapping
        let bytes = mapping.bytes
        let size = bytes.count
        var offset = self.magic.count, forgotten = 0
        validLength = offset
        // The walk goes through the file in order. When the file is mostly no longer in memory (the bodies'
        // 1.6 GB at 100,000 documents, after another program's run), it is read ahead in large runs rather
        // than a page per record (6.4 s against 1.4 s for that file); when it is, nothing more is read
        // (reading ahead then fetched the pages the kernel had let go, and a rebuild was slower). The records
        // are then read here and there.
        let streams = mapping.residentShare() < 0.5
        if streams { mapping.expect(sequential: true) }
        defer { if streams { mapping.expect(sequential: false) } }
        // Each record's head: its key and a varint of at most ten bytes.
        while offset + 16 < size {
            let key = Key(bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian,
                          bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self).littleEndian)
            guard let (length, start) = Self.varint(bytes, at: offset + 16), length <= size - start else { break }
            stored[key] = start..<(start + length)
            offset = start + length
            validLength = offset
            // Walking the heads touches a page of nearly every record (the bodies' file of 10,000 documents
            // is 160 MB), and the kernel maps the pages around each: let them go as the walk goes.
            if offset - forgotten >= 8 << 20 {
                mapping.forgetPages(forgotten..<offset)
                forgotten = offset
            }
        }
        mapping.forgetPages(forgotten..<size)
    }

    /// The varint at `offset` (as `ByteReader.varint` reads it) and where it ends; nil past the end.
    private static func varint(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: Int, end: Int)? {
        var value = 0, shift = 0, at = offset
        while at < bytes.count {
            let byte = bytes[at]
            at += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return (value, at) }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }

    /// A key from what `add` puts into a digest.
    public static func key(_ add: (inout ContentHash) -> Void) -> Key {
        var hash = ContentHash()
        add(&hash)
        let (a, b) = hash.lanes
        return Key(a, b)
    }

    /// The record kept under `key`, if any; noted as used. Safe to call from several threads.
    public func record(_ key: Key) -> ArraySlice<UInt8>? {
        record(key, first: .max)?.bytes
    }

    /// The first `count` bytes (or fewer) of the record kept under `key`, and where the whole record is (for
    /// reading the rest in parts, and later); noted as used. Safe to call from several threads.
    public func record(_ key: Key, first count: Int) -> (bytes: ArraySlice<UInt8>, file: OpenFile, range: Range<Int>)? {
        guard let (source, range) = location(key) else { return nil }
        let wanted = range.lowerBound..<(range.lowerBound + min(count, range.count))
        if readsMapped, let mapping { return (Array(UnsafeRawBufferPointer(rebasing: mapping.bytes[wanted]))[...], source, range) }
        guard let bytes = source.read(wanted) else { return nil }
        return (bytes[...], source, range)
    }

    /// Where the record kept under `key` is, if any, for reading it in parts (and later); noted as used. The
    /// file stays open as long as `file` is held, and those bytes stay as they are: `store` only appends, or
    /// puts a new file in the old one's place. Safe to call from several threads.
    public func location(_ key: Key) -> (file: OpenFile, range: Range<Int>)? {
        guard let source, let range = stored[key] else { return nil }
        lock.withLock { used[key] = range }
        return (source, range)
    }

    /// How many records were taken.
    public var hits: Int { lock.withLock { used.count } }

    /// Keeps the records made this build (`keys`, each record made by `record` when it is written, so they
    /// are not all held at once) and lets the file's bytes go: appended, or, when more than half of the file
    /// is records no longer used, the file written afresh with the records used and the new ones.
    public func store(_ keys: [Key], record: (Int) -> [UInt8]) {
        defer {
            stored = [:]
            source = nil
            mapping = nil
        }
        let usedBytes = used.values.reduce(0) { $0 + $1.count + 20 }
        let garbage = validLength - magic.count - usedBytes
        if validLength > 0, garbage <= max(usedBytes, 1 << 20) {
            guard !keys.isEmpty, let handle = try? FileHandle(forWritingTo: file) else { return }
            defer { try? handle.close() }
            // A torn record after the last whole one (a build killed while appending) is cut off first.
            guard (try? handle.truncate(atOffset: UInt64(validLength))) != nil, (try? handle.seekToEnd()) != nil else { return }
            write(keys, record: record, to: handle)
        } else {
            let temporary = file.deletingLastPathComponent()
                .appendingPathComponent(".\(file.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)")
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(magic)),
                  let handle = try? FileHandle(forWritingTo: temporary), (try? handle.seekToEnd()) != nil else { return }
            var out = ByteBuffer()
            for (key, range) in used.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
                guard let mapping else { continue }
                Self.write(key, Array(UnsafeRawBufferPointer(rebasing: mapping.bytes[range]))[...], into: &out)
                if out.bytes.count >= Self.chunk { flush(&out, to: handle) }
            }
            flush(&out, to: handle)
            write(keys, record: record, to: handle)
            try? handle.close()
            if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
        }
    }

    /// Bytes gathered before a write.
    private static let chunk = 4 << 20

    private func write(_ keys: [Key], record: (Int) -> [UInt8], to handle: FileHandle) {
        var out = ByteBuffer()
        for (i, key) in keys.enumerated() {
            Self.write(key, record(i)[...], into: &out)
            if out.bytes.count >= Self.chunk { flush(&out, to: handle) }
        }
        flush(&out, to: handle)
    }

    private func flush(_ out: inout ByteBuffer, to handle: FileHandle) {
        _ = try? handle.write(contentsOf: Data(out.bytes))
        out.bytes.removeAll(keepingCapacity: true)
    }

    private static func write(_ key: Key, _ bytes: ArraySlice<UInt8>, into out: inout ByteBuffer) {
        out.append(key.bytes)
        out.varint(bytes.count)
        out.bytes.append(contentsOf: bytes)
    }
}

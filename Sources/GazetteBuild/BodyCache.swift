import Foundation
import GazetteModel
import GazetteParallel
import GazetteRender

/// Rendered bodies by the digest of what they are rendered from (the generator, the file's path, the line
/// the body starts on, its Markdown), so that a rebuild runs cmark only over the bodies that changed.
/// One file beside the build cache (`.gazette-cache/<output>.bodies`):
///
///     gazette-bodies 1\n
///     <digest: 16 bytes> <length: varint> <record>        (one per body, appended)
///     record: <length: varint> <RenderedBody.bytes> <findings: varint> (<severity> <message> <path> <line> <column>)…
///
/// Records are content-addressed, so any whole record in the file is right whatever build wrote it, and
/// the file needs no tie to the cache's other files: a build appends the bodies it rendered (cutting off a
/// torn last record first), and writes the file afresh, with only the bodies it used, once it has grown to
/// twice those. A body's findings (a `**` that does not take, raw HTML) are kept with it and reported again
/// when it is taken from the cache, as rendering it again would.
final class BodyCache: @unchecked Sendable {
    typealias Key = [UInt8]

    private static let magic = Array("gazette-bodies 1\n".utf8)
    private let file: URL
    private var data: [UInt8] = []
    private var stored: [Key: Range<Int>] = [:]
    /// Bytes of whole records read (where an append starts).
    private var validLength = 0
    private var used: [Key: Range<Int>] = [:]
    private let lock = NSLock()

    /// How many bodies were taken from the cache.
    var hits: Int { lock.withLock { used.count } }

    init(file: URL) {
        self.file = file
        guard let contents = Self.contents(of: file.path), contents.starts(with: Self.magic) else { return }
        data = contents
        var reader = ByteReader(data)
        _ = reader.bytes(Self.magic.count)
        validLength = reader.offset
        while !reader.atEnd {
            guard let key = reader.bytes(16), let length = reader.varint() else { break }
            let start = reader.offset
            guard reader.skip(length) else { break }
            stored[key] = start..<(start + length)
            validLength = reader.offset
        }
    }

    /// A file's bytes read straight into an array (through `Data` they would be held twice for a moment: the
    /// file is about twice the size of the gazette's Markdown).
    private static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let size = Int(info.st_size)
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            while count < size {
                let got = read(fd, buffer.baseAddress! + count, size - count)
                if got <= 0 { failed = got < 0; break }
                count += got
            }
        }
        return failed ? nil : bytes
    }

    /// The key of a body.
    static func key(_ body: MarkdownBody) -> Key {
        var hash = ContentHash()
        hash.add(BuildCache.generator)
        hash.add(body.path)
        hash.add(word: UInt64(body.firstLine))
        hash.add(body.text)
        let (a, b) = hash.lanes
        return withUnsafeBytes(of: (a.littleEndian, b.littleEndian)) { Array($0) }
    }

    /// The body kept under `key` and its findings, if any. Safe to call from several threads.
    func body(_ key: Key) -> (body: RenderedBody, findings: Diagnostics)? {
        guard let range = stored[key], let kept = Self.decode(data[range]) else { return nil }
        lock.withLock { used[key] = range }
        return kept
    }

    private static func encode(_ body: RenderedBody, _ findings: Diagnostics) -> [UInt8] {
        let bytes = body.bytes
        var out = ByteBuffer(capacity: bytes.count + 16)
        out.varint(bytes.count)
        out.append(bytes)
        out.varint(findings.all.count)
        for finding in findings.all {
            out.string(finding.severity.rawValue)
            out.string(finding.message)
            out.string(finding.location.path)
            out.varint(finding.location.line)
            out.varint(finding.location.column)
        }
        return out.bytes
    }

    private static func decode(_ record: ArraySlice<UInt8>) -> (body: RenderedBody, findings: Diagnostics)? {
        var reader = ByteReader(record)
        guard let length = reader.varint(), length <= record.count - reader.offset,
              let body = RenderedBody(bytes: record[(record.startIndex + reader.offset)...].prefix(length)),
              reader.skip(length),
              let count = reader.varint(), count <= record.count else { return nil }
        var findings = Diagnostics()
        for _ in 0..<count {
            guard let severity = reader.string().flatMap(Diagnostic.Severity.init(rawValue:)), let message = reader.string(),
                  let path = reader.string(), let line = reader.varint(), let column = reader.varint() else { return nil }
            findings.append(Diagnostic(severity, message, at: SourceLocation(path: path, line: line, column: column)))
        }
        return reader.atEnd ? (body, findings) : nil
    }

    /// Keeps the bodies rendered this build (`new`, by key) and lets the file's bytes go: appended to the
    /// file, or the file written afresh with the bodies used and the new ones when it would hold more than
    /// twice those.
    func store(_ new: [(key: Key, body: RenderedBody, findings: Diagnostics)]) {
        defer {
            data = []
            stored = [:]
        }
        let records = new.map { (key: $0.key, bytes: Self.encode($0.body, $0.findings)) }
        let newBytes = records.reduce(0) { $0 + $1.bytes.count + 20 }
        let usedBytes = used.values.reduce(0) { $0 + $1.count + 20 }
        if validLength > 0, validLength + newBytes <= 2 * (usedBytes + newBytes) + (1 << 20) {
            guard !records.isEmpty else { return }
            append(records, at: validLength)
        } else {
            var out = ByteBuffer(capacity: Self.magic.count + usedBytes + newBytes)
            out.append(Self.magic)
            for (key, range) in used.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
                Self.write(key, Array(data[range]), into: &out)
            }
            for record in records { Self.write(record.key, record.bytes, into: &out) }
            try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(out.bytes).write(to: file, options: .atomic)
        }
    }

    private func append(_ records: [(key: Key, bytes: [UInt8])], at offset: Int) {
        var out = ByteBuffer()
        for record in records { Self.write(record.key, record.bytes, into: &out) }
        guard let handle = try? FileHandle(forWritingTo: file) else { return }
        defer { try? handle.close() }
        // A torn record after `offset` (a build killed while appending) is cut off first.
        _ = try? handle.truncate(atOffset: UInt64(offset))
        _ = try? handle.seekToEnd()
        _ = try? handle.write(contentsOf: Data(out.bytes))
    }

    private static func write(_ key: Key, _ bytes: [UInt8], into out: inout ByteBuffer) {
        out.append(key)
        out.varint(bytes.count)
        out.append(bytes)
    }
}

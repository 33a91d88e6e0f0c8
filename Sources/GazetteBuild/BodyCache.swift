import Foundation
import GazetteModel
import GazetteParallel
import GazetteContent
import GazetteRender

/// Rendered bodies by the digest of what they are rendered from (the generator, the file's path, the line
/// the body starts on, its Markdown), so that a rebuild runs cmark only over the bodies that changed: a
/// `RecordStore` beside the build cache (`.gazette-cache/<output>.bodies`). A body's findings (a `**` that
/// does not take, raw HTML) are kept with it and reported again when it is taken from the cache, as
/// rendering it again would.
///
///     record: <findings: varint> (<severity> <message> <path> <line> <column>)… <RenderedBody.bytes>
///
/// A body is taken by reading its record's first bytes only (its findings and the head of the body), and its
/// HTML and text are left in the file until they are shown: a rebuild shows few, and reading the 160 MB of
/// a 10,000-document gazette's bodies was most of what taking them cost.
final class BodyCache: @unchecked Sendable {
    typealias Key = RecordStore.Key

    private let store: RecordStore
    /// Bytes read at first: the findings and the head of nearly every body (a body with more attachments
    /// or tables than fit is read whole).
    private static let headBytes = 4096

    init(file: URL) { store = RecordStore(file: file, magic: "gazette-bodies 2\n") }

    /// The key of a body: by its digest when the loader took one (a body left in its file is not read to
    /// be known), else by its text.
    static func key(_ body: MarkdownBody) -> Key {
        RecordStore.key { hash in
            hash.add(BuildCache.generator)
            hash.add(body.path)
            hash.add(word: UInt64(body.firstLine))
            if let digest = body.digest {
                hash.add(byte: 1)
                hash.add(word: digest.a)
                hash.add(word: digest.b)
            } else {
                hash.add(byte: 0)
                hash.add(body.text)
            }
        }
    }

    /// How many bodies were taken from the cache.
    var hits: Int { store.hits }

    /// The body kept under `key` and its findings, if any. Safe to call from several threads.
    func body(_ key: Key) -> (body: RenderedBody, findings: Diagnostics)? {
        guard let (head, file, range) = store.record(key, first: Self.headBytes) else { return nil }
        if let kept = Self.decode(head, file: file, record: range) { return kept }
        guard head.count < range.count, let whole = store.record(key) else { return nil }
        return Self.decode(whole, file: file, record: range)
    }

    /// Keeps the bodies rendered this build and lets the file's bytes go.
    func store(_ new: [(key: Key, body: RenderedBody, findings: Diagnostics)]) {
        store.store(new.map(\.key)) { Self.encode(new[$0].body, new[$0].findings) }
    }

    private static func encode(_ body: RenderedBody, _ findings: Diagnostics) -> [UInt8] {
        var out = ByteBuffer()
        out.findings(findings)
        body.write(to: &out)
        return out.bytes
    }

    /// The body and findings of the record at `record` of `file`, from its first bytes `head` (nil when they
    /// are cut short of the body's head, or are not a record); the HTML and the text stay in the file.
    private static func decode(_ head: ArraySlice<UInt8>, file: OpenFile, record: Range<Int>) -> (body: RenderedBody, findings: Diagnostics)? {
        var reader = ByteReader(head)
        guard let findings = reader.findings() else { return nil }
        let start = reader.offset
        let body = RenderedBody(head: head.dropFirst(start), count: record.count - start) { part in
            LazyText(file: file, range: (record.lowerBound + start + part.lowerBound)..<(record.lowerBound + start + part.upperBound))
        }
        return body.map { ($0, findings) }
    }
}

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
///     record: <length: varint> <RenderedBody.bytes> <findings: varint> (<severity> <message> <path> <line> <column>)…
final class BodyCache: @unchecked Sendable {
    typealias Key = RecordStore.Key

    private let store: RecordStore

    init(file: URL) { store = RecordStore(file: file, magic: "gazette-bodies 1\n") }

    /// The key of a body.
    static func key(_ body: MarkdownBody) -> Key {
        RecordStore.key { hash in
            hash.add(BuildCache.generator)
            hash.add(body.path)
            hash.add(word: UInt64(body.firstLine))
            hash.add(body.text)
        }
    }

    /// How many bodies were taken from the cache.
    var hits: Int { store.hits }

    /// The body kept under `key` and its findings, if any. Safe to call from several threads.
    func body(_ key: Key) -> (body: RenderedBody, findings: Diagnostics)? {
        store.record(key).flatMap(Self.decode)
    }

    /// Keeps the bodies rendered this build and lets the file's bytes go.
    func store(_ new: [(key: Key, body: RenderedBody, findings: Diagnostics)]) {
        store.store(new.map(\.key)) { Self.encode(new[$0].body, new[$0].findings) }
    }

    private static func encode(_ body: RenderedBody, _ findings: Diagnostics) -> [UInt8] {
        let bytes = body.bytes
        var out = ByteBuffer(capacity: bytes.count + 16)
        out.varint(bytes.count)
        out.append(bytes)
        out.findings(findings)
        return out.bytes
    }

    private static func decode(_ record: ArraySlice<UInt8>) -> (body: RenderedBody, findings: Diagnostics)? {
        var reader = ByteReader(record)
        guard let length = reader.varint(), length <= record.count - reader.offset,
              let body = RenderedBody(bytes: record[(record.startIndex + reader.offset)...].prefix(length)),
              reader.skip(length), let findings = reader.findings(), reader.atEnd else { return nil }
        return (body, findings)
    }
}

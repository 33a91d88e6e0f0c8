import Foundation
import GazetteModel
import GazetteParallel

/// Decoded front matter of issue files' documents and interpretations, by the digest of what decoding
/// reads (the generator, site.yaml, the issue folder, the file's path and text), so that a rebuild runs
/// YAML only over the files that changed: a `RecordStore` that the build keeps beside its cache
/// (`.gazette-cache/<output>.entries`). A file's findings are kept with it and reported again when it is
/// taken from the cache, as decoding it again would. The Markdown body is not kept: it is cut from the
/// file's text again when the build read the file, and else left in the file (`EntryFile.body`).
///
///     record: <entry: 0 none, 1 document, 2 interpretation> <its fields (`Entry+Bytes.swift`)> <findings>
public final class EntryCache: @unchecked Sendable {
    typealias Key = RecordStore.Key

    private let store: RecordStore
    private let generator: String

    /// `generator` names the executable (a new one may decode differently).
    public init(file: URL, generator: String) {
        store = RecordStore(file: file, magic: "gazette-entries 1\n", readsMapped: true)
        self.generator = generator
    }

    /// How many files were taken from the cache.
    public var hits: Int { store.hits }

    func key(_ file: EntryFile, issueID: String, site: ContentFile) -> Key {
        RecordStore.key { hash in
            hash.add(generator)
            hash.add(site.text)
            hash.add(issueID)
            hash.add(file.displayPath)
            file.digest.add(to: &hash)
        }
    }

    /// The entry kept under `key` (nil inside: the file decoded to nothing, with errors) and its findings.
    func entry(_ key: Key, file: EntryFile) -> (entry: Entry?, findings: Diagnostics)? {
        guard let record = store.record(key) else { return nil }
        var reader = ByteReader(record)
        guard let kind = reader.byte() else { return nil }
        var entry: Entry?
        if kind != 0 {
            let body = file.body
            switch kind {
            case 1: guard let d = reader.document(body: body) else { return nil }; entry = .document(d)
            case 2: guard let i = reader.interpretation(body: body) else { return nil }; entry = .interpretation(i)
            default: return nil
            }
        }
        guard let findings = reader.findings(), reader.atEnd else { return nil }
        return (entry, findings)
    }

    /// The record of a file's entry, to keep.
    static func record(_ entry: Entry?, findings: Diagnostics) -> [UInt8] {
        var out = ByteBuffer()
        switch entry {
        case .document(let d)?: out.byte(1); out.document(d)
        case .interpretation(let i)?: out.byte(2); out.interpretation(i)
        case nil: out.byte(0)
        }
        out.findings(findings)
        return out.bytes
    }

    private var pending: [(key: Key, bytes: [UInt8])] = []

    /// Notes the files decoded this run, to be kept by `save`.
    func keep(_ new: [(key: Key, bytes: [UInt8])]) { pending = new }

    /// Keeps the files decoded this run. Called only by a build that found no errors in its content: a
    /// build with errors writes nothing at all.
    public func save() {
        let new = pending
        pending = []
        store.store(new.map(\.key)) { new[$0].bytes }
    }
}

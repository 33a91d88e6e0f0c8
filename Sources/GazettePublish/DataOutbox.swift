import Foundation
import GazetteParallel

/// Where the open data's files go as they are made: handed on in batches to be written, with a deflated
/// copy of each archived file kept for the ZIP. So the API files of a large gazette (a JSON file per
/// document, body included: 200 MB at 10,000 documents) are never all in memory, only their compressed
/// copies (a third of that).
///
/// A file with a key (an API file, keyed by its fingerprint) is made only when its published copy has
/// another key; else the sink keeps it, and its archive entry is taken from the last build's archive as it
/// was deflated then. So a rebuild after an edit to one document encodes and deflates that document's file
/// and the lists, not the whole API.
final class DataOutbox {
    private let sink: DataSink
    private var pending: [(file: (path: String, data: Data), archived: Bool, published: Bool)] = []
    /// The archived files so far, deflated.
    private var packed: [ZipWriter.Packed] = []
    /// The last build's archive entries by name, read once when a kept file first needs its entry (nil when
    /// there is no published archive this build wrote, or it does not read back).
    private lazy var lastArchive: [String: ZipWriter.Packed]? = sink.published(DataArchive.path).flatMap(ZipReader.entries)
    private static let batch = 512

    init(sink: DataSink) { self.sink = sink }

    /// Adds a file that is published and archived, or only one of the two.
    func add(_ file: (path: String, data: Data), archived: Bool = true, published: Bool = true) {
        pending.append((file, archived, published))
        if pending.count >= Self.batch { flush() }
    }

    func add(_ files: [(path: String, data: Data)], archived: Bool = true, published: Bool = true) {
        for file in files { add(file, archived: archived, published: published) }
    }

    /// Adds files that are published and archived (or only published), made by `make(i)` (on every core)
    /// only when needed: a file without a key always is, a keyed one when its key changed or (archived) its
    /// last archive entry is missing. Returns the bytes made for each file, nil for a file kept.
    @discardableResult
    func add(keyed files: [(path: String, key: String?)], archived: Bool = true, make: @escaping (Int) -> Data) -> [Data?] {
        let keyed = files.indices.filter { files[$0].key != nil }
        let made = sink.write(keyed: keyed.map { (path: files[$0].path, key: files[$0].key!) }) { make(keyed[$0]) }
        var result = [Data?](repeating: nil, count: files.count)
        var unpacked: [Int] = []
        for (n, i) in keyed.enumerated() {
            result[i] = made[n]
            guard archived else { continue }
            if let data = made[n] {
                pending.append(((files[i].path, data), archived: true, published: false))
            } else if let entry = lastArchive?[files[i].path] {
                packed.append(entry)
            } else {
                unpacked.append(i)
            }
        }
        // Kept files whose archive entry is gone are made again for the archive alone; files without a key
        // are made and written.
        let unkeyed = files.indices.filter { files[$0].key == nil }
        let again = unpacked + unkeyed
        let data = Parallel.map(again, jobs: Parallel.cores * 2, make)
        for (n, (i, data)) in zip(again, data).enumerated() {
            let isUnkeyed = n >= unpacked.count
            pending.append(((files[i].path, data), archived: archived, published: isUnkeyed))
            if isUnkeyed { result[i] = data }
        }
        if pending.count >= Self.batch { flush() }
        return result
    }

    /// Deflates the pending archived files on every core and hands the published ones on.
    func flush() {
        let batch = pending
        pending = []
        packed += Parallel.map(batch.filter(\.archived), jobs: Parallel.cores * 4, state: ZipWriter.deflater) {
            ZipWriter.pack(ZipWriter.Entry(name: $1.file.path, data: $1.file.data), with: $0)
        }
        let published = batch.filter(\.published).map(\.file)
        if !published.isEmpty { sink.write(published) }
    }

    /// Flushes, then hands over the deflated archived files: the outbox keeps no reference to them, so the
    /// archive can free each body as it lays it out.
    func takeArchived() -> [ZipWriter.Packed] {
        flush()
        lastArchive = nil
        defer { packed = [] }
        return packed
    }
}

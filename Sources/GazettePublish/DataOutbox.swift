import Foundation
import GazetteParallel

/// Where the open data's files go as they are made: handed on in batches to be written, with a deflated
/// copy of each archived file kept for the ZIP. So the API files of a large gazette (a JSON file per
/// document, body included: 200 MB at 10,000 documents) are never all in memory, only their compressed
/// copies (a third of that).
final class DataOutbox {
    private let emit: (OpenData.Files) -> Void
    private var pending: [(file: (path: String, data: Data), archived: Bool, published: Bool)] = []
    /// The archived files so far, deflated.
    private var packed: [ZipWriter.Packed] = []
    private static let batch = 512

    init(emit: @escaping (OpenData.Files) -> Void) { self.emit = emit }

    /// Adds a file that is published and archived, or only one of the two.
    func add(_ file: (path: String, data: Data), archived: Bool = true, published: Bool = true) {
        pending.append((file, archived, published))
        if pending.count >= Self.batch { flush() }
    }

    func add(_ files: [(path: String, data: Data)], archived: Bool = true, published: Bool = true) {
        for file in files { add(file, archived: archived, published: published) }
    }

    /// Deflates the pending archived files on every core and hands the published ones on.
    func flush() {
        let batch = pending
        pending = []
        packed += Parallel.map(batch.filter(\.archived), jobs: Parallel.cores * 4, state: ZipWriter.deflater) {
            ZipWriter.pack(ZipWriter.Entry(name: $1.file.path, data: $1.file.data), with: $0)
        }
        let published = batch.filter(\.published).map(\.file)
        if !published.isEmpty { emit(published) }
    }

    /// Flushes, then hands over the deflated archived files: the outbox keeps no reference to them, so the
    /// archive can free each body as it lays it out.
    func takeArchived() -> [ZipWriter.Packed] {
        flush()
        defer { packed = [] }
        return packed
    }
}

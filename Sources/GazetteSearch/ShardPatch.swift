import Foundation
import GazetteDeflate
import GazetteParallel

/// Reads shards of the published index back, applies the changed documents' postings and positions to the
/// tokens that changed, and lays the shards out again as `BlobStore` does; it gathers the files to write and
/// those that are gone (a large blob that shrank below its own file, a record with fewer snippet pages).
struct ShardPatch {
    private let published: (String) -> [UInt8]?
    private let inflater = Inflater()
    private var files: [(path: String, bytes: [UInt8])] = []
    private var removed: Set<String> = []

    init(published: @escaping (String) -> [UInt8]?) { self.published = published }

    /// Adds files to write (paths below search/, raw bytes).
    mutating func write(_ new: [(path: String, bytes: [UInt8])]) { files += new }
    /// Notes files that are gone (paths below search/).
    mutating func remove(_ paths: Set<String>) { removed.formUnion(paths) }

    /// The files to write, compressed as `build` compresses them, by path.
    func compressedFiles() -> SearchIndex.Files {
        let sorted = files.sorted { $0.path < $1.path }
        let compressed = Gzip.compress(sorted.map(\.bytes), jobs: Parallel.cores)
        return zip(sorted, compressed).map { (path: "search/" + $0.path, data: Data($1)) }
    }

    /// The paths of the files that are gone (below the output root), sorted.
    var removedPaths: [String] { removed.subtracting(files.map(\.path)).map { "search/" + $0 }.sorted() }

    /// The postings shards with the changes applied: their new inline bytes, and every changed token's
    /// documents before and after, which its positions follow. Throws when the number of shards would change
    /// or a shard does not read back.
    mutating func postings(_ changes: TokenChanges, shards: SearchIndexState.Shards) throws(SearchIndex.Declined)
        -> (shards: SearchIndexState.Shards, oldDocuments: [[UInt8]: [Int]], newDocuments: [[UInt8]: [Int]]) {
        var oldDocuments: [[UInt8]: [Int]] = [:], newDocuments: [[UInt8]: [Int]] = [:]
        let layout = BlobStore.Layout.postings
        var inlineBytes = shards.inlineBytes
        for (shard, tokens) in grouped(Array(changes.byToken.keys), count: shards.count) {
            guard let (entries, paths) = read("t", shard) else { throw .unreadable }
            var updated: [[UInt8]: BlobStore.Entry?] = [:]
            let index = Dictionary(entries.enumerated().map { ($1.token, $0) }, uniquingKeysWith: { a, _ in a })
            for token in tokens {
                var documents: [Int] = [], codes: [UInt8] = []
                if let i = index[token] {
                    guard let decoded = PostingsEncoding.decodePostings(entries[i].blob), decoded.documents.count == entries[i].df
                    else { throw .unreadable }
                    (documents, codes) = decoded
                }
                oldDocuments[token] = documents
                var newCodes = codes
                let new = Self.apply(changes.byToken[token]!, to: documents, &newCodes) { $0.code }
                newDocuments[token] = new
                if new == documents, newCodes == codes { continue }
                updated[token] = .some(new.isEmpty ? nil : BlobStore.Entry(
                    token: token, df: new.count, blob: PostingsEncoding.postings(documents: new, codes: newCodes)))
            }
            if updated.isEmpty { continue }
            inlineBytes += relayout("t", shard, entries: entries, paths: paths, updated: updated, layout: layout)
        }
        guard layout.shardCount(inlineBytes: inlineBytes) == shards.count else { throw .shardsRenumbered }
        return (SearchIndexState.Shards(count: shards.count, inlineBytes: inlineBytes), oldDocuments, newDocuments)
    }

    /// The position shards with the changes applied: the tokens whose positions changed get their blob made
    /// again from their documents' parts, the changed documents' new, the others' as they were.
    mutating func positions(_ changes: TokenChanges, oldDocuments: [[UInt8]: [Int]], newDocuments: [[UInt8]: [Int]],
                            shards: SearchIndexState.Shards) throws(SearchIndex.Declined) -> SearchIndexState.Shards {
        let layout = BlobStore.Layout.positions
        var inlineBytes = shards.inlineBytes
        for (shard, tokens) in grouped(Array(changes.positioned), count: shards.count) {
            guard let (entries, paths) = read("x", shard) else { throw .unreadable }
            var updated: [[UInt8]: BlobStore.Entry?] = [:]
            let index = Dictionary(entries.enumerated().map { ($1.token, $0) }, uniquingKeysWith: { a, _ in a })
            for token in tokens {
                guard let old = oldDocuments[token], let new = newDocuments[token] else { throw .unreadable }
                var parts: [[UInt8]] = []
                if let i = index[token] {
                    guard let decoded = PostingsEncoding.positionParts(entries[i].blob, count: old.count) else { throw .unreadable }
                    parts = decoded
                } else if !old.isEmpty {
                    throw .unreadable  // a token with documents and positions, but no positions entry: not an index we made
                }
                guard Self.apply(changes.byToken[token]!, to: old, &parts, { $0.positions }) == new,
                      parts.allSatisfy({ !$0.isEmpty }) else { throw .unreadable }
                updated[token] = .some(new.isEmpty ? nil : BlobStore.Entry(token: token, df: new.count, blob: parts.flatMap { $0 }))
            }
            inlineBytes += relayout("x", shard, entries: entries, paths: paths, updated: updated, layout: layout)
        }
        guard layout.shardCount(inlineBytes: inlineBytes) == shards.count else { throw .shardsRenumbered }
        return SearchIndexState.Shards(count: shards.count, inlineBytes: inlineBytes)
    }

    // MARK: - Helpers

    /// Tokens by shard, shards in order.
    private func grouped(_ tokens: [[UInt8]], count: Int) -> [(shard: Int, tokens: [[UInt8]])] {
        Dictionary(grouping: tokens) { BlobStore.shard(of: $0, count: count) }
            .map { (shard: $0.key, tokens: $0.value) }.sorted { $0.shard < $1.shard }
    }

    /// A shard's entries and the paths of its files, or nil when they are missing or not a shard.
    private func read(_ folder: String, _ shard: Int) -> (entries: [BlobStore.Entry], paths: [String])? {
        var paths = [BlobStore.path(folder, shard: shard)]
        guard let bytes = gunzip(paths[0]) else { return nil }
        let entries = BlobStore.entries(ofShard: bytes) { k in
            let path = BlobStore.path(folder, shard: shard, own: k)
            paths.append(path)
            return gunzip(path)
        }
        return entries.map { ($0, paths) }
    }

    private func gunzip(_ path: String) -> [UInt8]? { published("search/" + path).flatMap(inflater.gunzip) }

    /// Lays a shard out again with its updated entries (nil: the token is gone); returns the change in its
    /// inline bytes.
    private mutating func relayout(_ folder: String, _ shard: Int, entries: [BlobStore.Entry], paths: [String],
                                   updated: [[UInt8]: BlobStore.Entry?], layout: BlobStore.Layout) -> Int {
        let kept = entries.filter { updated[$0.token] == nil }
        let new = kept + updated.values.compactMap { $0 }
        let shardFiles = BlobStore.shardFiles(shard, entries: new, folder: folder, layout: layout)
        write(shardFiles)
        remove(Set(paths).subtracting(shardFiles.map(\.path)))
        return new.reduce(0) { $0 + layout.inlineSize($1) } - entries.reduce(0) { $0 + layout.inlineSize($1) }
    }

    /// Applies a token's changes to its documents (ascending) and their values, kept in step: a changed
    /// document's value is dropped, and put back in its place when it still posts. Returns the documents.
    private static func apply<Value>(_ changes: [TokenChanges.Change], to documents: [Int], _ values: inout [Value],
                                     _ value: (TokenChanges.Posting) -> Value) -> [Int] {
        var documents = documents
        for change in changes {
            var low = 0, high = documents.count
            while low < high {
                let mid = (low + high) / 2
                if documents[mid] < change.document { low = mid + 1 } else { high = mid }
            }
            if low < documents.count, documents[low] == change.document {
                documents.remove(at: low)
                values.remove(at: low)
            }
            if let posting = change.posting {
                documents.insert(change.document, at: low)
                values.insert(value(posting), at: low)
            }
        }
        return documents
    }
}

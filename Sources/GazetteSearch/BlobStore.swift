import GazetteParallel

/// Lays token blobs out as files. A token's shard is `fnv1a32(utf8) mod shardCount`; the shard lists its
/// tokens (sorted by their UTF-8 bytes) and holds small blobs inline. A large blob gets a file of its own
/// beside the shard, so that a query never downloads the postings of a big token it did not ask for.
///
/// Shard entry: token (length + UTF-8), df, then `0` + length + blob, or `1` + k for the blob in
/// `<folder>/<shard>-<k>.gz`.
struct BlobStore {
    /// How blobs are spread over files: about how many raw bytes a shard holds (which decides the number of
    /// shards), and from what size a blob gets a file of its own.
    struct Layout {
        let targetShardBytes: Int
        let ownFileBytes: Int

        /// Postings are fetched by every query. A shard holds the postings of its tokens up to the size of a
        /// whole shard, so that most queries need one request (the shard) before the records, not two; on the
        /// 10,000-document corpus half of the tokens have postings of a few bytes and most others 2–11 KiB,
        /// so a shard of a few tokens costs about what a shard directory plus one postings file did, in half
        /// the requests and a fifth of the files. Lists longer than a shard (large corpora) stay alone.
        static let postings = Layout(targetShardBytes: 16 * 1024, ownFileBytes: 16 * 1024)
        /// Positions are fetched only for phrases longer than `Tokenizer.maxGram`: fewer, fuller files.
        static let positions = Layout(targetShardBytes: 16 * 1024, ownFileBytes: 8 * 1024)

        /// What an entry adds to the bytes its shard holds inline.
        func inlineSize(_ entry: Entry) -> Int {
            entry.blob.count < ownFileBytes ? entry.blob.count + entry.token.count + 4 : 8
        }

        /// Shards enough that each holds about `targetShardBytes` inline.
        func shardCount(inlineBytes: Int) -> Int {
            var count = 4
            while count * targetShardBytes < inlineBytes, count < 1 << 16 { count <<= 1 }
            return count
        }
    }

    struct Entry: Equatable {
        let token: [UInt8]
        let df: Int
        let blob: [UInt8]
    }

    /// The files (path below search/, raw bytes), the number of shards and the bytes the shards hold
    /// inline (which decides their number, and which an update of the index needs to keep it).
    static func files(_ entries: [Entry], folder: String, layout: Layout)
        -> (shardCount: Int, inlineBytes: Int, files: [(path: String, bytes: [UInt8])]) {
        let inlineBytes = entries.reduce(0) { $0 + layout.inlineSize($1) }
        let shardCount = layout.shardCount(inlineBytes: inlineBytes)
        var shards = [[Int]](repeating: [], count: shardCount)
        for (i, entry) in entries.enumerated() { shards[shard(of: entry.token, count: shardCount)].append(i) }
        // Shards are independent: laid out on all cores, in runs of shards, concatenated in shard order.
        let runs = stride(from: 0, to: shardCount, by: 64).map { $0..<min(shardCount, $0 + 64) }
        let files = Parallel.map(runs) { run in
            run.flatMap { shard in
                Self.shardFiles(shard, entries: shards[shard].map { entries[$0] }, folder: folder, layout: layout)
            }
        }.flatMap { $0 }
        return (shardCount, inlineBytes, files)
    }

    /// The shard of a token among `count` (a power of two).
    static func shard(of token: [UInt8], count: Int) -> Int { Int(fnv1a(token)) & (count - 1) }

    /// The path of a shard below search/, and of its `k`th own file.
    static func path(_ folder: String, shard: Int, own k: Int? = nil) -> String {
        let name = "\(folder)/\(String(shard, radix: 16))"
        return k.map { "\(name)-\($0).gz" } ?? name + ".gz"
    }

    /// The files of one shard (the entries whose token falls in it, in any order): its own files (large
    /// blobs), then the shard itself.
    static func shardFiles(_ shard: Int, entries: [Entry], folder: String, layout: Layout) -> [(path: String, bytes: [UInt8])] {
        let sorted = entries.sorted { $0.token.lexicographicallyPrecedes($1.token) }
        var files: [(path: String, bytes: [UInt8])] = []
        var out = ByteBuffer()
        out.varint(sorted.count)
        var own = 0
        for entry in sorted {
            out.varint(entry.token.count)
            out.append(entry.token)
            out.varint(entry.df)
            if entry.blob.count < layout.ownFileBytes {
                out.byte(0)
                out.varint(entry.blob.count)
                out.append(entry.blob)
            } else {
                out.byte(1)
                out.varint(own)
                files.append((path(folder, shard: shard, own: own), entry.blob))
                own += 1
            }
        }
        files.append((path(folder, shard: shard), out.bytes))
        return files
    }

    /// The entries of a shard file as `shardFiles` wrote it, each with its blob (read through `ownFile` when
    /// it has a file of its own), or nil when the bytes are not such a shard.
    static func entries(ofShard bytes: [UInt8], ownFile: (Int) -> [UInt8]?) -> [Entry]? {
        var reader = ByteReader(bytes)
        guard let count = reader.varint() else { return nil }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = reader.varint(), let token = reader.bytes(length), let df = reader.varint(),
                  let kind = reader.byte() else { return nil }
            let blob: [UInt8]?
            switch kind {
            case 0: blob = reader.varint().flatMap { reader.bytes($0) }
            case 1: blob = reader.varint().flatMap(ownFile)
            default: return nil
            }
            guard let blob else { return nil }
            entries.append(Entry(token: token, df: df, blob: blob))
        }
        return reader.atEnd ? entries : nil
    }

    /// 32-bit FNV-1a; search.js hashes the same way.
    static func fnv1a(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}

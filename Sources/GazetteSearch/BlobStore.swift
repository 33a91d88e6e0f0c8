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
    }

    struct Entry {
        let token: [UInt8]
        let df: Int
        let blob: [UInt8]
    }

    /// The files (path below search/, raw bytes) and the number of shards.
    static func files(_ entries: [Entry], folder: String, layout: Layout) -> (shardCount: Int, files: [(path: String, bytes: [UInt8])]) {
        let ownFileBytes = layout.ownFileBytes
        let inlineBytes = entries.reduce(0) { $0 + ($1.blob.count < ownFileBytes ? $1.blob.count + $1.token.count + 4 : 8) }
        var shardCount = 4
        while shardCount * layout.targetShardBytes < inlineBytes, shardCount < 1 << 16 { shardCount <<= 1 }
        var shards = [[Int]](repeating: [], count: shardCount)
        for (i, entry) in entries.enumerated() { shards[Int(fnv1a(entry.token)) & (shardCount - 1)].append(i) }
        // Shards are independent: laid out on all cores, in runs of shards, concatenated in shard order.
        let runs = stride(from: 0, to: shardCount, by: 64).map { $0..<min(shardCount, $0 + 64) }
        let files = Parallel.map(runs) { run in
            run.flatMap { shard in
                Self.shardFiles(shard, members: shards[shard], entries: entries, folder: folder, ownFileBytes: ownFileBytes)
            }
        }.flatMap { $0 }
        return (shardCount, files)
    }

    /// The files of one shard: its own files (large blobs), then the shard itself.
    private static func shardFiles(_ shard: Int, members: [Int], entries: [Entry], folder: String,
                                   ownFileBytes: Int) -> [(path: String, bytes: [UInt8])] {
        let name = "\(folder)/\(String(shard, radix: 16))"
        let sorted = members.sorted { entries[$0].token.lexicographicallyPrecedes(entries[$1].token) }
        var files: [(path: String, bytes: [UInt8])] = []
        var out = ByteBuffer()
        out.varint(sorted.count)
        var own = 0
        for i in sorted {
            let entry = entries[i]
            out.varint(entry.token.count)
            out.append(entry.token)
            out.varint(entry.df)
            if entry.blob.count < ownFileBytes {
                out.byte(0)
                out.varint(entry.blob.count)
                out.append(entry.blob)
            } else {
                out.byte(1)
                out.varint(own)
                files.append(("\(name)-\(own).gz", entry.blob))
                own += 1
            }
        }
        files.append(("\(name).gz", out.bytes))
        return files
    }

    /// 32-bit FNV-1a; search.js hashes the same way.
    static func fnv1a(_ bytes: [UInt8]) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        return hash
    }
}

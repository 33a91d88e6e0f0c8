import Testing
@testable import GazetteSearch

/// How postings are spread over files: what a query downloads depends on it.
@Test func smallPostingsStayInTheirShardAndLongListsGetAFileOfTheirOwn() throws {
    let layout = BlobStore.Layout.postings
    let small = BlobStore.Entry(token: Array("庭院".utf8), df: 2, blob: [UInt8](repeating: 1, count: 3_000))
    let long = BlobStore.Entry(token: Array("经济".utf8), df: 9_000, blob: [UInt8](repeating: 2, count: layout.ownFileBytes + 1))
    let store = BlobStore.files([small, long], folder: "t", layout: layout)
    // Two tokens fit one shard's worth of bytes: the fewest shards.
    #expect(store.shardCount == 4)
    let paths = store.files.map(\.path)
    let longShard = String(BlobStore.fnv1a(long.token) & UInt32(store.shardCount - 1), radix: 16)
    #expect(paths.filter { $0.contains("-") } == ["t/\(longShard)-0.gz"])
    let own = try #require(store.files.first { $0.path == "t/\(longShard)-0.gz" })
    #expect(own.bytes == long.blob)
    // The small token's shard holds its postings inline: count, token, df, mode 0, length, blob.
    let smallShard = String(BlobStore.fnv1a(small.token) & UInt32(store.shardCount - 1), radix: 16)
    try #require(smallShard != longShard)  // 庭院 hashes to shard 3, 经济 to shard 1
    let shard = try #require(store.files.first { $0.path == "t/\(smallShard).gz" })
    #expect(shard.bytes.count > small.blob.count)
    #expect(Array(shard.bytes.suffix(small.blob.count)) == small.blob)
}

@Test func theNumberOfShardsGrowsWithTheInlineBytes() {
    let layout = BlobStore.Layout.postings
    let entries = (0..<2_000).map { k in
        BlobStore.Entry(token: Array("词\(k)".utf8), df: 10, blob: [UInt8](repeating: UInt8(k % 200), count: 1_000))
    }
    let store = BlobStore.files(entries, folder: "t", layout: layout)
    // 2 MB inline at about 16 KiB per shard: 128 shards, a power of two, and no file of its own.
    #expect(store.shardCount == 128)
    #expect(store.files.count == 128)
}

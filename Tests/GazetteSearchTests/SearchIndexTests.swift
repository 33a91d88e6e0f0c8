import Foundation
import GazetteParallel
import Testing
@testable import GazetteSearch

@Test func emptyRecordsGiveNoIndexFiles() {
    #expect(SearchIndex.build([]).isEmpty)
}

@Test func theIndexIsByteIdenticalAcrossBuilds() {
    let first = SearchIndex.build(IndexFixture.records)
    let second = SearchIndex.build(IndexFixture.records.reversed())
    #expect(first.map(\.path) == second.map(\.path))
    #expect(first.map(\.data) == second.map(\.data))
    #expect(first.allSatisfy { $0.path.hasPrefix("search/") })
}

@Test func documentsAreOrderedNewestFirst() throws {
    let files = SearchIndex.build(IndexFixture.records)
    let record0 = try #require(files.first { $0.path == "search/r/0.gz" })
    let json = try gunzip([UInt8](record0.data))
    #expect(String(decoding: json, as: UTF8.self).contains("\"u\":\"documents/azbf-2023-9/\""))
}

@Test func shardHashMatchesTheBrowser() {
    // Tests/js/tokenizer.test.js checks the same values.
    #expect(BlobStore.fnv1a([]) == 0x811C_9DC5)
    #expect(BlobStore.fnv1a(Array("a".utf8)) == 0xE40C_292C)
    #expect(BlobStore.fnv1a(Array("庭院".utf8)) == 0xD5B6_DA4B)
}

@Test func docSetsPickTheShorterEncoding() {
    var sparse = ByteBuffer()
    PostingsEncoding.docSet([3, 1000, 5000], into: &sparse)
    #expect(sparse.bytes.first == 0)
    var dense = ByteBuffer()
    PostingsEncoding.docSet(Array(0..<100), into: &dense)
    #expect(dense.bytes == [1, 0, 13] + [UInt8](repeating: 0xFF, count: 12) + [0x0F])
}

@Test func impactsGrowWithTermFrequencyAndShrinkWithLength() {
    func impact(tf: Int, length: Int) -> UInt8 {
        PostingsEncoding.impact(tf: tf, norm: PostingsEncoding.norm(length: length, averageLength: 100))
    }
    let short = impact(tf: 1, length: 50)
    let long = impact(tf: 1, length: 400)
    let frequent = impact(tf: 9, length: 100)
    #expect(short > long)
    #expect(frequent > short)
    #expect((1...15).contains(frequent))
}

@Test func theImpactTableGivesWhatTheFormulaGives() {
    let lengths = [1, 30, 100, 101, 2_500, 40_000]
    let norms = lengths.map { PostingsEncoding.norm(length: $0, averageLength: 700) }
    let table = ImpactTable(norms: norms)
    for (document, norm) in norms.enumerated() {
        for tf in [1, 2, 3, 7, 14, 15, 16, 17, 100, 0xFFFF] {
            #expect(table.impact(tf: tf, document: document) == PostingsEncoding.impact(tf: tf, norm: norm),
                    "tf \(tf), document \(document)")
        }
    }
}

/// The committed index under Tests/js/fixture/ (used by the node tests) is what the builder writes today.
/// To regenerate it: `GAZETTE_UPDATE_FIXTURES=1 swift test --filter GazetteSearchTests`.
@Test func javascriptFixtureIsUpToDate() throws {
    let files = SearchIndex.build(IndexFixture.records)
    let fm = FileManager.default
    if ProcessInfo.processInfo.environment["GAZETTE_UPDATE_FIXTURES"] != nil {
        try? fm.removeItem(at: IndexFixture.folder.appendingPathComponent("search"))
        for file in files {
            let url = IndexFixture.folder.appendingPathComponent(file.path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
    }
    for file in files {
        let stored = try? Data(contentsOf: IndexFixture.folder.appendingPathComponent(file.path))
        #expect(stored == file.data, "\(file.path) is stale: regenerate Tests/js/fixture")
    }
}

/// Decompresses gzip with the system's gzip, independent of our encoder.
func gunzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let input = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-gzip-\(UUID().uuidString).gz")
    try Data(bytes).write(to: input)
    defer { try? FileManager.default.removeItem(at: input) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "gzip -dc '\(input.path)'"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
}

@Test func recordJSONEscapesLikeJSONSerialization() throws {
    let text = "引号\"、反斜杠\\、换行\n、制表\t、\u{1}与\u{2028}"
    let ours = Data(RecordFiles.quoted(text).utf8)
    let decoded = try JSONSerialization.jsonObject(with: ours, options: [.fragmentsAllowed]) as? String
    #expect(decoded == text)
}

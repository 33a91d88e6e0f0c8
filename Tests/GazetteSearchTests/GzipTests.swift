import Foundation
import Testing
@testable import GazetteSearch

@Test func gzipRoundTripsThroughTheSystemGunzip() throws {
    let samples: [[UInt8]] = [
        [],
        Array("庭".utf8),
        Array(String(repeating: "全市发展庭院经济工作要市级统筹、乡镇抓落实。", count: 300).utf8),
        (0..<70_000).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) },
        [UInt8](repeating: 7, count: 100_000),
    ]
    for sample in samples {
        let compressed = Gzip.compressor().compress(sample)
        #expect(try gunzip(compressed) == sample)
    }
}

@Test func gzipIsDeterministicAndSmallerOnText() {
    let text = Array(String(repeating: "各镇人民政府、街道办事处，市直有关部门：", count: 200).utf8)
    #expect(Gzip.compressor().compress(text) == Gzip.compressor().compress(text))
    #expect(Gzip.compressor().compress(text).count < text.count / 10)
}

@Test func binaryDataRoundTrips() throws {
    var state: UInt32 = 1
    let random: [UInt8] = (0..<150_000).map { _ in
        state = state &* 1_664_525 &+ 1_013_904_223
        return UInt8(truncatingIfNeeded: state >> 24)
    }
    let skewed: [UInt8] = (0..<100_000).map { UInt8($0 % 7 == 0 ? 0x31 : 0x02) }
    for sample in [random, skewed, [], [9]] {
        #expect(try gunzip(Gzip.compressor().compress(sample)) == sample)
    }
}

@Test func aReusedCompressorWritesWhatAFreshOneWrites() throws {
    // The build keeps one compressor per strand for all its files; the files must not depend on which
    // file the compressor had before (or the index would depend on thread timing).
    let texts: [[UInt8]] = (0..<40).map { k in
        Array(String(repeating: "第\(k)条 全市发展庭院经济，", count: k * 17 + 1).utf8)
    }
    let fresh = texts.map { Gzip.compressor().compress($0) }
    let shared = Gzip.compressor()
    #expect(texts.map { shared.compress($0) } == fresh)
    for jobs in [1, 3, 8] {
        #expect(Gzip.compress(texts, jobs: jobs) == fresh)
    }
    #expect(try gunzip(shared.compress(texts[39])) == texts[39])
}

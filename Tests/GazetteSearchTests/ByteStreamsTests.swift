import Testing
import GazetteParallel
@testable import GazetteSearch

/// The arena behind the postings: many streams growing at once, across block boundaries and arena growth,
/// must read back exactly what was appended to each.
@Test func byteStreamsReadBackWhatEachStreamWasGiven() {
    let streams = ByteStreams(arenaCapacity: 64, streamCapacity: 2)
    var expected: [[UInt8]] = []
    var state: UInt32 = 7
    for round in 0..<30000 {
        if round % 7000 == 0 {
            streams.grow(to: expected.count + 3)
            expected += [[], [], []]
        }
        state = state &* 1_664_525 &+ 1_013_904_223
        let s = Int(state >> 8) % expected.count
        let value = Int(state >> 12) % (round % 3 == 0 ? 300_000 : 100)
        streams.varint(s, value)
        var buffer = ByteBuffer()
        buffer.varint(value)
        expected[s] += buffer.bytes
        streams.append(s, UInt8(truncatingIfNeeded: round))
        expected[s].append(UInt8(truncatingIfNeeded: round))
    }
    #expect(expected.contains { $0.count > 2048 }, "some stream spans many blocks")
    for s in expected.indices { #expect(streams.bytes(s) == expected[s], "stream \(s)") }
}

/// A posting written in one go (gap, tf, bits) is the same bytes as its three parts written one by one,
/// whether or not the block it starts in has room for it.
@Test func aPostingIsItsTwoVarintsAndItsByte() {
    let streams = ByteStreams(arenaCapacity: 64, streamCapacity: 2)
    streams.grow(to: 5)
    var expected = [[UInt8]](repeating: [], count: 5)
    var state: UInt32 = 11
    for round in 0..<20000 {
        state = state &* 1_664_525 &+ 1_013_904_223
        let s = Int(state >> 8) % 5
        // Gaps up to 2^32 − 1 (five varint bytes), tf up to 0xFFFF (three): the longest posting, 9 bytes.
        let gap: UInt32 = round % 97 == 0 ? .max : (state >> 5) % (round % 3 == 0 ? 5_000_000 : 200)
        let tf: UInt32 = round % 89 == 0 ? 0xFFFF : (state >> 3) % 40 + 1
        let bits = UInt8(truncatingIfNeeded: state >> 20)
        streams.posting(s, gap, tf, bits)
        var buffer = ByteBuffer()
        buffer.varint(Int(gap))
        buffer.varint(Int(tf))
        buffer.byte(bits)
        expected[s] += buffer.bytes
    }
    for s in expected.indices { #expect(streams.bytes(s) == expected[s], "stream \(s)") }
}

import Testing
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

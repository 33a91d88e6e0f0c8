/// The postings of one partition of the n-grams (those whose first unit id hashes to it), appended
/// document by document, then regrouped by token with a stable counting sort so each token's postings come
/// out in document order. Partitions are disjoint, so each runs on its own thread without locks.
struct PostingsLog {
    let partition: UInt32
    let partitions: UInt32
    /// The tokens, each with the posting of the last document it was seen in (to count repeats).
    private(set) var tokens = GramTable(capacity: 1 << 16)
    /// Token of each posting, in log order.
    private var token: [Int32] = []
    /// Document (high 32 bits), tf (16 bits), field bits (8) and snippet page (8, 4 = not yet seen in the
    /// body) of each posting, packed so the regrouping moves one word per posting.
    private var packed: [UInt64] = []
    /// Positions of the longest n-grams: the token and count of each list, and the lists back to back.
    private var positionToken: [Int32] = []
    private var positionCount: [UInt32] = []
    private var positions: [UInt32] = []
    /// This document's long n-gram occurrences, (posting, position), regrouped when the document ends.
    private var pending: [(posting: Int32, position: UInt32)] = []

    init(partition: Int, of partitions: Int) {
        self.partition = UInt32(partition)
        self.partitions = UInt32(partitions)
    }

    var tokenCount: Int { tokens.count }

    /// Adds the n-grams of this partition that start in `units`.
    mutating func add(_ units: DocumentUnits, document: Int) {
        let maxGram = Tokenizer.maxGram
        let doc = Int32(document)
        pending.removeAll(keepingCapacity: true)
        units.ids.withUnsafeBufferPointer { ids in
            units.positions.withUnsafeBufferPointer { positions in
                units.info.withUnsafeBufferPointer { info in
                    for start in 0..<ids.count where Self.partition(of: ids[start], partitions) == partition {
                        let fields = UInt64(info[start] & 0xC0) << 8
                        let page = info[start] & 0xC0 == 0 ? UInt64(info[start] & 3) : 4
                        for length in 1...maxGram {
                            let end = start + length - 1
                            guard end < ids.count, positions[end] == positions[start] + UInt32(length - 1) else { break }
                            let (a, b) = GramKey.pack(ids, start, length)
                            let next = Int32(packed.count)
                            let (t, visited) = tokens.visit(a, b, document: doc, nextPosting: next)
                            let posting = Int(visited)
                            if visited == next {
                                token.append(Int32(t))
                                packed.append(UInt64(UInt32(bitPattern: doc)) << 32 | 4)
                            }
                            var value = packed[posting]
                            if (value >> 16) & 0xFFFF < 0xFFFF { value += 1 << 16 }
                            value |= fields
                            if value & 0xFF == 4, page < 4 { value = value & ~0xFF | page }
                            packed[posting] = value
                            if length == maxGram { pending.append((visited, positions[start])) }
                        }
                    }
                }
            }
        }
        // Group this document's positions by posting; stable, so each list stays ascending.
        pending.sort { ($0.posting, $0.position) < ($1.posting, $1.position) }
        var k = 0
        while k < pending.count {
            let posting = pending[k].posting
            var count = 0
            while k < pending.count, pending[k].posting == posting {
                positions.append(pending[k].position)
                count += 1
                k += 1
            }
            positionToken.append(token[Int(posting)])
            positionCount.append(UInt32(count))
        }
    }

    /// The postings grouped by token: token t's are `postings[start[t]..<start[t + 1]]`, in document order.
    /// Consumes the log's own copy to keep the peak memory down.
    mutating func postingsByToken() -> (postings: [UInt64], start: [Int]) {
        let start = Self.starts(token, tokenCount: tokenCount)
        var cursor = start
        var grouped = [UInt64](repeating: 0, count: packed.count)
        for i in token.indices {
            let t = Int(token[i])
            grouped[cursor[t]] = packed[i]
            cursor[t] += 1
        }
        token = []
        packed = []
        return (grouped, start)
    }

    /// The position lists grouped by token: token t's are `lists[start[t]..<start[t + 1]]`, each a
    /// (count, offset in `positions`) pair, in document order.
    func positionsByToken() -> (lists: [(count: Int, offset: Int)], start: [Int], positions: [UInt32]) {
        let start = Self.starts(positionToken, tokenCount: tokenCount)
        var cursor = start
        var lists = [(count: Int, offset: Int)](repeating: (0, 0), count: positionToken.count)
        var offset = 0
        for i in positionToken.indices {
            let t = Int(positionToken[i])
            lists[cursor[t]] = (Int(positionCount[i]), offset)
            cursor[t] += 1
            offset += Int(positionCount[i])
        }
        return (lists, start, positions)
    }

    /// The partition of the n-grams starting with unit `id`: a multiplicative hash scaled to the count,
    /// which spreads neighbouring ids and costs no division.
    @inline(__always)
    static func partition(of id: UInt32, _ partitions: UInt32) -> UInt32 {
        UInt32((UInt64(id &* 0x9E37_79B1) &* UInt64(partitions)) >> 32)
    }

    private static func starts(_ keys: [Int32], tokenCount: Int) -> [Int] {
        var start = [Int](repeating: 0, count: tokenCount + 1)
        for t in keys { start[Int(t) + 1] += 1 }
        for i in 0..<tokenCount { start[i + 1] += start[i] }
        return start
    }
}

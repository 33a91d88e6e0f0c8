/// The postings of one partition of the n-grams (those whose first unit id hashes to it), built document by
/// document straight into their final grouping: each token keeps its own byte stream of postings (and of
/// positions, for the longest n-grams), appended in document order. Partitions are disjoint, so each runs on
/// its own thread without locks.
///
/// Streams of varints rather than a log of packed words regrouped at the end: on the 10,000-document corpus
/// (43 M postings) a posting takes about 3 bytes instead of 12 plus a copy for the regrouping, and the
/// regrouping pass is gone.
struct PostingsLog {
    let partition: UInt32
    let partitions: UInt32
    /// The tokens; a slot's posting is the token's entry in `current` while its document is being added.
    private(set) var tokens = GramTable(capacity: 1 << 12)
    /// Per token: for each document, the gap from the previous document (the first: the id itself), the tf
    /// (both varints) and one byte of field bits (0x40 title, 0x80 发文字号) or'ed with the snippet page of
    /// the first occurrence in the body (0–3; 4 = not in the body).
    let postings = ByteStreams()
    /// Per token of `Tokenizer.maxGram` units: for each document, the count of occurrences and their positions
    /// as gaps (varints): exactly the positions blob of `PostingsEncoding`.
    let positions = ByteStreams()
    /// Per token: its number of documents, and the last of them.
    private(set) var documentCounts: [Int32] = []
    private var lastDocument: [Int32] = []

    /// Scratch space of the document being added, reused: its tokens with tf and bits so far, and its
    /// long n-gram occurrences (entry in `current`, position). Sized once per document, then written
    /// through pointers: appending to arrays in the inner loop costs a uniqueness check per write.
    private var current: [Entry] = []
    private var pending: [(entry: Int32, position: UInt32)] = []
    /// Per entry of `current`: its positions not yet written (0 between documents), and the last one written.
    private var tally: [Int32] = []
    private var previous: [UInt32] = []

    private struct Entry {
        var token: Int32
        var tf: UInt32
        var bits: UInt8
    }

    init(partition: Int, of partitions: Int) {
        self.partition = UInt32(partition)
        self.partitions = UInt32(partitions)
    }

    var tokenCount: Int { tokens.count }

    /// Adds the n-grams of this partition that start in `units` (grouped for this log's count of partitions).
    /// Documents must come in increasing order.
    mutating func add(_ units: DocumentUnits, document: Int) {
        precondition(units.partitionCount == Int(partitions), "the units are grouped for another count of partitions")
        let maxGram = Tokenizer.maxGram
        let doc = Int32(document)
        let most = units.ids.count * maxGram
        if current.count < most {
            current = [Entry](repeating: Entry(token: 0, tf: 0, bits: 0), count: most)
            tally = [Int32](repeating: 0, count: most)
            previous = [UInt32](repeating: 0, count: most)
        }
        if pending.count < units.ids.count { pending = [(Int32, UInt32)](repeating: (0, 0), count: units.ids.count) }
        var entries = 0, occurrences = 0
        var tokens = self.tokens
        self.tokens = GramTable(capacity: 0)  // moved out and back, so the table is not copied on write
        current.withUnsafeMutableBufferPointer { current in
            pending.withUnsafeMutableBufferPointer { pending in
                units.ids.withUnsafeBufferPointer { ids in
                    units.positions.withUnsafeBufferPointer { positions in
                        units.info.withUnsafeBufferPointer { info in
                            for start32 in units.starts(of: Int(partition)) {
                                let start = Int(start32)
                                let fields = info[start] & 0xC0
                                let page: UInt8 = fields == 0 ? info[start] & 3 : 4
                                // The n-grams starting here: as long as the units run on without a gap.
                                var length = 1
                                while length < maxGram, start + length < ids.count,
                                      positions[start + length] == positions[start] + UInt32(length) { length += 1 }
                                let chain = tokens.chain(ids, start, length)
                                for k in 0..<length {
                                    let t = k == 0 ? chain.0 : k == 1 ? chain.1 : k == 2 ? chain.2 : chain.3
                                    let next = Int32(entries)
                                    let entry = tokens.visit(t, document: doc, nextPosting: next)
                                    if entry == next {
                                        current[entries] = Entry(token: t, tf: 0, bits: 4)
                                        entries += 1
                                    }
                                    let e = Int(entry)
                                    current[e].tf += 1
                                    current[e].bits |= fields
                                    if current[e].bits & 0x07 == 4, page < 4 { current[e].bits = current[e].bits & 0xF8 | page }
                                    if k + 1 == maxGram {
                                        pending[occurrences] = (entry, positions[start])
                                        occurrences += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.tokens = tokens
        finishDocument(doc, entries: entries, occurrences: occurrences)
    }

    /// Appends this document's posting to each token it has, and its positions to the longest n-grams.
    private mutating func finishDocument(_ doc: Int32, entries: Int, occurrences: Int) {
        if documentCounts.count < tokens.count {
            documentCounts += [Int32](repeating: 0, count: tokens.count - documentCounts.count)
            lastDocument += [Int32](repeating: 0, count: tokens.count - lastDocument.count)
            postings.grow(to: tokens.count)
            positions.grow(to: tokens.count)
        }
        let postings = self.postings, positions = self.positions
        current.withUnsafeBufferPointer { current in
            documentCounts.withUnsafeMutableBufferPointer { counts in
                lastDocument.withUnsafeMutableBufferPointer { last in
                    for entry in current[0..<entries] {
                        let t = Int(entry.token)
                        postings.posting(t, UInt32(doc - (counts[t] == 0 ? 0 : last[t])), min(entry.tf, 0xFFFF), entry.bits)
                        counts[t] += 1
                        last[t] = doc
                    }
                }
            }
            // Each token's stream gets this document's count of positions, then the positions as gaps. The
            // occurrences come in ascending position, so no sort is needed: a first pass counts them per
            // token, a second writes each where it belongs (streams are per token, so interleaving is fine).
            // The second pass leaves every count at 0 again, as the next document's first pass expects.
            pending.withUnsafeBufferPointer { pending in
                tally.withUnsafeMutableBufferPointer { tally in
                    previous.withUnsafeMutableBufferPointer { previous in
                        for k in 0..<occurrences { tally[Int(pending[k].entry)] += 1 }
                        for k in 0..<occurrences {
                            let e = Int(pending[k].entry), t = Int(current[e].token), p = pending[k].position
                            if tally[e] > 0 {  // the token's first occurrence here: its count, then gaps from 0
                                positions.varint(t, Int(tally[e]))
                                tally[e] = 0
                                previous[e] = 0
                            }
                            positions.varint(t, Int(p - previous[e]))
                            previous[e] = p
                        }
                    }
                }
            }
        }
    }

    /// The partition of the n-grams starting with unit `id`: a multiplicative hash scaled to the count,
    /// which spreads neighbouring ids and costs no division.
    @inline(__always)
    static func partition(of id: UInt32, _ partitions: UInt32) -> UInt32 {
        UInt32((UInt64(id &* 0x9E37_79B1) &* UInt64(partitions)) >> 32)
    }
}

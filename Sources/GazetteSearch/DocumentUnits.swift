/// The units of one document as the n-gram pass reads them: unit ids (a Han scalar, or a word id from
/// `WordTable`), positions, and per unit its field bits and snippet page; and the unit indices grouped by
/// the postings partition of the n-grams that start there.
struct DocumentUnits {
    var ids: [UInt32] = []
    var positions: [UInt32] = []
    /// 0x40 title, 0x80 发文字号, else body; bits 0–1 the snippet page (3: page 3 or later).
    var info: [UInt8] = []
    /// The indices of the units, grouped by partition (`PostingsLog.partition(of:_:)` of their id), in
    /// ascending order within each group; group `p` ends at `partitionEnds[p]`.
    ///
    /// Grouped once here, on the thread that scans the document, so that each partition's log visits only
    /// its own starts: when every log walked all the units to pick out its own, the partitions' test ran
    /// once per unit per log (eight times) and took about a third of the time of adding the n-grams.
    private(set) var starts: [UInt32] = []
    private(set) var partitionEnds: [Int] = []

    /// Page code of a posting whose n-gram never occurs in the body (see `PostingsEncoding`).
    static let noBodyPage: UInt8 = 3

    /// Tokenizes `document` with a thread's own tokenizer and word cache, grouping its units for a postings
    /// log of `partitions` partitions.
    static func scan(_ document: IndexedDocument, tokenizer: inout Tokenizer, sink: inout UnitIDSink,
                     partitions: Int) -> DocumentUnits {
        sink.reset()
        tokenizer.scan(document.scalars, into: &sink)
        var units = DocumentUnits(ids: sink.ids, positions: sink.positions, info: [])
        units.info = sink.sources.map { source in
            let flag = document.fieldFlag(Int(source))
            return flag != 0 ? flag : min(document.page(Int(source)), 3)
        }
        units.group(partitions: partitions)
        return units
    }

    /// The unit indices of partition `partition`, ascending.
    func starts(of partition: Int) -> ArraySlice<UInt32> {
        starts[(partition == 0 ? 0 : partitionEnds[partition - 1])..<partitionEnds[partition]]
    }

    var partitionCount: Int { partitionEnds.count }

    /// A counting sort of the unit indices by partition: stable, so each group stays in ascending order.
    private mutating func group(partitions: Int) {
        let count = UInt32(partitions)
        let keys = ids.map { Int(PostingsLog.partition(of: $0, count)) }
        var ends = [Int](repeating: 0, count: partitions)
        for key in keys { ends[key] += 1 }
        var next = [Int](repeating: 0, count: partitions)
        var total = 0
        for p in 0..<partitions {
            next[p] = total
            total += ends[p]
            ends[p] = total
        }
        var grouped = [UInt32](repeating: 0, count: ids.count)
        for (index, key) in keys.enumerated() {
            grouped[next[key]] = UInt32(index)
            next[key] += 1
        }
        starts = grouped
        partitionEnds = ends
    }
}

import Foundation
import GazetteParallel

/// Writes the static search index under `search/` (docs/search.md describes the format):
/// `meta.json`, token shards `t/`, positions of the longest n-grams `x/`, per-result records and snippet
/// pages `r/`, and facet doc sets `f/`. Binary files are gzip, inflated in the browser by
/// `DecompressionStream`. The same records always give byte-identical files.
public enum SearchIndex {
    /// Scalars per snippet page.
    static let pageSize = 1200
    /// Documents tokenized together before their n-grams are added to the postings logs.
    private static let batchSize = 256
    /// Strands per parallel step: several per core, since files and documents differ widely in cost.
    private static let strands = Parallel.cores * 4

    /// A batch of index files, as (path below the output root, bytes).
    public typealias Files = [(path: String, data: Data)]

    /// What the build cache keeps for the next update (`SearchIndexState`): the index part, read whole, and
    /// texts to write at `textsOffset` of the texts part (0: they are the whole part; else they are appended).
    public struct Kept: Equatable {
        public var index: [UInt8]
        public var texts: [UInt8]
        public var textsOffset: Int
    }

    /// The index files for `records`, in path order.
    public static func build(_ records: [SearchRecord]) -> Files {
        var all: Files = []
        build(records) { all += $0 }
        return all.sorted { $0.path < $1.path }
    }

    /// Builds the index for `records` and hands its files to `emit` batch by batch as they are ready: the
    /// per-result records while the documents are tokenized, the token shards, facets and meta at the end.
    /// So the index is never all in memory. `emit` is called on the calling thread. When `shouldStop` turns
    /// true (a signal), the build ends after the current batch, with the index incomplete.
    /// With `GAZETTE_SEARCH_TIMING` set, prints the time of each step to standard error.
    /// The records are taken over: each one's text is let go once its batch is tokenized, so a caller that
    /// keeps no other copy of the texts does not hold them all while the postings grow. `progress` is told
    /// how many records are tokenized so far, after each batch. With `keepState`, returns what `updating` needs
    /// to update this index when some records change, for the build cache: its texts part holds every
    /// record's text, so holding it costs about what the texts do.
    @discardableResult
    public static func build(_ records: consuming [SearchRecord], keepState: Bool = false, shouldStop: () -> Bool = { false },
                             progress: (Int) -> Void = { _ in }, emit: (Files) -> Void) -> Kept? {
        guard !records.isEmpty else { return nil }
        var clock = StepClock(environment: "GAZETTE_SEARCH_TIMING")
        var emitted = (files: 0, bytes: 0)
        func counting(_ files: Files) {
            emitted.files += files.count
            emitted.bytes += files.reduce(0) { $0 + $1.data.count }
            emit(files)
        }
        var ordered = IndexedDocument.ordered(records)
        let words = WordTable()
        var state = keepState ? SearchIndexState.Writer(count: ordered.count) : nil
        var (logs, lengths) = collect(&ordered, words: words, state: &state, shouldStop: shouldStop, progress: progress,
                                      emit: counting)
        if shouldStop() { return nil }
        clock.lap("tokenize")
        let tokenCount = logs.reduce(0) { $0 + $1.tokenCount }
        var tokens = tokenFiles(&logs, lengths: lengths, words: words)
        clock.lap("postings")
        let facets = Facets.build(ordered)
        var raw = tokens.files + facets.files
        tokens.files = []
        // Compressed in chunks, each dropped once written, so the raw and the compressed shards are not all in
        // memory together.
        for start in stride(from: 0, to: raw.count, by: 4096) {
            let range = start..<min(raw.count, start + 4096)
            let compressed = Gzip.compress(raw[range].map(\.bytes), jobs: strands)
            counting(zip(range, compressed).map { (path: "search/" + raw[$0].path, data: Data($1)) })
            for i in range { raw[i].bytes = [] }
        }
        clock.lap("gzip")
        let meta: [String: Any] = [
            "format": 2, "documents": ordered.count, "maxGram": Tokenizer.maxGram,
            "k1": PostingsEncoding.k1, "b": PostingsEncoding.b,
            "shards": tokens.postings.count, "positionShards": tokens.positions.count,
        ]
        counting([(path: "search/meta.json", data: jsonData(meta)), (path: "search/facets.json", data: jsonData(facets.meta))])
        clock.report(String(format: "search index: %d records, %d tokens, %d files, %.1f MB", ordered.count, tokenCount,
                            emitted.files, Double(emitted.bytes) / 1e6))
        return state?.finish(lengths: lengths, postings: tokens.postings, positions: tokens.positions)
    }

    private static func jsonData(_ object: Any) -> Data {
        ((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data())
            + Data("\n".utf8)
    }

    // MARK: - Steps

    /// Tokenizes every document and adds its n-grams to the postings logs (one per partition, each filled by
    /// one thread at a time, without locks), emitting the record files of each batch, compressed by the same
    /// threads, on the way. Each record's text is emptied once its batch is done.
    private static func collect(_ records: inout [SearchRecord], words: WordTable, state: inout SearchIndexState.Writer?,
                                shouldStop: () -> Bool, progress: (Int) -> Void,
                                emit: (Files) -> Void) -> (logs: [PostingsLog], lengths: [Int]) {
        // More partitions than cores: the n-grams starting with a frequent character (的, 和) make some
        // partitions much larger than others, and a core that finishes early takes the next one.
        let partitions = strands
        let logs = (0..<partitions).map { Box(PostingsLog(partition: $0, of: partitions)) }
        var lengths: [Int] = []
        // The freed texts are handed back a few times in all, not every few batches: a trim walks the whole
        // heap (35 ms at 10,000 documents, ten times that at 100,000), so a fixed number keeps it linear.
        let quarter = max(1, records.count / 4)
        for batchStart in stride(from: 0, to: records.count, by: batchSize) where !shouldStop() {
            let batch = batchStart..<min(records.count, batchStart + batchSize)
            // Runs of a few documents each (documents differ a hundredfold in length), each run with its own
            // tokenizer, word cache and compressor.
            let scanned = Parallel.map(Array(batch), jobs: strands, state: {
                (tokenizer: Tokenizer(), sink: UnitIDSink(words: words), gzip: Gzip.compressor())
            }) { helpers, id in
                let document = IndexedDocument(id: id, record: records[id], pageSize: pageSize)
                let files = RecordFiles.files(document).map {
                    (path: "search/" + $0.path, data: Data(helpers.gzip.compress($0.bytes)))
                }
                return (units: DocumentUnits.scan(document, tokenizer: &helpers.tokenizer, sink: &helpers.sink,
                                                         partitions: partitions), files: files)
            }
            for id in batch {
                state?.add(records[id])
                records[id].text = ""
            }
            if batch.upperBound / quarter > batch.lowerBound / quarter { FreedMemory.release() }
            lengths += scanned.map(\.units.ids.count)
            emit(scanned.flatMap(\.files))
            _ = Parallel.map(logs, jobs: strands) { log in
                for (offset, document) in scanned.enumerated() { log.value.add(document.units, document: batch.lowerBound + offset) }
            }
            progress(batch.upperBound)
        }
        return (logs.map(\.value), lengths)
    }

    /// The token shards with their postings, and the position shards.
    private static func tokenFiles(_ logs: inout [PostingsLog], lengths: [Int], words: WordTable)
        -> (files: [(path: String, bytes: [UInt8])], postings: SearchIndexState.Shards, positions: SearchIndexState.Shards) {
        let impacts = ImpactTable(lengths: lengths)
        // Each partition's tokens are encoded on their own strands; entry order does not matter, since
        // shards sort their tokens.
        let boxes = logs.map { Box($0) }
        logs = []
        let perLog = Parallel.map(boxes, jobs: boxes.count) { box -> (postings: [BlobStore.Entry], positions: [BlobStore.Entry]) in
            let log = box.value
            let ranges = chunks(log.tokenCount)
            let encoded = Parallel.map(ranges, jobs: strands) { range in
                range.map { t -> (BlobStore.Entry, BlobStore.Entry?) in
                    let text = Array(tokenText(log.tokens.keysA[t], log.tokens.keysB[t], words: words).utf8)
                    let df = Int(log.documentCounts[t])
                    let postings = BlobStore.Entry(token: text, df: df, blob: PostingsEncoding.postings(
                        log.postings.bytes(t), count: df, impacts: impacts))
                    let positions = log.positions.bytes(t)
                    return (postings, positions.isEmpty ? nil : BlobStore.Entry(token: text, df: df, blob: positions))
                }
            }.flatMap { $0 }
            box.value = PostingsLog(partition: 0, of: 1)  // frees the partition's streams as soon as it is encoded
            return (encoded.map(\.0), encoded.compactMap(\.1))
        }
        let postingEntries = perLog.flatMap(\.postings)
        let positionEntries = perLog.flatMap(\.positions)
        let postingFiles = BlobStore.files(postingEntries, folder: "t", layout: .postings)
        let positionFiles = BlobStore.files(positionEntries, folder: "x", layout: .positions)
        return (postingFiles.files + positionFiles.files,
                SearchIndexState.Shards(count: postingFiles.shardCount, inlineBytes: postingFiles.inlineBytes),
                SearchIndexState.Shards(count: positionFiles.shardCount, inlineBytes: positionFiles.inlineBytes))
    }

    /// The text of a token: its units joined, with a space between two word runs.
    static func tokenText(_ a: UInt64, _ b: UInt64, words: WordTable) -> String {
        var text = ""
        var previousWasWord = false
        for unit in GramKey.units(a, b) {
            let isWord = WordTable.isWord(unit)
            if isWord, previousWasWord { text += " " }
            text += words.text(unit)
            previousWasWord = isWord
        }
        return text
    }

    private static func chunks(_ count: Int) -> [Range<Int>] {
        let size = max(1024, count / 64)
        return stride(from: 0, to: count, by: size).map { $0..<min(count, $0 + size) }
    }
}

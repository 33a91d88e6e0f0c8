import GazetteDeflate
import GazetteParallel

/// Updating a published index in place, for a rebuild after a few documents changed: only the n-grams whose
/// postings or positions changed have their shards read back, patched and written again, with the changed
/// documents' record files. The result is byte for byte the index `build` would make of the same records
/// (the tests compare the two); where it could not be, `updating` declines and the index is built.
extension SearchIndex {
    /// What changes in the published index: the files to write (gzip, as `build` emits them), the files that
    /// are gone, and what to keep for the next update.
    public struct Update {
        public var files: Files
        public var removed: [String]
        public var kept: Kept
    }

    /// Why `updating` declined: the build says so with `GAZETTE_SEARCH_TIMING`.
    public enum Declined: String, Error {
        case noState = "no state of the last index"
        case recordsMoved = "records were added, removed, or changed their date or facets"
        case tooMany = "too many records changed"
        case impactsMoved = "the average length moved the impacts of too many unchanged documents"
        case shardsRenumbered = "the number of shards changes"
        case unreadable = "a published file or a kept text is missing or does not read back"
        case textsOutgrown = "the kept texts are due to be written afresh"
    }

    /// The index of `records` made from the one `index` describes (the index part of what `build(…keepState:)`
    /// or an earlier update kept), whose texts part `texts` reads by byte range and whose files `published`
    /// reads back (gzip bytes by path, as emitted). It declines, with the reason, when an update cannot give
    /// the bytes `build` would, or should not, and the index must be built:
    /// - a record was added, removed or moved (ids are ranks in date order, and every posting names them),
    ///   or changed a facet (kind, date, issue, issuer);
    /// - more than 16 records and a fiftieth of them changed (building is then about as quick);
    /// - the new average length moved the quantised impacts of more than 64 unchanged documents and a
    ///   twentieth of them;
    /// - the shards' inline bytes crossed a power of two (their number changes, and every token moves);
    /// - a published file or a kept text is missing or does not read back;
    /// - the texts part, which updates append to, has grown to twice what it holds live: a build writes it
    ///   afresh.
    public static func updating(_ records: [SearchRecord], index: [UInt8], texts readTexts: (Range<Int>) -> [UInt8]?,
                                published: @escaping (String) -> [UInt8]?) -> Result<Update, Declined> {
        var clock = StepClock(environment: "GAZETTE_SEARCH_TIMING")
        guard var state = SearchIndexState(encoded: index) else { return .failure(.noState) }
        let ordered = IndexedDocument.ordered(records)
        guard ordered.count == state.records.count else { return .failure(.recordsMoved) }
        var changed: [Int] = []
        for (id, record) in ordered.enumerated() {
            let old = state.records[id]
            guard sameBytes(record.url, old.url), sameBytes(record.kind, old.kind), sameBytes(record.date, old.date),
                  sameBytes(record.issue, old.issue), sameBytes(record.issuer, old.issuer) else { return .failure(.recordsMoved) }
            if SearchIndexState.Digest(record) != old.digest { changed.append(id) }
        }
        clock.lap("compare")
        if changed.isEmpty { return .success(Update(files: [], removed: [], kept: Kept(index: index, texts: [], textsOffset: state.textsLength))) }
        guard changed.count <= max(16, ordered.count / 50) else { return .failure(.tooMany) }

        // The changed records as they were, from the kept texts.
        var previous: [Int: SearchRecord] = [:]
        for id in changed {
            let old = state.records[id]
            guard old.span.upperBound <= state.textsLength, let bytes = readTexts(old.span),
                  let fields = SearchIndexState.tokenized(bytes, of: old) else { return .failure(.unreadable) }
            previous[id] = SearchRecord(url: old.url, kind: old.kind, title: fields.title, number: fields.number, date: old.date,
                                        issue: old.issue, issuer: old.issuer, plainText: LazyText(fields.text), textKey: fields.textKey)
        }
        var appended = ByteBuffer()
        let live = state.records.reduce(0) { $0 + $1.span.count }
        for id in changed {
            state.records[id] = SearchIndexState.record(ordered[id], appendingTo: &appended, base: state.textsLength)
        }
        guard state.textsLength + appended.bytes.count <= 2 * live + (1 << 20) else { return .failure(.textsOutgrown) }

        // The changed documents' n-grams, before and after.
        var scanner = GramScanner()
        var lengths = state.lengths
        var before: [(id: Int, grams: [[UInt8]: GramScanner.Gram])] = [], after = before
        for id in changed {
            let old = scanner.grams(of: previous[id]!, id: id)
            let new = scanner.grams(of: ordered[id], id: id)
            guard old.length == state.lengths[id] else { return .failure(.noState) }
            lengths[id] = new.length
            before.append((id, old.grams))
            after.append((id, new.grams))
        }
        let oldImpacts = ImpactTable(lengths: state.lengths), newImpacts = ImpactTable(lengths: lengths)
        var changes = TokenChanges()
        for (old, new) in zip(before, after) {
            changes.add(document: old.id, before: old.grams, after: new.grams, oldImpacts: oldImpacts, newImpacts: newImpacts)
        }
        // The average length moved every other document's norm by a hair. Where that moved a quantised impact
        // for some term frequency, the document is scanned again, and its tokens of that frequency re-posted.
        let changedIDs = Set(changed)
        let moved = ordered.indices.filter { !changedIDs.contains($0) && !oldImpacts.agrees(with: newImpacts, document: $0) }
        guard moved.count <= max(64, ordered.count / 20) else { return .failure(.impactsMoved) }
        for id in moved {
            let grams = scanner.grams(of: ordered[id], id: id).grams
            changes.add(document: id, before: grams, after: grams, oldImpacts: oldImpacts, newImpacts: newImpacts)
        }

        clock.lap("scan")
        var patch = ShardPatch(published: published)
        let postings: (shards: SearchIndexState.Shards, oldDocuments: [[UInt8]: [Int]], newDocuments: [[UInt8]: [Int]])
        do {
            postings = try patch.postings(changes, shards: state.postings)
            state.positions = try patch.positions(changes, oldDocuments: postings.oldDocuments,
                                                  newDocuments: postings.newDocuments, shards: state.positions)
        } catch {
            return .failure(error)
        }
        state.postings = postings.shards
        clock.lap("shards")

        for id in changed {
            let old = RecordFiles.files(IndexedDocument(id: id, record: previous[id]!, pageSize: pageSize))
            let new = RecordFiles.files(IndexedDocument(id: id, record: ordered[id], pageSize: pageSize))
            patch.write(new)
            patch.remove(Set(old.map(\.path)).subtracting(new.map(\.path)))
        }
        state.lengths = lengths
        state.textsLength += appended.bytes.count
        let files = patch.compressedFiles()
        clock.lap("gzip")
        let update = Update(files: files, removed: patch.removedPaths,
                            kept: Kept(index: state.encoded, texts: appended.bytes, textsOffset: state.textsLength - appended.bytes.count))
        clock.report("search index: updated \(changed.count) records (\(moved.count) more re-posted), \(files.count) files written, \(update.removed.count) removed")
        return .success(update)
    }

    /// Equal as bytes: `==` on strings compares canonical equivalence, and the index holds bytes.
    private static func sameBytes(_ a: String?, _ b: String?) -> Bool {
        guard var a, var b else { return a == nil && b == nil }
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && x.elementsEqual(y) } }
    }
}

/// The n-grams of one record as `build` would post them: through the same tokenizer and a postings log of
/// that one document.
struct GramScanner {
    struct Gram: Equatable {
        var tf: Int
        var bits: UInt8
        /// The positions blob's part for this document (count, then gaps); empty below `Tokenizer.maxGram` units.
        var positions: [UInt8]
    }

    private let words: WordTable
    private var tokenizer = Tokenizer()
    private var sink: UnitIDSink

    init() {
        words = WordTable()
        sink = UnitIDSink(words: words)
    }

    mutating func grams(of record: SearchRecord, id: Int) -> (length: Int, grams: [[UInt8]: Gram]) {
        var tokenizer = self.tokenizer, sink = self.sink
        defer { (self.tokenizer, self.sink) = (tokenizer, sink) }
        let units = DocumentUnits.scan(IndexedDocument(id: id, record: record, pageSize: SearchIndex.pageSize),
                                       tokenizer: &tokenizer, sink: &sink, partitions: 1)
        var log = PostingsLog(partition: 0, of: 1)
        log.add(units, document: id)
        var grams: [[UInt8]: Gram] = [:]
        grams.reserveCapacity(log.tokenCount)
        for t in 0..<log.tokenCount {
            var reader = ByteReader(log.postings.bytes(t))
            // One posting: the gap from 0 (the id), the tf, the bits.
            guard reader.varint() == id, let tf = reader.varint(), let bits = reader.byte() else {
                preconditionFailure("a postings log of one document holds one posting per token")
            }
            let token = Array(SearchIndex.tokenText(log.tokens.keysA[t], log.tokens.keysB[t], words: words).utf8)
            grams[token] = Gram(tf: tf, bits: bits, positions: log.positions.bytes(t))
        }
        return (units.ids.count, grams)
    }
}

/// For every token whose postings or positions change: per changed document, what it now posts (nil: nothing).
struct TokenChanges {
    struct Posting: Equatable {
        var code: UInt8
        var positions: [UInt8]
    }

    struct Change {
        var document: Int
        var posting: Posting?
    }

    private(set) var byToken: [[UInt8]: [Change]] = [:]
    /// Tokens whose positions change (a subset of `byToken`'s).
    private(set) var positioned: Set<[UInt8]> = []

    mutating func add(document: Int, before: [[UInt8]: GramScanner.Gram], after: [[UInt8]: GramScanner.Gram],
                      oldImpacts: ImpactTable, newImpacts: ImpactTable) {
        func posting(_ gram: GramScanner.Gram?, _ impacts: ImpactTable) -> Posting? {
            gram.map { Posting(code: PostingsEncoding.code(tf: $0.tf, bits: $0.bits, document: document, impacts: impacts),
                               positions: $0.positions) }
        }
        for token in Set(before.keys).union(after.keys) {
            let old = posting(before[token], oldImpacts), new = posting(after[token], newImpacts)
            guard old != new else { continue }
            byToken[token, default: []].append(Change(document: document, posting: new))
            if (old?.positions ?? []) != (new?.positions ?? []) { positioned.insert(token) }
        }
    }
}

import GazetteParallel

/// What an update of the search index (`SearchIndex.updating`) needs of the build that made it, in two parts
/// that the build cache keeps beside the index:
///
/// - the **index** (small, read whole): per record in id order its facet fields, a digest of what is
///   tokenized (title, 发文字号, text) and where that lies in the texts; per document its length in units
///   (the BM25 norms); and per shard folder the number of shards and what they hold inline (which decides
///   that number);
/// - the **texts** (large, read only for the records that changed): a changed record's old n-grams are
///   found by tokenizing its old text again, since storing the n-grams themselves would take many times
///   the text. An update appends the changed records' new texts rather than writing them all again, so
///   the texts grow with every update until the next full build (see `SearchIndex.updating`).
struct SearchIndexState: Equatable {
    struct Record: Equatable {
        var url: String
        var kind: String
        var date: String?
        var issue: String?
        var issuer: String?
        var digest: Digest
        /// Where its title, 发文字号 and text lie in the texts.
        var span: Range<Int>
    }

    struct Digest: Equatable {
        var a: UInt64
        var b: UInt64

        init(a: UInt64, b: UInt64) {
            self.a = a
            self.b = b
        }

        /// Of the title, the 发文字号 and the text's key, or the text itself when there is no key.
        init(_ record: SearchRecord) {
            var hash = ContentHash()
            hash.add(record.title)
            if let number = record.number { hash.add(number) } else { hash.add(bytes: [0xFE]) }
            record.addText(to: &hash)
            (a, b) = hash.lanes
        }
    }

    /// A folder of shards: how many, and the bytes they hold inline.
    struct Shards: Equatable {
        var count: Int
        var inlineBytes: Int
    }

    var records: [Record]
    var lengths: [Int]
    var postings: Shards
    var positions: Shards
    /// The texts' length: an update appends from here (anything after it is a torn update's).
    var textsLength: Int

    static let magic = Array("gazette-search-state 3\n".utf8)

    /// Facet fields and digest of a record, with its tokenized fields (and its text's key) appended to `texts`.
    static func record(_ record: SearchRecord, appendingTo texts: inout ByteBuffer, base: Int) -> Record {
        let start = base + texts.bytes.count
        texts.string(record.title)
        texts.optional(record.number)
        texts.string(record.text)
        if let key = record.textKey {
            texts.byte(1)
            texts.varint(key.count)
            texts.append(key)
        } else {
            texts.byte(0)
        }
        return Record(url: record.url, kind: record.kind, date: record.date, issue: record.issue, issuer: record.issuer,
                      digest: Digest(record), span: start..<(base + texts.bytes.count))
    }

    /// The tokenized fields stored at a record's span, if they are still those its digest names.
    static func tokenized(_ bytes: [UInt8], of record: Record) -> (title: String, number: String?, text: String, textKey: [UInt8]?)? {
        var reader = ByteReader(bytes)
        guard let title = reader.string(), let number = reader.optionalString(), let text = reader.string(),
              let hasKey = reader.byte(), hasKey <= 1 else { return nil }
        var textKey: [UInt8]?
        if hasKey == 1 {
            guard let count = reader.varint(), let key = reader.bytes(count) else { return nil }
            textKey = key
        }
        guard reader.atEnd else { return nil }
        let probe = SearchRecord(url: "", kind: "", title: title, number: number, plainText: LazyText(text), textKey: textKey)
        return Digest(probe) == record.digest ? (title, number, text, textKey) : nil
    }

    /// Collects a full build's records as they come (the build lets their texts go batch by batch), then the
    /// rest once the index is made.
    struct Writer {
        private var records: [Record] = []
        private var texts = ByteBuffer()

        init(count: Int) { records.reserveCapacity(count) }

        mutating func add(_ record: SearchRecord) {
            records.append(SearchIndexState.record(record, appendingTo: &texts, base: 0))
        }

        consuming func finish(lengths: [Int], postings: Shards, positions: Shards) -> SearchIndex.Kept {
            let state = SearchIndexState(records: records, lengths: lengths, postings: postings, positions: positions,
                                         textsLength: texts.bytes.count)
            return SearchIndex.Kept(index: state.encoded, texts: texts.bytes, textsOffset: 0)
        }
    }

    var encoded: [UInt8] {
        var out = ByteBuffer()
        out.append(Self.magic)
        out.varint(records.count)
        for r in records {
            out.string(r.url)
            out.string(r.kind)
            for field in [r.date, r.issue, r.issuer] { out.optional(field) }
            out.word(r.digest.a)
            out.word(r.digest.b)
            out.varint(r.span.lowerBound)
            out.varint(r.span.count)
        }
        for length in lengths { out.varint(length) }
        for value in [postings.count, postings.inlineBytes, positions.count, positions.inlineBytes, textsLength] {
            out.varint(value)
        }
        return out.bytes
    }

    /// The state `encoded` wrote, or nil for bytes that are not one (another version, a torn file).
    init?(encoded bytes: [UInt8]) {
        var reader = ByteReader(bytes)
        guard reader.bytes(Self.magic.count) == Self.magic, let count = reader.varint(), count <= bytes.count else { return nil }
        var records: [Record] = []
        records.reserveCapacity(count)
        for _ in 0..<count {
            guard let url = reader.string(), let kind = reader.string(), let date = reader.optionalString(),
                  let issue = reader.optionalString(), let issuer = reader.optionalString(), let a = reader.word(),
                  let b = reader.word(), let start = reader.varint(), let length = reader.varint() else { return nil }
            records.append(Record(url: url, kind: kind, date: date, issue: issue, issuer: issuer, digest: Digest(a: a, b: b),
                                  span: start..<(start + length)))
        }
        var lengths: [Int] = []
        lengths.reserveCapacity(count)
        for _ in 0..<count {
            guard let length = reader.varint() else { return nil }
            lengths.append(length)
        }
        guard let a = reader.varint(), let b = reader.varint(), let c = reader.varint(), let d = reader.varint(),
              let textsLength = reader.varint(), reader.atEnd else { return nil }
        self.init(records: records, lengths: lengths, postings: Shards(count: a, inlineBytes: b),
                  positions: Shards(count: c, inlineBytes: d), textsLength: textsLength)
    }

    init(records: [Record], lengths: [Int], postings: Shards, positions: Shards, textsLength: Int) {
        self.records = records
        self.lengths = lengths
        self.postings = postings
        self.positions = positions
        self.textsLength = textsLength
    }
}

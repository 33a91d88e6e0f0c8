import Foundation
import GazetteParallel

/// The binary blobs of the index (all integers are unsigned LEB128 varints):
///
/// - doc set: a mode byte, then either `0` + one varint per document (the first id, then the gaps), or
///   `1` + first id + byte count + a bitmap (bit i of byte j = document first + 8j + i), whichever is shorter;
/// - postings: df, a doc set, then one byte per document: bits 0–3 the quantised BM25 term-frequency part,
///   bits 4–5 the snippet page of the first occurrence in the body (3: page 3 or later, or not in the body),
///   0x40 in the title, 0x80 in the 发文字号;
/// - positions (n-grams of `Tokenizer.maxGram` units only): per document of the postings, a count and the
///   positions as gaps.
enum PostingsEncoding {
    /// BM25 parameters; the browser reads them from meta.json to score phrases it verifies itself.
    static let k1 = 1.2
    static let b = 0.75

    static func docSet(_ docs: [Int], into out: inout ByteBuffer) {
        guard let first = docs.first, let last = docs.last else {
            out.byte(0)
            return
        }
        var gapSize = 0
        var previous = 0
        for (i, doc) in docs.enumerated() {
            gapSize += ByteBuffer.varintSize(i == 0 ? doc : doc - previous)
            previous = doc
        }
        let bitmapBytes = (last - first) / 8 + 1
        if ByteBuffer.varintSize(first) + ByteBuffer.varintSize(bitmapBytes) + bitmapBytes < gapSize {
            out.byte(1)
            out.varint(first)
            out.varint(bitmapBytes)
            var bitmap = [UInt8](repeating: 0, count: bitmapBytes)
            for doc in docs { bitmap[(doc - first) >> 3] |= 1 << UInt8((doc - first) & 7) }
            out.append(bitmap)
        } else {
            out.byte(0)
            previous = 0
            for (i, doc) in docs.enumerated() {
                out.varint(i == 0 ? doc : doc - previous)
                previous = doc
            }
        }
    }

    /// The length part of BM25's denominator, k1·(1−b+b·dl/avgdl): one per document, computed once.
    static func norm(length: Int, averageLength: Double) -> Double {
        k1 * (1 - b + b * Double(length) / max(averageLength, 1))
    }

    /// The quantised term-frequency part of BM25, tf·(k1+1) / (tf + `norm`), in 1…15.
    @inline(__always)
    static func impact(tf: Int, norm: Double) -> UInt8 {
        let t = Double(tf)
        let part = t * (k1 + 1) / (t + norm)
        return UInt8(max(1, min(15, (part / (k1 + 1) * 15).rounded())))
    }

    /// The postings blob of one token, from its stream in `PostingsLog` (`count` documents of gap, tf and
    /// bits). The impact needs the documents' length norms, known only when every document is in (they
    /// depend on the average length).
    static func postings(_ stream: [UInt8], count: Int, impacts: ImpactTable) -> [UInt8] {
        var docs = [Int](repeating: 0, count: count)
        var codes = [UInt8](repeating: 0, count: count)
        stream.withUnsafeBufferPointer { stream in
            docs.withUnsafeMutableBufferPointer { docs in
                codes.withUnsafeMutableBufferPointer { codes in
                    var p = 0
                    func varint() -> Int {
                        var value = 0, shift = 0
                        while true {
                            let byte = stream[p]
                            p += 1
                            value |= Int(byte & 0x7F) << shift
                            if byte < 0x80 { return value }
                            shift += 7
                        }
                    }
                    var doc = 0
                    for i in 0..<count {
                        doc += varint()
                        docs[i] = doc
                        let tf = varint()
                        let bits = stream[p]
                        p += 1
                        codes[i] = code(tf: tf, bits: bits, document: doc, impacts: impacts)
                    }
                }
            }
        }
        return postings(documents: docs, codes: codes)
    }

    /// A posting's byte: the impact, the snippet page (bits 0–2 of the log's bits: 4 = not in the body) and
    /// the field bits.
    @inline(__always)
    static func code(tf: Int, bits: UInt8, document: Int, impacts: ImpactTable) -> UInt8 {
        impacts.impact(tf: tf, document: document) | min(bits & 7, 3) << 4 | bits & 0xC0
    }

    /// The postings blob of these documents (ascending) with their bytes.
    static func postings(documents: [Int], codes: [UInt8]) -> [UInt8] {
        var out = ByteBuffer(capacity: documents.count * 2 + 8)
        out.varint(documents.count)
        docSet(documents, into: &out)
        out.append(codes)
        return out.bytes
    }

    /// What `postings(documents:codes:)` wrote, or nil for bytes that are not a postings blob.
    static func decodePostings(_ blob: [UInt8]) -> (documents: [Int], codes: [UInt8])? {
        var reader = ByteReader(blob)
        guard let count = reader.varint(), count <= blob.count, let mode = reader.byte() else { return nil }
        var documents: [Int] = []
        documents.reserveCapacity(count)
        switch mode {
        case 0:
            var doc = 0
            for _ in 0..<count {
                guard let gap = reader.varint() else { return nil }
                doc += gap
                documents.append(doc)
            }
        case 1:
            guard let first = reader.varint(), let size = reader.varint(), let bitmap = reader.bytes(size) else { return nil }
            for (j, byte) in bitmap.enumerated() where byte != 0 {
                for i in 0..<8 where byte & (1 << UInt8(i)) != 0 { documents.append(first + 8 * j + i) }
            }
        default:
            return nil
        }
        guard documents.count == count, let codes = reader.bytes(count), reader.atEnd else { return nil }
        return (documents, codes)
    }

    /// A positions blob cut into its documents' parts (each a count, then that many gaps), or nil when it does
    /// not hold exactly `count` of them.
    static func positionParts(_ blob: [UInt8], count: Int) -> [[UInt8]]? {
        var reader = ByteReader(blob)
        var parts: [[UInt8]] = []
        parts.reserveCapacity(count)
        for _ in 0..<count {
            let start = reader.offset
            guard let n = reader.varint() else { return nil }
            for _ in 0..<n { guard reader.varint() != nil else { return nil } }
            parts.append(Array(blob[start..<reader.offset]))
        }
        return reader.atEnd ? parts : nil
    }
}

/// The quantised impacts of term frequencies 1…15 in each document, looked up rather than computed (a
/// division and a rounding) for each of the tens of millions of postings of a large corpus.
struct ImpactTable {
    private static let width = 16
    private let norms: [Double]
    private let table: [UInt8]

    /// The table of documents of these lengths (in units), whose average is part of every norm.
    init(lengths: [Int]) {
        let averageLength = Double(lengths.reduce(0, +)) / Double(max(1, lengths.count))
        self.init(norms: lengths.map { PostingsEncoding.norm(length: $0, averageLength: averageLength) })
    }

    init(norms: [Double]) {
        self.norms = norms
        table = norms.flatMap { norm in
            (0..<Self.width).map { $0 == 0 ? 0 : PostingsEncoding.impact(tf: $0, norm: norm) }
        }
    }

    @inline(__always)
    func impact(tf: Int, document: Int) -> UInt8 {
        tf < Self.width ? table[document &* Self.width &+ tf] : PostingsEncoding.impact(tf: tf, norm: norms[document])
    }

    /// Whether `document` gets the same impact for every term frequency in both tables: when one document's
    /// length changes, so does the average, and with it every other norm, by a hair; the quantised impacts
    /// of nearly every document stay the same. The impact grows with tf and is 15 from 15·tf/(tf+norm) ≥ 14.5
    /// on, that is from tf ≥ 29·norm, so the tfs up to there (and two more) decide it.
    func agrees(with other: ImpactTable, document: Int) -> Bool {
        let norm = norms[document], otherNorm = other.norms[document]
        if norm == otherNorm { return true }
        let last = Int((29 * max(norm, otherNorm)).rounded(.up)) + 2
        return (1...last).allSatisfy {
            PostingsEncoding.impact(tf: $0, norm: norm) == PostingsEncoding.impact(tf: $0, norm: otherNorm)
        }
    }
}

import Foundation

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
                        codes[i] = impacts.impact(tf: tf, document: doc) | min(bits & 7, 3) << 4 | bits & 0xC0
                    }
                }
            }
        }
        var out = ByteBuffer(capacity: count * 2 + 8)
        out.varint(count)
        docSet(docs, into: &out)
        out.append(codes)
        return out.bytes
    }
}

/// The quantised impacts of term frequencies 1…15 in each document, looked up rather than computed (a
/// division and a rounding) for each of the tens of millions of postings of a large corpus.
struct ImpactTable {
    private static let width = 16
    private let norms: [Double]
    private let table: [UInt8]

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
}

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

    /// The quantised term-frequency part of BM25, tf·(k1+1) / (tf + k1·(1−b+b·dl/avgdl)), in 1…15.
    static func impact(tf: Int, length: Int, averageLength: Double) -> UInt8 {
        let t = Double(tf)
        let norm = k1 * (1 - b + b * Double(length) / max(averageLength, 1))
        let part = t * (k1 + 1) / (t + norm)
        return UInt8(max(1, min(15, (part / (k1 + 1) * 15).rounded())))
    }

    /// The postings blob of one token, from packed postings (see `PostingsLog`).
    static func postings(_ postings: ArraySlice<UInt64>, documentLengths: [Int], averageLength: Double) -> [UInt8] {
        var out = ByteBuffer(capacity: postings.count * 2 + 8)
        out.varint(postings.count)
        docSet(postings.map { Int($0 >> 32) }, into: &out)
        for posting in postings {
            let doc = Int(posting >> 32)
            let tf = Int((posting >> 16) & 0xFFFF)
            let flags = UInt8((posting >> 8) & 0xFF)
            let page = UInt8(posting & 0xFF)
            out.byte(impact(tf: tf, length: documentLengths[doc], averageLength: averageLength)
                | min(page, 3) << 4 | flags)
        }
        return out.bytes
    }

    /// The positions blob of one token.
    static func positions(_ lists: ArraySlice<(count: Int, offset: Int)>, _ positions: [UInt32]) -> [UInt8] {
        var out = ByteBuffer(capacity: lists.count * 4)
        for list in lists {
            out.varint(list.count)
            var previous: UInt32 = 0
            for k in list.offset..<(list.offset + list.count) {
                out.varint(Int(positions[k] - previous))
                previous = positions[k]
            }
        }
        return out.bytes
    }
}

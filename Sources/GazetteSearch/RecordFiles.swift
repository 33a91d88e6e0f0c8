/// The per-result files: `r/<id>.gz` holds what a result line shows (a gzip JSON object with short keys:
/// u url, t title, n 发文字号, d date, k kind, i issue, s issuer, p number of snippet pages, x the texts of
/// snippet pages 0…2) and `r/<id>-<k>.gz` the text of snippet page k ≥ 3. A query downloads these for the
/// results it shows only.
///
/// Pages 0–2 travel with the record because the postings name them exactly (page codes 0, 1, 2), so a
/// result needs one request, and most documents have no more pages: one file per document instead of
/// three keeps the build's file count (and its time in the file system) down. Later pages stay apart, so
/// a long document costs a result line no more than three pages.
enum RecordFiles {
    /// Snippet pages inside the record file.
    static let inlinePages = 3

    static func files(_ document: IndexedDocument) -> [(path: String, bytes: [UInt8])] {
        let r = document.record
        // Written by hand into bytes, keys sorted: JSONEncoder, or even building a String first, costs more
        // than all the rest of this step (the snippet text of 10,000 documents is 100 MB).
        var json = JSONBytes(capacity: document.pageSize * 3 + 256)
        json.raw("{\"d\":"); json.optional(r.date)
        json.raw(",\"i\":"); json.optional(r.issue)
        json.raw(",\"k\":"); json.string(r.kind)
        json.raw(",\"n\":"); json.optional(r.number)
        json.raw(",\"p\":\(document.pageCount)")
        json.raw(",\"s\":"); json.optional(r.issuer)
        json.raw(",\"t\":"); json.string(document.scalars[..<document.titleEnd])  // decoded once, for the tokenizer
        json.raw(",\"u\":"); json.string(r.url)
        json.raw(",\"x\":[")
        for page in 0..<min(inlinePages, document.pageCount) {
            if page > 0 { json.raw(",") }
            json.string(document.pageScalars(page))
        }
        json.raw("]}")
        var files = [("r/\(document.id).gz", json.bytes)]
        for page in min(inlinePages, document.pageCount)..<document.pageCount {
            var text = [UInt8]()
            JSONBytes.utf8(document.pageScalars(page), into: &text)
            files.append(("r/\(document.id)-\(page).gz", text))
        }
        return files
    }

    /// A JSON string literal (for tests).
    static func quoted(_ text: String) -> String {
        var json = JSONBytes(capacity: text.utf8.count + 2)
        json.string(text)
        return String(decoding: json.bytes, as: UTF8.self)
    }
}

/// JSON written straight into UTF-8 bytes.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func optional(_ text: String?) {
        if let text { string(text) } else { raw("null") }
    }

    mutating func string(_ text: String) { string(Array(text.unicodeScalars)[...]) }

    /// A string literal: `"` `\` and control characters escaped, and U+2028/2029, which older JavaScript
    /// parsers do not allow inside strings. Written through a pointer into room made for the worst case (six
    /// bytes a scalar): appending byte by byte, and an array literal for each escaped line break, was a
    /// tenth of tokenizing the documents.
    mutating func string(_ scalars: ArraySlice<Unicode.Scalar>) {
        Self.write(scalars.count * 6 + 2, into: &bytes) { out in
            func put(_ byte: UInt8) {
                out.pointee = byte
                out += 1
            }
            put(0x22)
            for scalar in scalars {
                let v = scalar.value
                switch v {
                case 0x22: put(0x5C); put(0x22)
                case 0x5C: put(0x5C); put(0x5C)
                case 0x0A: put(0x5C); put(0x6E)
                case 0x0D: put(0x5C); put(0x72)
                case 0x09: put(0x5C); put(0x74)
                case 0x2028, 0x2029, 0..<0x20:
                    put(0x5C); put(0x75)
                    for shift in stride(from: 12, through: 0, by: -4) { put(Self.hexDigits[Int(v >> UInt32(shift) & 0xF)]) }
                default: Self.encode(scalar, at: &out)
                }
            }
            put(0x22)
        }
    }

    /// The UTF-8 bytes of `scalars`.
    static func utf8(_ scalars: ArraySlice<Unicode.Scalar>, into bytes: inout [UInt8]) {
        write(scalars.count * 4, into: &bytes) { out in
            for scalar in scalars { encode(scalar, at: &out) }
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends to `bytes` what `body` writes through the pointer it is given and moves along, into `room`
    /// bytes made for it (at least what it writes); the room it leaves is taken off again.
    private static func write(_ room: Int, into bytes: inout [UInt8], _ body: (inout UnsafeMutablePointer<UInt8>) -> Void) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: room))
        let written = bytes.withUnsafeMutableBufferPointer { buffer -> Int in
            var out = buffer.baseAddress! + start
            body(&out)
            return buffer.baseAddress!.distance(to: out) - start
        }
        bytes.removeLast(room - written)
    }

    @inline(__always)
    private static func encode(_ scalar: Unicode.Scalar, at out: inout UnsafeMutablePointer<UInt8>) {
        let v = scalar.value
        func put(_ byte: UInt32) {
            out.pointee = UInt8(truncatingIfNeeded: byte)
            out += 1
        }
        switch v {
        case 0..<0x80: put(v)
        case 0x80..<0x800: put(0xC0 | v >> 6); put(0x80 | v & 0x3F)
        case 0x800..<0x10000: put(0xE0 | v >> 12); put(0x80 | v >> 6 & 0x3F); put(0x80 | v & 0x3F)
        default: put(0xF0 | v >> 18); put(0x80 | v >> 12 & 0x3F); put(0x80 | v >> 6 & 0x3F); put(0x80 | v & 0x3F)
        }
    }
}

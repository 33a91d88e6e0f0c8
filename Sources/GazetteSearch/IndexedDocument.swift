/// A record as the index sees it: its id (rank in date order), the text that is tokenized (title, 发文字号
/// and body, separated by line breaks so no phrase runs from one into the next) and its snippet pages.
struct IndexedDocument {
    let id: Int
    let record: SearchRecord
    let scalars: [Unicode.Scalar]
    let titleEnd: Int
    let numberEnd: Int
    let bodyStart: Int
    /// Scalars per snippet page; grows for very long bodies so that a page index fits in a byte.
    let pageSize: Int

    /// Page index that means "not in the body" (the match is only in the title or 发文字号).
    static let noPage: UInt8 = 255

    init(id: Int, record: SearchRecord, pageSize: Int) {
        self.id = id
        self.record = record
        let parts = [record.title, record.number ?? "", record.text]
        var ends: [Int] = []
        // At most one scalar per UTF-8 byte, plus the two line breaks.
        scalars = [Unicode.Scalar](unsafeUninitializedCapacity: parts.reduce(2) { $0 + $1.utf8.count }) { buffer, count in
            for (index, part) in parts.enumerated() {
                if index > 0 {
                    buffer[count] = "\n"
                    count += 1
                }
                count += Self.decode(part, into: UnsafeMutableBufferPointer(rebasing: buffer[count...]))
                ends.append(count)
            }
        }
        titleEnd = ends[0]
        numberEnd = ends[1]
        bodyStart = numberEnd + 1
        let bodyCount = scalars.count - bodyStart
        self.pageSize = max(pageSize, (bodyCount + 253) / 254)
    }

    /// Writes the scalars of `text` into `buffer` (which has room for one per UTF-8 byte) and returns how
    /// many. A `String` holds valid UTF-8, so the bytes are decoded without checks: walking the
    /// `unicodeScalars` view (and joining the parts' arrays) was a sixth of tokenizing a document.
    private static func decode(_ text: String, into buffer: UnsafeMutableBufferPointer<Unicode.Scalar>) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0, i = 0
            while i < bytes.count {
                let lead = UInt32(bytes[i])
                var value: UInt32
                if lead < 0x80 {
                    value = lead
                    i += 1
                } else if lead < 0xE0 {
                    value = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
                    i += 2
                } else if lead < 0xF0 {
                    value = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                    i += 3
                } else {
                    value = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                        | UInt32(bytes[i + 3] & 0x3F)
                    i += 4
                }
                buffer[count] = Unicode.Scalar(value) ?? "\u{FFFD}"
                count += 1
            }
            return count
        }
    }

    var bodyCount: Int { scalars.count - bodyStart }
    var pageCount: Int { max(1, (bodyCount + pageSize - 1) / pageSize) }

    /// Field bits of a unit at `source`: 0x40 in the title, 0x80 in the 发文字号.
    @inline(__always)
    func fieldFlag(_ source: Int) -> UInt8 {
        source < titleEnd ? 0x40 : (source < numberEnd ? 0x80 : 0)
    }

    /// The snippet page of a body scalar offset.
    @inline(__always)
    func page(_ source: Int) -> UInt8 {
        source < bodyStart ? Self.noPage : UInt8(min(253, (source - bodyStart) / pageSize))
    }

    /// Scalars of snippet page `index`, running a little into the next page so a match that starts near the
    /// end of a page is shown whole.
    func pageScalars(_ index: Int, overlap: Int = 48) -> ArraySlice<Unicode.Scalar> {
        let start = bodyStart + index * pageSize
        let end = min(scalars.count, start + pageSize + overlap)
        return start < end ? scalars[start..<end] : []
    }

    /// Date order, newest first; undated items last; then kind and URL so the order is total.
    static func precedes(_ a: SearchRecord, _ b: SearchRecord) -> Bool {
        let da = a.date ?? "", db = b.date ?? ""
        if da != db { return da > db }
        if a.kind != b.kind { return a.kind < b.kind }
        return a.url < b.url
    }

    /// `records` in `precedes` order. The order is total (URLs are unique), so this is what `sort(by:)`
    /// gives; but only the indices move while sorting, compared by the three fields `precedes` reads, taken
    /// out first: a record is nine fields, and the merge sort's copies of 10,000 of them (a retain and
    /// release per field each time) were a tenth of a one-document rebuild's index update; handing whole
    /// records to `precedes` from the buffer still copied them, 1.9 % of the rebuild's samples.
    static func ordered(_ records: consuming [SearchRecord]) -> [SearchRecord] {
        let dates = records.map { $0.date ?? "" }, kinds = records.map(\.kind), urls = records.map(\.url)
        let order = records.indices.sorted { i, j in
            if dates[i] != dates[j] { return dates[i] > dates[j] }
            if kinds[i] != kinds[j] { return kinds[i] < kinds[j] }
            return urls[i] < urls[j]
        }
        return order.map { records[$0] }
    }
}

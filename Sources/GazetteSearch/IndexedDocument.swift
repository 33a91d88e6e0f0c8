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
        let title = Array(record.title.unicodeScalars)
        let number = Array((record.number ?? "").unicodeScalars)
        titleEnd = title.count
        numberEnd = title.count + 1 + number.count
        bodyStart = numberEnd + 1
        scalars = title + ["\n"] + number + ["\n"] + Array(record.text.unicodeScalars)
        let bodyCount = scalars.count - bodyStart
        self.pageSize = max(pageSize, (bodyCount + 253) / 254)
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
}

/// The units of one document as the n-gram pass reads them: unit ids (a Han scalar, or a word id from
/// `WordTable`), positions, and per unit its field bits and snippet page.
struct DocumentUnits {
    var ids: [UInt32] = []
    var positions: [UInt32] = []
    /// 0x40 title, 0x80 发文字号, else body; bits 0–1 the snippet page (3: page 3 or later).
    var info: [UInt8] = []

    /// Page code of a posting whose n-gram never occurs in the body (see `PostingsEncoding`).
    static let noBodyPage: UInt8 = 3

    /// Tokenizes `document` with a thread's own tokenizer and word cache.
    static func scan(_ document: IndexedDocument, tokenizer: inout Tokenizer, sink: inout UnitIDSink) -> DocumentUnits {
        sink.reset()
        tokenizer.scan(document.scalars, into: &sink)
        var units = DocumentUnits(ids: sink.ids, positions: sink.positions, info: [])
        units.info = sink.sources.map { source in
            let flag = document.fieldFlag(Int(source))
            return flag != 0 ? flag : min(document.page(Int(source)), 3)
        }
        return units
    }
}

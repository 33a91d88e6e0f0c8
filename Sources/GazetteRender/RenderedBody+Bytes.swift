import GazetteModel
import GazetteParallel

/// A rendered body as bytes, for the build's body cache: a rebuild takes the bodies whose Markdown did not
/// change from the cache instead of running cmark over them again.
///
///     <head length: varint> <head> <HTML: UTF-8> <text: UTF-8>
///     head: <HTML length> <text length> <attachments> <tables> <links>
///
/// The head comes first and the two large parts last, so that a reader can take the head alone and leave
/// the HTML and the text where they are until a page or a file shows them (`LazyText`).
extension RenderedBody {
    public var bytes: [UInt8] {
        var out = ByteBuffer()
        write(to: &out)
        return out.bytes
    }

    /// Appends what `bytes` is to `out` (the body cache writes the findings first, into the same buffer).
    public func write(to out: inout ByteBuffer) {
        // The two large parts are appended straight from the strings, after the head that gives their lengths.
        var html = html, text = text
        var head = ByteBuffer()
        head.varint(html.utf8.count)
        head.varint(text.utf8.count)
        head.varint(attachments.count)
        for a in attachments {
            for field in [a.label, a.title, a.anchor, a.html] { head.string(field) }
        }
        head.varint(tables.count)
        for t in tables {
            head.string(t.anchor)
            head.optional(t.table.caption)
            func row(_ cells: [String]) {
                head.varint(cells.count)
                for cell in cells { head.string(cell) }
            }
            row(t.table.header)
            head.varint(t.table.rows.count)
            t.table.rows.forEach(row)
        }
        head.varint(links.count)
        for link in links {
            head.string(link.url)
            head.string(link.location.path)
            head.varint(link.location.line)
            head.varint(link.location.column)
        }
        out.bytes.reserveCapacity(out.bytes.count + head.bytes.count + html.utf8.count + text.utf8.count + 10)
        out.varint(head.bytes.count)
        out.append(head.bytes)
        html.withUTF8 { out.bytes.append(contentsOf: $0) }
        text.withUTF8 { out.bytes.append(contentsOf: $0) }
    }

    /// The body `bytes` wrote, or nil for bytes that are not one (the body cache reads its records in parts,
    /// with `init(head:count:part:)`; this reads bytes held whole).
    public init?(bytes: ArraySlice<UInt8>) {
        self.init(head: bytes, count: bytes.count) { range in
            LazyText(String(decoding: bytes[(bytes.startIndex + range.lowerBound)..<(bytes.startIndex + range.upperBound)],
                            as: UTF8.self))
        }
    }

    /// The body of `count` bytes that `bytes` wrote, read from its first bytes `head` (which must hold at
    /// least its head, and may hold more); `part` gives the HTML and the text from their ranges in the
    /// body's bytes. Nil when `head` is cut short or the bytes are not a body of `count` bytes.
    public init?(head bytes: ArraySlice<UInt8>, count: Int, part: (Range<Int>) -> LazyText) {
        var reader = ByteReader(bytes)
        guard let headCount = reader.varint(), headCount <= bytes.count - reader.offset else { return nil }
        let partsStart = reader.offset + headCount
        guard let htmlCount = reader.varint(), let textCount = reader.varint(),
              htmlCount <= count, textCount <= count, partsStart + htmlCount + textCount == count,
              let attachmentCount = reader.varint(), attachmentCount <= bytes.count else { return nil }
        var attachments: [Attachment] = []
        for _ in 0..<attachmentCount {
            guard let label = reader.string(), let title = reader.string(), let anchor = reader.string(),
                  let html = reader.string() else { return nil }
            attachments.append(Attachment(label: label, title: title, anchor: anchor, html: html))
        }
        guard let tableCount = reader.varint(), tableCount <= bytes.count else { return nil }
        func row() -> [String]? {
            guard let count = reader.varint(), count <= bytes.count else { return nil }
            var cells: [String] = []
            for _ in 0..<count {
                guard let cell = reader.string() else { return nil }
                cells.append(cell)
            }
            return cells
        }
        var tables: [Table] = []
        for _ in 0..<tableCount {
            guard let anchor = reader.string(), let caption = reader.optionalString(), let header = row() else { return nil }
            var rows: [[String]] = []
            guard let rowCount = reader.varint(), rowCount <= bytes.count else { return nil }
            for _ in 0..<rowCount {
                guard let cells = row() else { return nil }
                rows.append(cells)
            }
            tables.append(Table(anchor: anchor, table: CSVTable(caption: caption, header: header, rows: rows)))
        }
        guard let linkCount = reader.varint(), linkCount <= bytes.count else { return nil }
        var links: [(url: String, location: SourceLocation)] = []
        for _ in 0..<linkCount {
            guard let url = reader.string(), let path = reader.string(), let line = reader.varint(),
                  let column = reader.varint() else { return nil }
            links.append((url, SourceLocation(path: path, line: line, column: column)))
        }
        guard reader.offset == partsStart else { return nil }
        self.init(htmlText: part(partsStart..<(partsStart + htmlCount)), attachments: attachments, tables: tables,
                  plainText: part((partsStart + htmlCount)..<count), links: links)
    }
}

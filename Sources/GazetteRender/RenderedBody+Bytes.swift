import GazetteModel
import GazetteParallel

/// A rendered body as bytes, for the build's body cache: a rebuild takes the bodies whose Markdown did not
/// change from the cache instead of running cmark over them again.
extension RenderedBody {
    public var bytes: [UInt8] {
        var out = ByteBuffer(capacity: html.utf8.count + text.utf8.count + 64)
        out.string(html)
        out.varint(attachments.count)
        for a in attachments {
            for field in [a.label, a.title, a.anchor, a.html] { out.string(field) }
        }
        out.varint(tables.count)
        for t in tables {
            out.string(t.anchor)
            out.optional(t.table.caption)
            func row(_ cells: [String]) {
                out.varint(cells.count)
                for cell in cells { out.string(cell) }
            }
            row(t.table.header)
            out.varint(t.table.rows.count)
            t.table.rows.forEach(row)
        }
        out.string(text)
        out.varint(links.count)
        for link in links {
            out.string(link.url)
            out.string(link.location.path)
            out.varint(link.location.line)
            out.varint(link.location.column)
        }
        return out.bytes
    }

    /// The body `bytes` wrote, or nil for bytes that are not one.
    public init?(bytes: ArraySlice<UInt8>) {
        var reader = ByteReader(bytes)
        guard let html = reader.stringBytes(), let attachmentCount = reader.varint(), attachmentCount <= bytes.count else { return nil }
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
        guard let text = reader.string(), let linkCount = reader.varint(), linkCount <= bytes.count else { return nil }
        var links: [(url: String, location: SourceLocation)] = []
        for _ in 0..<linkCount {
            guard let url = reader.string(), let path = reader.string(), let line = reader.varint(),
                  let column = reader.varint() else { return nil }
            links.append((url, SourceLocation(path: path, line: line, column: column)))
        }
        guard reader.atEnd else { return nil }
        self.init(htmlText: LazyText(utf8: html), attachments: attachments, tables: tables, text: text, links: links)
    }
}

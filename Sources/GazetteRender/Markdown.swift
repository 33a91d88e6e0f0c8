import CCmark
import Foundation
import GazetteModel
import GazetteParallel

/// A document body rendered: the 正文, the attachments printed after it, its tables and its text.
public struct RenderedBody: Sendable {
    /// An attachment printed in full after the 正文 (`# 附件1 标题` in the Markdown).
    public struct Attachment: Sendable {
        /// `附件1`.
        public let label: String
        public let title: String
        public let anchor: String
        public let html: String
    }

    /// A table with the anchor of its rendering on the page.
    public struct Table: Sendable {
        public let anchor: String
        public let table: CSVTable
    }

    /// HTML of the 正文: a body taken from the cache keeps it as bytes until it is shown (`LazyText`).
    public let htmlText: LazyText
    public var html: String { htmlText.string }
    public let attachments: [Attachment]
    public let tables: [Table]
    /// Plain text of the whole body, for search, snippets and the API; from the cache, read when asked for.
    public let plainText: LazyText
    public var text: String { plainText.string }
    /// Destinations of links and images, for checking internal links.
    public let links: [(url: String, location: SourceLocation)]

    public init(html: String, attachments: [Attachment], tables: [Table], text: String,
                links: [(url: String, location: SourceLocation)]) {
        self.init(htmlText: LazyText(html), attachments: attachments, tables: tables, plainText: LazyText(text), links: links)
    }

    public init(htmlText: LazyText, attachments: [Attachment], tables: [Table], plainText: LazyText,
                links: [(url: String, location: SourceLocation)]) {
        self.htmlText = htmlText
        self.attachments = attachments
        self.tables = tables
        self.plainText = plainText
        self.links = links
    }

    /// The body with only its links, for the link check after the open data and the search index.
    public func linksOnly() -> RenderedBody {
        RenderedBody(html: "", attachments: [], tables: [], text: "", links: links)
    }
}

/// Renders CommonMark with libcmark in its default safe mode: raw HTML is replaced by a
/// comment and links with `javascript:`, `vbscript:`, `file:` or `data:` URLs are emptied.
public enum Markdown {
    /// Renders a body. Problems (bad CSV in a table block) are reported at their line.
    public static func render(_ body: MarkdownBody, diagnostics: inout Diagnostics) -> RenderedBody {
        guard let text = body.markdown else {
            diagnostics.error(MarkdownBody.changedWhileBuilding, at: SourceLocation(path: body.path))
            return RenderedBody(html: "", attachments: [], tables: [], text: "", links: [])
        }
        // The text is read once (a deferred body's from its file) and kept for the columns of findings.
        var builder = BodyBuilder(body: MarkdownBody(text: text, firstLine: body.firstLine, path: body.path))
        let bytes = Array(text.utf8)
        guard let document = cmark_parse_document(bytes, bytes.count, CMARK_OPT_DEFAULT) else {
            return builder.finish()
        }
        defer { cmark_node_free(document) }
        var node = cmark_node_first_child(document)
        while let current = node {
            node = cmark_node_next(current)
            builder.add(current, diagnostics: &diagnostics)
        }
        return builder.finish()
    }

    /// Plain text of the inline content of a node (a heading, a paragraph).
    static func text(of node: OpaquePointer) -> String {
        var out = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            let n = cmark_iter_get_node(iterator)
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_CODE_BLOCK:
                if let literal = cmark_node_get_literal(n) { out += String(cString: literal) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                out += "\n"
            default:
                break
            }
        }
        return out
    }
}

/// Accumulates the parts of a body while walking cmark's top-level blocks.
private struct BodyBuilder {
    let body: MarkdownBody
    var main = ""
    var attachments: [(label: String, title: String, html: String)] = []
    var tables: [RenderedBody.Table] = []
    var text = ""
    var links: [(String, SourceLocation)] = []
    /// Byte offset of the start of each line of the body (line 1 first), found at the first link: a body
    /// of many links would otherwise be scanned from its start once per link.
    private var lineStarts: [Int]?

    init(body: MarkdownBody) { self.body = body }

    mutating func add(_ node: OpaquePointer, diagnostics: inout Diagnostics) {
        let type = cmark_node_get_type(node)
        let line = body.firstLine + Int(cmark_node_get_start_line(node)) - 1
        collectLinks(node, line: line)
        if type == CMARK_NODE_HEADING, cmark_node_get_heading_level(node) == 1 {
            let heading = Markdown.text(of: node).trimmingCharacters(in: .whitespaces)
            if let (label, title) = Self.attachmentHeading(heading) {
                attachments.append((label, title, ""))
                text += heading + "\n"
                return
            }
        }
        if type == CMARK_NODE_HEADING, cmark_node_get_heading_level(node) == 1 {
            // The page title is the only h1; a level-1 heading in a body is a section of it.
            cmark_node_set_heading_level(node, 2)
        }
        let html: String
        if type == CMARK_NODE_CODE_BLOCK, let info = cmark_node_get_fence_info(node).map({ String(cString: $0) }),
           info == "table" || info.hasPrefix("table ") {
            let caption = String(info.dropFirst(5)).trimmingCharacters(in: .whitespaces)
            let csv = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            switch CSVTable.parse(csv, caption: caption.isEmpty ? nil : caption) {
            case .success(let table):
                let anchor = "table-\(tables.count + 1)"
                tables.append(RenderedBody.Table(anchor: anchor, table: table))
                html = TableHTML.render(table, anchor: anchor)
                text += ([table.caption ?? ""] + table.header + table.rows.flatMap { $0 }).joined(separator: " ") + "\n"
            case .failure(let error):
                diagnostics.error("表格 CSV 有误：\(error.message)",
                                  at: SourceLocation(path: body.path, line: line + error.line, column: 1))
                return
            }
        } else {
            guard let rendered = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return }
            html = String(cString: rendered)
            free(rendered)
            let plain = Markdown.text(of: node)
            if plain.containsBytes("**") {
                // CommonMark does not close emphasis after punctuation followed by a letter,
                // which is how Chinese sentences run: “**公示报备。**镇政府…” stays literal.
                diagnostics.warning("加粗标记 ** 未生效：请把紧挨 ** 的中文标点移到 ** 之外（如 **公示报备**。）",
                                    at: SourceLocation(path: body.path, line: line, column: 1))
            }
            if html.containsBytes("<!-- raw HTML omitted -->") {
                // Safe mode drops raw HTML without a trace, and with it any text inside the tags.
                diagnostics.warning("HTML 标记不会显示（安全模式），其中的文字也会丢失；请改用 Markdown 写法",
                                    at: SourceLocation(path: body.path, line: line, column: 1))
            }
            text += plain + "\n"
        }
        if attachments.isEmpty { main += html } else { attachments[attachments.count - 1].html += html }
    }

    /// `附件1 标题` or `附件 1. 标题` → (`附件1`, `标题`).
    static func attachmentHeading(_ heading: String) -> (String, String)? {
        guard heading.hasPrefix("附件") else { return nil }
        var rest = heading.dropFirst(2).drop { $0 == " " || $0 == "　" }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return nil }
        rest = rest.dropFirst(digits.count).drop { $0 == "." || $0 == "．" || $0 == " " || $0 == "　" || $0 == "：" }
        return ("附件\(digits)", String(rest))
    }

    /// Destinations of links and images, at their line and (character) column in the file.
    private mutating func collectLinks(_ node: OpaquePointer, line: Int) {
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            let n = cmark_iter_get_node(iterator)
            let type = cmark_node_get_type(n)
            guard cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER,
                  type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE,
                  let url = cmark_node_get_url(n) else { continue }
            let bodyLine = Int(cmark_node_get_start_line(n))
            let column = characterColumn(line: bodyLine, byteColumn: Int(cmark_node_get_start_column(n)))
            links.append((String(cString: url), SourceLocation(path: body.path, line: max(line, body.firstLine + bodyLine - 1),
                                                                column: column)))
        }
    }

    /// cmark counts columns in bytes; diagnostics count characters, as YAML positions do.
    private mutating func characterColumn(line: Int, byteColumn: Int) -> Int {
        let bytes = body.text.utf8
        if lineStarts == nil {
            var starts = [0]
            var offset = 0
            for byte in bytes {
                offset += 1
                if byte == 0x0A { starts.append(offset) }
            }
            lineStarts = starts
        }
        guard line >= 1, byteColumn >= 1, let lineStarts, line <= lineStarts.count else { return byteColumn }
        let start = bytes.index(bytes.startIndex, offsetBy: lineStarts[line - 1])
        let end = bytes.index(start, offsetBy: byteColumn - 1, limitedBy: bytes.endIndex) ?? bytes.endIndex
        return String(decoding: bytes[start..<end], as: UTF8.self).unicodeScalars.count + 1
    }

    func finish() -> RenderedBody {
        RenderedBody(
            html: main,
            attachments: attachments.enumerated().map { index, a in
                RenderedBody.Attachment(label: a.label, title: a.title, anchor: "attachment-\(index + 1)", html: a.html)
            },
            tables: tables, text: text, links: links)
    }
}

extension String {
    /// Byte search with libc's `memchr` and `memcmp`: far cheaper than Foundation's Unicode-aware
    /// `contains`, or than a generic search through the UTF-8 view (about 20 instructions per byte).
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self, needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard let start = h.baseAddress, n.count <= h.count else { return false }
                let last = start + (h.count - n.count)  // the last place the needle can start
                var at = start
                while at <= last {
                    guard let found = memchr(at, Int32(first), last - at + 1) else { return false }
                    let p = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(p, n.baseAddress!, n.count) == 0 { return true }
                    at = p + 1
                }
                return false
            }
        }
    }
}

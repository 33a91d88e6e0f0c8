import Foundation

/// A table written as CSV in a ```` ```table ```` block: header row first.
public struct CSVTable: Sendable, Equatable {
    public var caption: String?
    public var header: [String]
    public var rows: [[String]]

    public init(caption: String?, header: [String], rows: [[String]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }

    /// Why CSV text could not be read, with the 1-based line within the CSV.
    public struct ParseError: Error, Equatable, Sendable {
        public let line: Int
        public let message: String
    }

    /// Parses RFC 4180 CSV: fields separated by commas, quoted with `"` when they hold
    /// commas, quotes (doubled) or line breaks. Every row must have the header's width.
    public static func parse(_ text: String, caption: String?) -> Result<CSVTable, ParseError> {
        switch records(in: text) {
        case .failure(let e): return .failure(e)
        case .success(let records):
            guard let header = records.first?.fields else {
                return .failure(ParseError(line: 1, message: "表格为空：第一行应为表头"))
            }
            for record in records.dropFirst() where record.fields.count != header.count {
                return .failure(ParseError(line: record.line,
                                           message: "此行有 \(record.fields.count) 列，表头有 \(header.count) 列"))
            }
            return .success(CSVTable(caption: caption, header: header, rows: records.dropFirst().map(\.fields)))
        }
    }

    /// The records of CSV text with the line each starts on; blank lines are skipped.
    static func records(in text: String) -> Result<[(line: Int, fields: [String])], ParseError> {
        var records: [(Int, [String])] = []
        var fields: [String] = []
        var field = ""
        var inQuotes = false
        var fieldWasQuoted = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var chars = Array(text)[...]
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) { records.append((recordLine, fields)) }
            fields = []
            field = ""
            fieldWasQuoted = false
        }
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { chars.removeFirst(); field.append("\"") } else { inQuotes = false }
                } else if c == "\n" || c == "\r\n" {
                    // "\r\n" is one Character in Swift; RFC 4180 ends lines with it.
                    line += 1
                    field.append("\n")
                } else {
                    field.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\n", "\r\n":
                endRecord()
                line += 1
                recordLine = line
            case "\"" where field.isEmpty && !fieldWasQuoted:
                inQuotes = true
                fieldWasQuoted = true
                quoteLine = line
            case "\"":
                return .failure(ParseError(line: line, message: "引号只能出现在字段开头；字段内的引号请写成两个 \"\""))
            default:
                if fieldWasQuoted {
                    return .failure(ParseError(line: line, message: "引号结束后、逗号之前不应再有文字"))
                }
                field.append(c)
            }
        }
        if inQuotes { return .failure(ParseError(line: quoteLine, message: "引号没有闭合")) }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return .success(records)
    }

    /// The table as RFC 4180 CSV with CRLF line ends, as spreadsheet programs expect.
    public var csv: String {
        ([header] + rows).map { row in
            // A lone empty field would be a blank line, which readers (this one too) skip.
            if row == [""] { return "\"\"" }
            return row.map { field in
                field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                    ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
            }.joined(separator: ",")
        }.joined(separator: "\r\n") + "\r\n"
    }
}

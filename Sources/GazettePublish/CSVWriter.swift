import Foundation

/// RFC 4180 CSV, as spreadsheet programs expect it.
enum CSVWriter {
    /// Rows as CSV with CRLF line ends; a field is quoted when it holds a comma, a quote or a
    /// line break, quotes doubled. The same rules as the tables published beside pages, so
    /// the copies of those tables in the ZIP are byte-identical to them.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in row.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A byte order mark first, so that spreadsheet programs on Windows read the text as UTF-8.
    static func withBOM(_ csv: String) -> String { "\u{FEFF}" + csv }

    /// Looked for in the UTF-8 bytes rather than in characters: grapheme breaking made this a tenth of a
    /// rebuild's open data. (A comma with a combining mark after it is now quoted too, as a reader that
    /// splits on the byte needs.)
    private static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        return needsQuotes ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

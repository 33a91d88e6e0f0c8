/// Accessible HTML for a CSV table: caption, header cells with `scope`, and a
/// focusable scrolling region so a wide table stays usable on a phone.
enum TableHTML {
    static func render(_ table: CSVTable, anchor: String) -> String {
        var html = "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"\(anchor)-caption\">"
        html += "<table id=\"\(anchor)\">"
        html += "<caption id=\"\(anchor)-caption\">\(HTML.escape(table.caption ?? "表格"))</caption>"
        html += "<thead><tr>"
        for cell in table.header { html += "<th scope=\"col\">\(lines(cell))</th>" }
        html += "</tr></thead>"
        if !table.rows.isEmpty {
            html += "<tbody>"
            for row in table.rows {
                html += "<tr>"
                for cell in row { html += "<td>\(lines(cell))</td>" }
                html += "</tr>"
            }
            html += "</tbody>"
        }
        return html + "</table></div>\n"
    }

    /// Escaped text with its line breaks kept.
    private static func lines(_ cell: String) -> String {
        cell.split(separator: "\n", omittingEmptySubsequences: false).map { HTML.escape(String($0)) }
            .joined(separator: "<br>")
    }
}

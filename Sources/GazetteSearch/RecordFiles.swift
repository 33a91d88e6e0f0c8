/// The per-result files: `r/<id>.gz` holds what a result line shows (a gzip JSON object with short keys:
/// u url, t title, n 发文字号, d date, k kind, i issue, s issuer, p number of snippet pages, x page 0 text)
/// and `r/<id>-<k>.gz` the text of snippet page k ≥ 1. A query downloads these for the results it shows only.
enum RecordFiles {
    static func files(_ document: IndexedDocument) -> [(path: String, bytes: [UInt8])] {
        let r = document.record
        // Written by hand, keys sorted: JSONEncoder costs more than all the rest of this step.
        var json = "{"
        json += "\"d\":" + (r.date.map(quoted) ?? "null")
        json += ",\"i\":" + (r.issue.map(quoted) ?? "null")
        json += ",\"k\":" + quoted(r.kind)
        json += ",\"n\":" + (r.number.map(quoted) ?? "null")
        json += ",\"p\":\(document.pageCount)"
        json += ",\"s\":" + (r.issuer.map(quoted) ?? "null")
        json += ",\"t\":" + quoted(r.title)
        json += ",\"u\":" + quoted(r.url)
        json += ",\"x\":" + quoted(document.pageText(0)) + "}"
        var files = [("r/\(document.id).gz", Array(json.utf8))]
        for page in 1..<document.pageCount {
            files.append(("r/\(document.id)-\(page).gz", Array(document.pageText(page).utf8)))
        }
        return files
    }

    /// A JSON string literal.
    static func quoted(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".unicodeScalars)
            case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
            case "\n": out.append(contentsOf: "\\n".unicodeScalars)
            case "\r": out.append(contentsOf: "\\r".unicodeScalars)
            case "\t": out.append(contentsOf: "\\t".unicodeScalars)
            case "\u{2028}": out.append(contentsOf: "\\u2028".unicodeScalars)
            case "\u{2029}": out.append(contentsOf: "\\u2029".unicodeScalars)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        out.append("\"")
        return String(out)
    }
}

import GazetteModel

/// Text placed in XML (feeds, sitemap).
enum XML {
    /// Escapes `& < > " '` and drops the characters XML 1.0 forbids, so that anything from
    /// content (a title with `]]>` or a stray control character) stays well-formed.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                let allowed = (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
                if allowed { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A day as an RFC 3339 instant: midnight in China (UTC+8), where the gazette's days are.
    static func timestamp(_ day: Day) -> String { "\(day.iso)T00:00:00+08:00" }
}

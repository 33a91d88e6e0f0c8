import GazetteModel

/// Text placed in XML (feeds, sitemap).
enum XML {
    /// Escapes `& < > " '` and drops the characters XML 1.0 forbids, so that anything from
    /// content (a title with `]]>` or a stray control character) stays well-formed.
    static func escape(_ text: String) -> String {
        // Feeds carry whole bodies: byte work is far cheaper than appending scalars to a String one by one.
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 16)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            switch byte {
            case UInt8(ascii: "&"): bytes.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): bytes.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): bytes.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): bytes.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): bytes.append(contentsOf: "&apos;".utf8)
            case 0x09, 0x0A, 0x0D: bytes.append(byte)
            case 0..<0x20: break  // control characters are forbidden in XML 1.0
            case 0xEF where i + 2 < utf8.count && utf8[i + 1] == 0xBF && utf8[i + 2] >= 0xBE:
                i += 2  // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not characters
            default: bytes.append(byte)
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A day as an RFC 3339 instant: midnight in China (UTC+8), where the gazette's days are.
    static func timestamp(_ day: Day) -> String { "\(day.iso)T00:00:00+08:00" }
}

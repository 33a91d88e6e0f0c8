/// Escaping for text placed in HTML, by Swift code and by the templates (`TemplateRenderer`).
public enum HTML {
    /// Escapes `& < > " '` so that the result is safe in element content and quoted attributes. Works on
    /// UTF-8 bytes, and gives the text back as it is when it has none of them (most titles, names and
    /// URLs): the build escapes a few hundred values per page.
    public static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            var i = 0
            while i < bytes.count, !isSpecial(bytes[i]) { i += 1 }
            guard i < bytes.count else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<i]))
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
                case let byte: out.append(byte)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

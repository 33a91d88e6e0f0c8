/// Escaping for text placed in HTML, by Swift code and by the templates (`TemplateRenderer`).
public enum HTML {
    /// Escapes `& < > " '` so that the result is safe in element content and quoted attributes. Works on
    /// UTF-8 bytes, and gives the text back as it is when it has none of them (most titles, names and
    /// URLs): the build escapes a few hundred values per page.
    public static func escape(_ text: String) -> String {
        var text = text
        let escaped: String? = text.withUTF8 { bytes in
            guard bytes.contains(where: isSpecial) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count + 16)
            append(bytes, escapedTo: &out)
            return String(decoding: out, as: UTF8.self)
        }
        return escaped ?? text
    }

    /// Appends `text` escaped to a byte buffer: how the templates write `{{value}}` into a page, with no
    /// string made in between.
    public static func append(_ text: String, escapedTo out: inout [UInt8]) {
        var text = text
        text.withUTF8 { append($0, escapedTo: &out) }
    }

    /// Runs without special bytes are copied whole.
    private static func append(_ bytes: UnsafeBufferPointer<UInt8>, escapedTo out: inout [UInt8]) {
        var run = 0
        for i in 0..<bytes.count where isSpecial(bytes[i]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
            switch bytes[i] {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            default: out.append(contentsOf: "&#39;".utf8)
            }
            run = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
    }

    @inline(__always)
    private static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}

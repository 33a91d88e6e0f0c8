/// A JSON value written with sorted keys and no insignificant space, as `JSONSerialization` with
/// `.sortedKeys` and `.withoutEscapingSlashes` writes it, but several times faster: on Linux that
/// serializer sorts `AnyHashable` keys and casts every value dynamically, which made the JSON-LD of
/// document pages a tenth of a large build. Used for the JSON embedded in pages (JSON-LD, the lookup box).
enum JSONText {
    case string(String)
    case int(Int)
    case array([JSONText])
    case object([String: JSONText])

    /// The JSON text. With `scriptSafe`, `<`, `>` and `&` are written as `\u003c` `\u003e` `\u0026`, so the
    /// text can neither close a `<script>` element nor open a comment in it.
    func text(scriptSafe: Bool = false) -> String {
        var out: [UInt8] = []
        write(into: &out, scriptSafe: scriptSafe)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(into out: inout [UInt8], scriptSafe: Bool) {
        switch self {
        case .string(let s): Self.quote(s, into: &out, scriptSafe: scriptSafe)
        case .int(let i): out += Array(String(i).utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out, scriptSafe: scriptSafe)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            // Sorted by UTF-8 bytes, as JSONSerialization's .sortedKeys does for these ASCII keys.
            for (n, key) in members.keys.sorted().enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                Self.quote(key, into: &out, scriptSafe: scriptSafe)
                out.append(UInt8(ascii: ":"))
                members[key]!.write(into: &out, scriptSafe: scriptSafe)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func quote(_ s: String, into out: inout [UInt8], scriptSafe: Bool) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [0x5C, 0x22]
            case UInt8(ascii: "\\"): out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0..<0x20: unicodeEscape(byte, into: &out)
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
                if scriptSafe { unicodeEscape(byte, into: &out) } else { out.append(byte) }
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func unicodeEscape(_ byte: UInt8, into out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
    }
}

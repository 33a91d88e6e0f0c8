import GazetteModel

/// Refuses YAML features that content never needs but an attacker could use:
/// anchors and aliases (a "billion laughs" bomb expands a few lines into billions
/// of nodes, and Yams hashes mapping keys deeply) and nesting so deep that the
/// recursive composer runs out of stack.
///
/// It scans bytes rather than parsing, so it errs on the side of refusing: an `&name`
/// or `*name` where a node may start is refused even inside quotes (where it is only
/// text), because a scanner that trusted its own idea of quoting could be led to skip
/// a real anchor. `[` and `{` count towards the depth even inside quotes for the same
/// reason; only closing brackets outside quotes count back.
enum YAMLGuard {
    static let maximumDepth = 32

    /// The first forbidden construct in `yaml`, as (line offset from 0, column from 1, message).
    static func firstProblem(in yaml: String) -> (line: Int, column: Int, message: String)? {
        var scanner = Scanner(bytes: Array(yaml.utf8))
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var line = 0
        var lineStart = 0
        var depth = 0
        /// `"` or `'` while inside a quoted scalar (as far as a scanner can tell).
        var quote: UInt8?

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func run() -> (line: Int, column: Int, message: String)? {
            var i = 0
            var previous: UInt8 = 0x0A
            if let problem = checkIndentation(from: 0) { return problem }
            while i < bytes.count {
                let c = bytes[i]
                if c == 0x0A {
                    line += 1
                    lineStart = i + 1
                    previous = c
                    i += 1
                    if quote == nil, depth == 0, let problem = checkIndentation(from: i) { return problem }
                    continue
                }
                // libyaml also breaks lines at CR, NEL, LS and PS, and skips a BOM at a line start:
                // whatever follows them may start a node.
                if let (length, seenAs) = Self.invisible(at: i, in: bytes) {
                    previous = seenAs
                    i += length
                    continue
                }
                if (c == amp || c == star) && Self.nodeStarts(after: previous)
                    && i + 1 < bytes.count && Self.isAnchorCharacter(bytes[i + 1]) {
                    let name = bytes[(i + 1)...].prefix { Self.isAnchorCharacter($0) }.prefix(20)
                    return problem(at: i, "不支持 YAML 锚点和别名（\(Character(Unicode.Scalar(c)))\(String(decoding: name, as: UTF8.self))）；请直接写出内容")
                }
                if c == openBracket || c == openBrace {
                    depth += 1
                    if depth > maximumDepth { return problem(at: i, "YAML 嵌套层数过多（超过 \(maximumDepth) 层）") }
                }
                if let q = quote {
                    if q == doubleQuote && c == backslash {
                        // An escape; `\` at the end of a line only joins lines, keep counting them.
                        i += i + 1 < bytes.count && bytes[i + 1] != 0x0A ? 2 : 1
                        previous = 0x20
                        continue
                    }
                    if c == q {
                        if q == singleQuote && i + 1 < bytes.count && bytes[i + 1] == singleQuote { i += 2; continue }
                        quote = nil
                    }
                } else if c == hash && (previous == 0x20 || previous == 0x09 || previous == 0x0A) {
                    while i + 1 < bytes.count && bytes[i + 1] != 0x0A { i += 1 }
                } else if (c == doubleQuote || c == singleQuote) && Self.nodeStarts(after: previous) {
                    quote = c
                } else if c == closeBracket || c == closeBrace {
                    depth = max(0, depth - 1)
                }
                previous = c
                i += 1
            }
            return nil
        }

        /// Block nesting written on a line: its indentation plus indicators such as `- - - x`.
        func checkIndentation(from start: Int) -> (line: Int, column: Int, message: String)? {
            var i = start
            while i < bytes.count {
                if bytes[i] == 0x20 {
                    i += 1
                } else if i + 1 < bytes.count, bytes[i] == dash || bytes[i] == question || bytes[i] == colon,
                          bytes[i + 1] == 0x20 || bytes[i + 1] == 0x09 {
                    i += 2
                } else {
                    break
                }
                if i - start > maximumDepth * 4 { return problem(at: i, "YAML 缩进层数过多") }
            }
            return nil
        }

        func problem(at index: Int, _ message: String) -> (line: Int, column: Int, message: String) {
            let column = String(decoding: bytes[lineStart..<index], as: UTF8.self).unicodeScalars.count + 1
            return (line, column, message)
        }

        /// (byte length, what it counts as) for the invisible breaks and the BOM.
        static func invisible(at i: Int, in bytes: [UInt8]) -> (Int, UInt8)? {
            let c = bytes[i]
            if c == 0x0D { return (1, 0x0A) }
            guard c == 0xC2 || c == 0xE2 || c == 0xEF, i + 1 < bytes.count else { return nil }
            if c == 0xC2 { return bytes[i + 1] == 0x85 ? (2, 0x0A) : nil }
            guard i + 2 < bytes.count else { return nil }
            if c == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return (3, 0x0A) }
            if c == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return (3, 0x20) }
            return nil
        }

        /// Where a YAML node (and so an anchor, alias or quoted scalar) may begin.
        static func nodeStarts(after previous: UInt8) -> Bool {
            [0x0A, 0x20, 0x09, openBracket, openBrace, comma, colon, question].contains(previous)
        }

        /// libyaml's anchor characters: ASCII letters, digits, `_` and `-`.
        static func isAnchorCharacter(_ c: UInt8) -> Bool {
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F || c == dash
        }
    }
}

private let amp = UInt8(ascii: "&"), star = UInt8(ascii: "*"), hash = UInt8(ascii: "#")
private let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
private let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
private let doubleQuote = UInt8(ascii: "\""), singleQuote = UInt8(ascii: "'"), backslash = UInt8(ascii: "\\")
private let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), question = UInt8(ascii: "?"), dash = UInt8(ascii: "-")

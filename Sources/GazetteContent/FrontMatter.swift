import GazetteModel

/// A Markdown file split into its YAML front matter and its body, with line numbers kept.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML between the `---` fences.
    public let yaml: String
    /// Line of the file on which the YAML's first line stands (2 for a fence on line 1).
    public let yamlFirstLine: Int
    /// Everything after the closing fence.
    public let body: String
    /// Line of the file on which the body's first line stands.
    public let bodyFirstLine: Int

    public enum SplitError: Error, Equatable, Sendable {
        /// The file does not start with `---`.
        case missingOpeningFence
        /// The opening fence on line 1 is never closed.
        case missingClosingFence

        public var message: String {
            switch self {
            case .missingOpeningFence: return "文件应以 `---` 开头的前置元数据（front matter）开始"
            case .missingClosingFence: return "前置元数据没有以 `---` 结束"
            }
        }
    }

    /// Splits `text` (LF line endings) at the `---` fences. Works on UTF-8 bytes and looks only
    /// at line starts, because bodies are long and the front matter is a few lines at the top.
    public static func split(_ text: String) -> Result<FrontMatter, SplitError> {
        // In place when the text is contiguous UTF-8 (as read from a file it always is): a rebuild cuts the
        // body of every cached document again, and copying each file's bytes and validating its body anew
        // was most of that.
        if let split = text.utf8.withContiguousStorageIfAvailable({ split(text, bytes: $0) }) { return split }
        return split(text, bytes: Array(text.utf8))
    }

    /// The byte offset at which the body of `text` starts and the line it starts on (`bodyFirstLine`), or nil
    /// when the fences are wrong: what comes before it is all that decoding the file reads but the body (the
    /// build's site key takes only that, by its digest).
    static func bodyStart(_ text: String) -> (offset: Int, line: Int)? {
        let found = text.utf8.withContiguousStorageIfAvailable { Self.fences($0) } ?? Self.fences(Array(text.utf8))
        guard case .success(let found) = found else { return nil }
        return (min(found.closing.end + 1, text.utf8.count), found.closing.line + 1)
    }

    /// The body of `text` that `split` gives, from its offset (`bodyStart`): everything after the closing
    /// fence, ending with a line break when not empty.
    static func body(of text: String, from offset: Int) -> String {
        let utf8 = text.utf8
        var body = String(text[utf8.index(utf8.startIndex, offsetBy: offset)...])
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        return body
    }

    private static func split<Bytes: RandomAccessCollection>(_ text: String, bytes: Bytes) -> Result<FrontMatter, SplitError>
        where Bytes.Element == UInt8, Bytes.Index == Int, Bytes.SubSequence: Collection<UInt8> {
        let found: (yamlStart: Int, closing: (start: Int, end: Int, line: Int))
        switch fences(bytes) {
        case .success(let f): found = f
        case .failure(let error): return .failure(error)
        }
        let closing = found.closing
        let yamlStart = found.yamlStart
        let yamlEnd = max(yamlStart, closing.start - 1)
        // Both cut at line breaks, so at character boundaries: taken from the text, not decoded again.
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        let yaml = String(text[index(yamlStart)..<index(yamlEnd)])
        let body = Self.body(of: text, from: min(closing.end + 1, bytes.count))
        return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: closing.line + 1))
    }

    /// Where the YAML starts, and the closing fence: its byte range (without the line break) and line.
    private static func fences<Bytes: RandomAccessCollection>(_ bytes: Bytes)
        -> Result<(yamlStart: Int, closing: (start: Int, end: Int, line: Int)), SplitError>
        where Bytes.Element == UInt8, Bytes.Index == Int, Bytes.SubSequence: Collection<UInt8> {
        var lineStarts = [0]
        var line = 1
        // Walk line by line until the closing fence; the body is never split into lines.
        var start = 0
        var closing: (start: Int, end: Int, line: Int)?
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let isFence = isFence(bytes[start..<end])
            if line == 1 && !isFence { return .failure(.missingOpeningFence) }
            if line > 1 && isFence { closing = (start, end, line); break }
            start = end + 1
            line += 1
            lineStarts.append(start)
        }
        if bytes.isEmpty { return .failure(.missingOpeningFence) }
        guard let closing else { return .failure(.missingClosingFence) }
        return .success((lineStarts.count > 1 ? lineStarts[1] : closing.start, closing))
    }

    private static func isFence<Line: Collection<UInt8>>(_ line: Line) -> Bool {
        line.starts(with: [0x2D, 0x2D, 0x2D]) && line.dropFirst(3).allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}

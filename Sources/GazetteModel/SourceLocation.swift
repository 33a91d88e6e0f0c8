/// A place in a content file, for diagnostics: `content/issues/2023-01/a.md:5:9`.
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible, Encodable {
    /// Path as the user should see it (relative to the working directory when possible).
    public let path: String
    /// 1-based line; 0 when the problem concerns the whole file.
    public let line: Int
    /// 1-based column; 0 when unknown.
    public let column: Int

    public init(path: String, line: Int = 0, column: Int = 0) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String {
        guard line > 0 else { return path }
        return column > 0 ? "\(path):\(line):\(column)" : "\(path):\(line)"
    }

    /// By path, line and column. Paths compare by their UTF-8 bytes: for the NFC text that content paths are,
    /// that is the order of `String`'s own `<`, which compares non-ASCII text through Unicode normalization and
    /// was most of what sorting a 10,000-document gazette's 12,000 diagnostics cost.
    public static func < (a: SourceLocation, b: SourceLocation) -> Bool { order(a, b) < 0 }

    /// Negative, zero or positive as `a` comes before, at or after `b` in that order.
    static func order(_ a: SourceLocation, _ b: SourceLocation) -> Int {
        let path = UTF8Order.compare(a.path, b.path)
        if path != 0 { return path }
        return a.line != b.line ? (a.line < b.line ? -1 : 1) : (a.column < b.column ? -1 : a.column == b.column ? 0 : 1)
    }
}

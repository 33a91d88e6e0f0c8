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

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.path, a.line, a.column) < (b.path, b.line, b.column)
    }
}

/// Trimming of the values read from front matter, without Foundation: `trimmingCharacters(in:)` bridges
/// every string to UTF-16 and took a sixth of the time of reading a document's front matter, for values
/// that nearly never have anything to trim.
extension StringProtocol {
    /// The text without leading and trailing white space and line breaks: what
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` gives (Unicode's White_Space, and U+200B, which
    /// Foundation's set also holds).
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return "" }
        if !first.isTrimmed, !last.isTrimmed { return String(self) }
        guard let start = scalars.firstIndex(where: { !$0.isTrimmed }),
              let end = scalars.lastIndex(where: { !$0.isTrimmed }) else { return "" }
        return String(String.UnicodeScalarView(scalars[start...end]))
    }
}

private extension Unicode.Scalar {
    var isTrimmed: Bool { properties.isWhitespace || value == 0x200B }
}

/// A text that may not be a `String` yet: where in a file its UTF-8 bytes are, read and made into a
/// `String` each time it is asked for. A rebuild takes 10,000 bodies from the cache and shows
/// the HTML and text of one (and of the few whose search impacts moved); Swift checks the UTF-8 of every
/// string it makes, and reading the bodies' 160 MB to make them was most of what taking them cost.
public struct LazyText: Sendable {
    private enum Storage: Sendable {
        case text(String)
        case file(OpenFile, Range<Int>)
    }

    private let storage: Storage

    public init(_ text: String) { storage = .text(text) }

    /// UTF-8 bytes at `range` of an open file (written from a `String`, so a byte that is not UTF-8 would be
    /// replaced, as `String(decoding:as:)` does), read when the text is asked for. The file must not change
    /// there while the text lives (the body cache only appends, or writes a new file in the old one's place).
    public init(file: OpenFile, range: Range<Int>) { storage = .file(file, range) }

    public var string: String {
        switch storage {
        case .text(let text): return text
        case .file(let file, let range): return String(decoding: file.bytes(range), as: UTF8.self)
        }
    }
}

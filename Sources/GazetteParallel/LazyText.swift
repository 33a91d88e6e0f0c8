/// A text that may not be a `String` yet: the UTF-8 bytes it was read from, or where in a file they are,
/// made into a `String` each time it is asked for. A rebuild takes 10,000 bodies from the cache and shows
/// the HTML and text of one (and of the few whose search impacts moved); Swift checks the UTF-8 of every
/// string it makes, and reading the bodies' 160 MB to make them was most of what taking them cost.
public struct LazyText: Sendable {
    private enum Storage: Sendable {
        case text(String)
        case utf8([UInt8])
        case file(OpenFile, Range<Int>)
    }

    private let storage: Storage

    public init(_ text: String) { storage = .text(text) }

    /// Bytes written from a `String` (a cache record): they are UTF-8, and a byte that is not would be
    /// replaced, as `String(decoding:as:)` does. They are copied, so that the record they were cut from
    /// need not be kept.
    public init(utf8: ArraySlice<UInt8>) { storage = .utf8(Array(utf8)) }

    /// UTF-8 bytes at `range` of an open file, read when the text is asked for. The file must not change
    /// there while the text lives (the body cache only appends, or writes a new file in the old one's place).
    public init(file: OpenFile, range: Range<Int>) { storage = .file(file, range) }

    public var string: String {
        switch storage {
        case .text(let text): return text
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .file(let file, let range): return String(decoding: file.bytes(range), as: UTF8.self)
        }
    }
}

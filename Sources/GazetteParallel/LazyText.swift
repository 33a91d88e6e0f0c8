/// A text that may still be the UTF-8 bytes it was read from, made into a `String` each time it is asked
/// for. A rebuild takes 10,000 bodies from the cache and shows the HTML of one, and Swift checks the UTF-8
/// of every string it makes: with the HTML kept as bytes unless a page or a file that shows it is made,
/// taking the bodies went from 0.34–0.45 s to 0.21–0.28 s at 10,000 documents.
public struct LazyText: Sendable {
    private let text: String?
    private let utf8: [UInt8]?

    public init(_ text: String) {
        self.text = text
        utf8 = nil
    }

    /// Bytes written from a `String` (a cache record): they are UTF-8, and a byte that is not would be
    /// replaced, as `String(decoding:as:)` does. They are copied (a copy costs far less than the check),
    /// so that the record they were cut from need not be kept.
    public init(utf8: ArraySlice<UInt8>) {
        text = nil
        self.utf8 = Array(utf8)
    }

    public var string: String { text ?? String(decoding: utf8 ?? [], as: UTF8.self) }
}

import Foundation

/// A 128-bit FNV-1a digest: fast, dependency-free and stable across runs and machines
/// (unlike Swift's `Hasher`, which is seeded per process). Used only to notice change,
/// never for security. Here so that the search index can tell a changed record by its digest as the
/// build's cache tells a changed file.
public struct ContentHash {
    public init() {}

    private var a: UInt64 = 0xcbf2_9ce4_8422_2325
    private var b: UInt64 = 0x6c62_272e_07bb_0142
    private static let prime: UInt64 = 0x0000_0100_0000_01b3
    /// A second odd multiplier for the other lane of word steps (from SplitMix64).
    private static let wordPrime: UInt64 = 0x9E37_79B9_7F4A_7C15

    public mutating func add<Bytes: Sequence>(bytes: Bytes) where Bytes.Element == UInt8 {
        for byte in bytes {
            a = (a ^ UInt64(byte)) &* Self.prime
            b = (b ^ UInt64(byte ^ 0x5a)) &* Self.prime
        }
    }

    /// The bytes of a data file, eight at a time, then its length.
    public mutating func add(data: Data) {
        data.withUnsafeBytes { add(words: $0) }
        add("\(data.count)")
    }

    /// The same as `add(data:)` of `parts` joined end to end, without joining them (the data archive is
    /// written as the runs of bytes it is laid out from).
    public mutating func add(parts: [Data]) {
        let tail = WholeBlocks.feed(parts, size: 8) { addWholeWords($0) }
        add(bytes: tail)
        add("\(parts.reduce(0) { $0 + $1.count })")
    }

    /// A text, then a separator no UTF-8 text contains, so that ("ab", "c") and ("a", "bc") differ.
    public mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(words: UnsafeRawBufferPointer($0)) }
        add(bytes: [0xFF])
    }

    /// The UTF-8 bytes of a text, then the separator: the same as `add(_:)` of that text, for bytes not
    /// made into a `String`.
    public mutating func add(text bytes: UnsafeRawBufferPointer) {
        add(words: bytes)
        add(byte: 0xFF)
    }

    /// Eight bytes at a time (the build hashes every file it writes and every page context, hundreds of
    /// megabytes for a large gazette; byte by byte this was 2 % of the build's instructions). Each step,
    /// an xor and a multiplication by an odd number, is a bijection of the lane, so two inputs of the same
    /// length that differ in one word always hash differently. The tail goes in bytewise.
    private mutating func add(words raw: UnsafeRawBufferPointer) {
        let whole = raw.count / 8 * 8
        addWholeWords(UnsafeRawBufferPointer(rebasing: raw[..<whole]))
        add(bytes: UnsafeRawBufferPointer(rebasing: raw[whole...]))
    }

    /// The words of `raw`, whose length is a multiple of eight.
    private mutating func addWholeWords(_ raw: UnsafeRawBufferPointer) {
        for i in 0..<(raw.count / 8) {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
            a = (a ^ w) &* Self.prime
            b = (b ^ (w >> 29 | w << 35)) &* Self.wordPrime
        }
    }

    /// One byte (a tag), without the generic sequence walk of `add(bytes:)`.
    public mutating func add(byte: UInt8) {
        a = (a ^ UInt64(byte)) &* Self.prime
        b = (b ^ UInt64(byte ^ 0x5a)) &* Self.prime
    }

    public mutating func add(word: UInt64) {
        withUnsafeBytes(of: word.littleEndian) { add(bytes: $0) }
    }

    /// The two lanes, for a digest kept as numbers.
    public var lanes: (UInt64, UInt64) { (a, b) }

    /// The digest as 32 lowercase hexadecimal digits. Written digit by digit into the string's own storage:
    /// a rebuild makes tens of thousands of keys, and `String(_:radix:)` with padding was a visible part of
    /// keying the API files.
    public var hex: String {
        String(unsafeUninitializedCapacity: 32) { out in
            let digits: StaticString = "0123456789abcdef"
            digits.withUTF8Buffer { digits in
                for i in 0..<16 {
                    let shift = 60 - 4 * UInt64(i)
                    out[i] = digits[Int((a >> shift) & 0xF)]
                    out[16 + i] = digits[Int((b >> shift) & 0xF)]
                }
            }
            return 32
        }
    }
}

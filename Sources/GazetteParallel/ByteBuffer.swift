/// Little helpers for binary formats (the search index, the build cache's states and bodies): unsigned LEB128
/// varints and raw bytes. Inlinable: the index writes tens of millions of varints.
public struct ByteBuffer {
    public var bytes: [UInt8] = []

    @inlinable
    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inlinable
    public mutating func varint(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    @inlinable
    public mutating func byte(_ value: UInt8) { bytes.append(value) }

    @inlinable
    public mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// A length-prefixed UTF-8 string.
    public mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        varint(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// An optional value: 0, or 1 and the value as `write` writes it.
    public mutating func optional<Value>(_ value: Value?, _ write: (inout ByteBuffer, Value) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }

    /// An optional string: 0, or 1 and the string.
    public mutating func optional(_ text: String?) { optional(text) { $0.string($1) } }

    /// Eight bytes, little-endian.
    public mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Bytes a varint of `value` takes.
    @inlinable
    public static func varintSize(_ value: Int) -> Int {
        var v = UInt64(value), size = 1
        while v >= 0x80 { v >>= 7; size += 1 }
        return size
    }
}

/// Reads what `ByteBuffer` wrote; every read is nil past the end or on a varint too long to be one of ours.
public struct ByteReader {
    private let bytes: ArraySlice<UInt8>
    /// Bytes read so far.
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes[...] }

    /// Reads a part of a larger buffer in place (the body cache reads its records so).
    public init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    public var atEnd: Bool { offset == bytes.count }

    public mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[bytes.startIndex + offset]
    }

    public mutating func varint() -> Int? {
        var value = 0, shift = 0
        while let byte = byte() {
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }

    public mutating func string() -> String? {
        stringBytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// The bytes of what `ByteBuffer.string` wrote, not yet made into a string (`LazyText`).
    public mutating func stringBytes() -> ArraySlice<UInt8>? {
        guard let count = varint(), count <= bytes.count - offset else { return nil }
        let start = bytes.startIndex + offset
        offset += count
        return bytes[start..<(start + count)]
    }

    /// What `ByteBuffer.optional` wrote, read by `read`: nil when unreadable, `.some(nil)` for no value.
    public mutating func optional<Value>(_ read: (inout ByteReader) -> Value?) -> Value?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    public mutating func optionalString() -> String?? { optional { $0.string() } }

    public mutating func word() -> UInt64? {
        bytes(8).map { $0.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    }

    /// Moves past `count` bytes without copying them; false (not moving) past the end.
    public mutating func skip(_ count: Int) -> Bool {
        guard count >= 0, count <= bytes.count - offset else { return false }
        offset += count
        return true
    }

    public mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        let start = bytes.startIndex + offset
        return Array(bytes[start..<(start + count)])
    }
}

/// Little helpers for the index's binary format: unsigned LEB128 varints and raw bytes.
struct ByteBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    mutating func varint(_ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func append(_ other: [UInt8]) { bytes.append(contentsOf: other) }

    /// A length-prefixed UTF-8 string.
    mutating func string(_ text: String) {
        let utf8 = Array(text.utf8)
        varint(utf8.count)
        bytes.append(contentsOf: utf8)
    }

    /// An optional string: 0, or 1 and the string.
    mutating func optional(_ text: String?) {
        if let text {
            byte(1)
            string(text)
        } else {
            byte(0)
        }
    }

    /// Eight bytes, little-endian.
    mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// Bytes a varint of `value` takes.
    static func varintSize(_ value: Int) -> Int {
        var v = UInt64(value), size = 1
        while v >= 0x80 { v >>= 7; size += 1 }
        return size
    }
}

/// Reads what `ByteBuffer` wrote; every read is nil past the end or on a varint too long to be one of ours.
struct ByteReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func byte() -> UInt8? {
        guard offset < bytes.count else { return nil }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func varint() -> Int? {
        var value = 0, shift = 0
        while let byte = byte() {
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
            if shift > 56 { return nil }
        }
        return nil
    }

    mutating func string() -> String? { varint().flatMap { bytes($0) }.map { String(decoding: $0, as: UTF8.self) } }

    /// What `ByteBuffer.optional` wrote: nil when unreadable, `.some(nil)` for no string.
    mutating func optionalString() -> String?? {
        switch byte() {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }

    mutating func word() -> UInt64? {
        bytes(8).map { $0.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
    }

    mutating func bytes(_ count: Int) -> [UInt8]? {
        guard count >= 0, count <= bytes.count - offset else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }
}

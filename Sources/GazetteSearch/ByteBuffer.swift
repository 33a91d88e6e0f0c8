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

    /// Bytes a varint of `value` takes.
    static func varintSize(_ value: Int) -> Int {
        var v = UInt64(value), size = 1
        while v >= 0x80 { v >>= 7; size += 1 }
        return size
    }
}

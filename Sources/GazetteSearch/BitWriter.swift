/// Writes the least-significant-bit-first bit stream of DEFLATE.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count: UInt64 = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends the low `width` bits of `value`, first bit first.
    @inline(__always)
    mutating func write(_ value: UInt32, _ width: Int) {
        buffer |= UInt64(value) << count
        count += UInt64(width)
        if count >= 32 {
            // Four bytes at a time: the buffer never holds more than 31 + 32 bits.
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            bytes.append(UInt8(truncatingIfNeeded: buffer >> 8))
            bytes.append(UInt8(truncatingIfNeeded: buffer >> 16))
            bytes.append(UInt8(truncatingIfNeeded: buffer >> 24))
            buffer >>= 32
            count -= 32
        }
    }

    /// A stored (uncompressed) block: header bits, padding to a byte, LEN, NLEN, the bytes.
    mutating func stored(_ block: ArraySlice<UInt8>, final: Bool) {
        write(final ? 1 : 0, 1)
        write(0, 2)
        flushToByte()
        let length = UInt16(block.count)
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
        bytes += block
    }

    /// Moves whole bytes out of the buffer and drops the bits up to the next byte boundary.
    private mutating func flushToByte() {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count = count > 8 ? count - 8 : 0
        }
    }

    /// Pads to a byte boundary and returns the bytes.
    mutating func finish() -> [UInt8] {
        flushToByte()
        buffer = 0
        count = 0
        return bytes
    }
}

import CZlib

/// One zlib deflate stream, reset between inputs, for the build's many small compressed files (the search
/// index's records and shards, the archive's entries). Setting a stream up allocates about 270 KB of
/// windows and hash tables that the kernel then zeroes page by page; for thousands of files of a few
/// kilobytes that cost more than compressing them. A reset stream writes exactly what a fresh one would.
/// Not for use on two threads at once: give each strand its own.
public final class Deflater {
    public enum Wrapper {
        /// RFC 1952, as the browser's `DecompressionStream('gzip')` reads: no file name, a zero time.
        case gzip
        /// Bare RFC 1951, as ZIP entries hold it.
        case raw
    }

    // zlib keeps a pointer back to its z_stream and checks it on every call: the struct must not move.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

    /// `matching: false` codes with Huffman codes only (Z_HUFFMAN_ONLY), for binary data with no repeats worth
    /// finding; otherwise `level` (1–9) decides how hard zlib looks for them.
    public init(_ wrapper: Wrapper, level: Int32 = 1, matching: Bool = true) {
        stream.initialize(to: z_stream())
        let windowBits: Int32 = wrapper == .gzip ? 15 + 16 : -15
        guard deflateInit2_(stream, level, Z_DEFLATED, windowBits, 8, matching ? Z_DEFAULT_STRATEGY : Z_HUFFMAN_ONLY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib could not start a deflate stream")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// `bytes` compressed as one complete member.
    public func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        precondition(deflateReset(stream) == Z_OK, "zlib could not reset a deflate stream")
        var output = [UInt8](repeating: 0, count: Int(deflateBound(stream, uLong(bytes.count))) + 32)
        let produced: Int = output.withUnsafeMutableBufferPointer { out in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: bytes.assumingMemoryBound(to: Bytef.self).baseAddress)
            stream.pointee.avail_in = uInt(bytes.count)
            stream.pointee.next_out = out.baseAddress
            stream.pointee.avail_out = uInt(out.count)
            return deflate(stream, Z_FINISH) == Z_STREAM_END ? Int(stream.pointee.total_out) : -1
        }
        // deflateBound is an upper bound for one Z_FINISH call, so this cannot fail on valid input.
        precondition(produced >= 0, "zlib could not finish a deflate stream")
        output.removeSubrange(produced...)
        return output
    }

    public func compress(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { compress($0) }
    }
}

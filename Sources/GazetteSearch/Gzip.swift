import CZlib

/// gzip (RFC 1952) through the system zlib: the index is pre-compressed at build time and the browser
/// inflates it with the built-in `DecompressionStream('gzip')`, so neither side needs third-party code.
/// zlib writes no file name and a zero time in the header, so the same input always gives the same bytes
/// (for one zlib version, which CI and the office's machine take from the same Debian release).
enum Gzip {
    /// `bytes` compressed as one gzip member. Text (records, snippet pages) repeats phrases and is matched at
    /// level 1 (level 6 is a quarter slower and saves under 1 % on Chinese text, seen on the 10,000-document
    /// corpus); postings and positions are varints with no repeats worth finding, so `matching: false` codes
    /// them with Huffman codes only, which is several times faster for nearly the same size.
    static func compress(_ bytes: [UInt8], matching: Bool = true) -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: a gzip wrapper instead of zlib's own.
        let strategy = matching ? Z_DEFAULT_STRATEGY : Z_HUFFMAN_ONLY
        guard deflateInit2_(&stream, matching ? 1 : 6, Z_DEFLATED, 15 + 16, 8, strategy,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("zlib could not start a deflate stream")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        let produced: Int = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress
                stream.avail_out = uInt(out.count)
                return deflate(&stream, Z_FINISH) == Z_STREAM_END ? Int(stream.total_out) : -1
            }
        }
        // deflateBound is an upper bound for one Z_FINISH call, so this cannot fail on valid input.
        precondition(produced >= 0, "zlib could not finish a deflate stream")
        output.removeSubrange(produced...)
        return output
    }
}

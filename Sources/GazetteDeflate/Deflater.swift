import CLibdeflate

/// One libdeflate compressor, reused for the build's many small compressed files (the search index's
/// records and shards, the archive's entries). libdeflate compresses a whole buffer in one call, which is
/// what these files are, and at level 1 it is about 1.7 times as fast as zlib's level 1 for the same size
/// (on the 10,000-document corpus: the index's records 0.75 s against 1.28 s; its postings 0.63 s against
/// 1.07 s for zlib's Huffman-only coding, 0.5 % larger). Its matcher state is set up once per compressor
/// and not carried from one input to the next, so a reused compressor writes exactly what a fresh one
/// would. Not for use on two threads at once: give each strand its own.
public final class Deflater {
    public enum Wrapper {
        /// RFC 1952, as the browser's `DecompressionStream('gzip')` reads: no file name, a zero time.
        case gzip
        /// Bare RFC 1951, as ZIP entries hold it.
        case raw
    }

    private let wrapper: Wrapper
    private let compressor: OpaquePointer

    /// `level` 1–12: how hard libdeflate looks for repeats.
    public init(_ wrapper: Wrapper, level: Int32 = 1) {
        self.wrapper = wrapper
        guard let compressor = libdeflate_alloc_compressor(level) else {
            preconditionFailure("libdeflate could not allocate a compressor")
        }
        self.compressor = compressor
    }

    deinit { libdeflate_free_compressor(compressor) }

    /// `bytes` compressed as one complete member.
    public func compress(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        let bound = wrapper == .gzip ? libdeflate_gzip_compress_bound(compressor, bytes.count)
                                     : libdeflate_deflate_compress_bound(compressor, bytes.count)
        var output = [UInt8](repeating: 0, count: bound)
        let produced = output.withUnsafeMutableBytes { out in
            wrapper == .gzip
                ? libdeflate_gzip_compress(compressor, bytes.baseAddress, bytes.count, out.baseAddress, out.count)
                : libdeflate_deflate_compress(compressor, bytes.baseAddress, bytes.count, out.baseAddress, out.count)
        }
        // The bound is libdeflate's own worst case for this input, so 0 (no room) cannot happen.
        precondition(produced > 0, "libdeflate could not compress into its own bound")
        output.removeSubrange(produced...)
        return output
    }

    public func compress(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBytes { compress($0) }
    }

    /// The CRC-32 of `bytes` (as gzip and ZIP use it), with libdeflate's carry-less multiplication.
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        libdeflate_crc32(0, bytes.baseAddress, bytes.count)
    }
}

import CLibdeflate

/// One libdeflate decompressor, for reading back gzip files this generator wrote: an update of the search
/// index patches the shards of the last build instead of making every shard again. Not for use on two
/// threads at once.
public final class Inflater {
    private let decompressor: OpaquePointer

    public init() {
        guard let decompressor = libdeflate_alloc_decompressor() else {
            preconditionFailure("libdeflate could not allocate a decompressor")
        }
        self.decompressor = decompressor
    }

    deinit { libdeflate_free_decompressor(decompressor) }

    /// The bytes of one gzip member, or nil when `gzip` is not one whole member (a torn or foreign file).
    /// The size comes from the member's trailer (ISIZE), which libdeflate checks against what it inflated.
    public func gunzip(_ gzip: [UInt8]) -> [UInt8]? {
        guard gzip.count >= 18 else { return nil }
        let n = gzip.count
        let size = Int(gzip[n - 4]) | Int(gzip[n - 3]) << 8 | Int(gzip[n - 2]) << 16 | Int(gzip[n - 1]) << 24
        // Files of the index are far below 4 GiB; a larger ISIZE is a file that is not ours.
        guard size <= 1 << 30 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        var produced = 0
        let result = gzip.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                libdeflate_gzip_decompress(decompressor, input.baseAddress, input.count, out.baseAddress, out.count, &produced)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, produced == size else { return nil }
        return output
    }
}

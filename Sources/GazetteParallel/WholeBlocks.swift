import Foundation

/// Bytes given as parts (the data archive is written and hashed as the runs of bytes it is laid out from),
/// read by a hash that takes whole blocks.
public enum WholeBlocks {
    /// Calls `whole` with the whole `size`-byte blocks of `parts` joined end to end, in order: in place
    /// where blocks lie within one part, copied where one straddles two. Returns the bytes after the last
    /// whole block (fewer than `size`).
    public static func feed(_ parts: [Data], size: Int, _ whole: (UnsafeRawBufferPointer) -> Void) -> [UInt8] {
        var carry: [UInt8] = []
        for part in parts {
            part.withUnsafeBytes { raw in
                var rest = raw[...]
                if !carry.isEmpty {
                    let taken = rest.prefix(size - carry.count)
                    carry += taken
                    rest = rest.dropFirst(taken.count)
                    guard carry.count == size else { return }
                    carry.withUnsafeBytes { whole($0) }
                    carry = []
                }
                let blocks = rest.count / size * size
                if blocks > 0 { whole(UnsafeRawBufferPointer(rebasing: rest.prefix(blocks))) }
                carry = Array(rest.dropFirst(blocks))
            }
        }
        return carry
    }
}

import CSHA256
import Foundation
import GazetteParallel

/// SHA-256 (FIPS 180-4), for the checksums of the downloads. Small and dependency-free: the
/// site hashes a few files per build, and swift-crypto would slow every CI build.
public enum SHA256 {
    /// The digest of `data` as 32 bytes. The message is read in place, 64 bytes at a time, and only the
    /// padded tail is copied (the data archive is 50 MB: copying it and checking every index was half the
    /// time, on the build's one serial step after the archive is laid out).
    ///
    /// The whole blocks go through the processor's SHA instructions when it has them (`CSHA256`), unless
    /// `portable` (for the tests, which hold the two to each other).
    public static func digest(_ data: Data, portable: Bool = false) -> [UInt8] {
        digest(parts: [data], portable: portable)
    }

    /// The digest of `parts` joined end to end, read where they are (the data archive is written as the
    /// runs of bytes it is laid out from, never joined).
    public static func digest(parts: [Data], portable: Bool = false) -> [UInt8] {
        var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
            0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
        func blocks(_ raw: UnsafeRawBufferPointer) {
            guard raw.count > 0 else { return }
            if !portable, accelerated {
                // The tuple's eight words lie in order, as the C function wants them (no array per part: the
                // archive is 20,000 parts).
                withUnsafeMutableBytes(of: &h) { state in
                    csha256_blocks(state.baseAddress!.assumingMemoryBound(to: UInt32.self),
                                   raw.baseAddress!.assumingMemoryBound(to: UInt8.self), raw.count / 64)
                }
            } else {
                for block in stride(from: 0, to: raw.count, by: 64) { compress(&h, UnsafeRawBufferPointer(rebasing: raw[block..<block + 64])) }
            }
        }
        var tail = WholeBlocks.feed(parts, size: 64, blocks)
        let length = parts.reduce(0) { $0 + $1.count }
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        let bitLength = UInt64(length) &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        tail.withUnsafeBytes { blocks($0) }
        return [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7].flatMap { word in
            (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - $0 * 8)) }
        }
    }

    /// Whether this processor has the SHA instructions.
    public static let accelerated = csha256_available() != 0

    /// One 64-byte block into the state.
    private static func compress(_ h: inout (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32),
                                 _ block: UnsafeRawBufferPointer) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self)) }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = h
            for i in 0..<64 {
                let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
                let ch = (e & f) ^ (~e & g)
                let t1 = hh &+ s1 &+ ch &+ k[i] &+ w[i]
                let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
                let maj = (a & b) ^ (a & c) ^ (b & c)
                let t2 = s0 &+ maj
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
        }
    }

    /// The digest as 64 lowercase hexadecimal digits, as `sha256sum` prints it.
    public static func hex(_ data: Data) -> String { hex(parts: [data]) }

    /// The digest of `parts` joined, as `hex` gives it.
    public static func hex(parts: [Data]) -> String {
        digest(parts: parts).map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }.joined()
    }

    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// The round constants, from `CSHA256` (one table for both paths). Read-only C data, hence safe to share.
    nonisolated(unsafe) private static let k = UnsafeBufferPointer(start: csha256_round_constants(), count: 64)
}

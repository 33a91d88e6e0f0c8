#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Strings ordered by their UTF-8 bytes (`memcmp`, then the shorter first).
public enum UTF8Order {
    /// Negative, zero or positive as `a`'s bytes sort before, equal or after `b`'s.
    public static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b  // `withUTF8` needs them mutable (a native string is not copied)
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                if common > 0, let p = x.baseAddress, let q = y.baseAddress {
                    let c = memcmp(p, q, common)
                    if c != 0 { return Int(c) }
                }
                return x.count - y.count
            }
        }
    }

    /// The indices of `strings` in the order of their bytes (equal strings in their given order).
    ///
    /// For the build's large sorts (45,000 cache paths, 12,000 diagnostics): comparing `String`s, even
    /// through `compare`, retains and releases both at every comparison, which was most of the time those
    /// sorts took; here the bytes are copied once into one buffer and only integers move.
    public static func sortedIndices(_ strings: [String]) -> [Int] {
        Packed(strings).sortedIndices()
    }

    /// Each string's rank in that order: strings with the same bytes share one, and the ranks compare as
    /// the strings do.
    public static func ranks(_ strings: [String]) -> [Int] {
        let packed = Packed(strings)
        let order = packed.sortedIndices()
        var ranks = [Int](repeating: 0, count: strings.count)
        var rank = 0
        for n in order.indices {
            if n > 0, packed.compare(order[n - 1], order[n]) != 0 { rank += 1 }
            ranks[order[n]] = rank
        }
        return ranks
    }

    /// The strings' bytes end to end, and where each one starts.
    private struct Packed {
        var bytes: [UInt8] = []
        var starts: [Int] = []

        init(_ strings: [String]) {
            starts.reserveCapacity(strings.count + 1)
            for string in strings {
                starts.append(bytes.count)
                bytes.append(contentsOf: string.utf8)
            }
            starts.append(bytes.count)
        }

        func compare(_ i: Int, _ j: Int) -> Int {
            let a = starts[i], b = starts[j]
            let x = starts[i + 1] - a, y = starts[j + 1] - b
            let common = min(x, y)
            if common > 0 {
                let c = bytes.withUnsafeBufferPointer { memcmp($0.baseAddress! + a, $0.baseAddress! + b, common) }
                if c != 0 { return Int(c) }
            }
            return x - y
        }

        func sortedIndices() -> [Int] {
            var order = Array(0..<(starts.count - 1))
            order.sort { i, j in
                let c = compare(i, j)
                return c != 0 ? c < 0 : i < j
            }
            return order
        }
    }
}

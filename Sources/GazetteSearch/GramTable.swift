/// An open-addressing hash map from n-gram keys to dense indices. The n-grams of a corpus number in the
/// millions of occurrences; a plain `Dictionary` with SipHash spends most of the build hashing them.
/// Each slot holds its key beside the index, so a probe costs one cache miss, not two: the lookups of
/// the index build are bound by memory latency, not by arithmetic.
struct GramTable {
    private struct Slot {
        var a: UInt64
        var b: UInt64
        /// Dense index of the key, or −1 for an empty slot.
        var index: Int32
        /// The last document the key was visited in, and the caller's posting for it there.
        var document: Int32 = -1
        var posting: Int32 = -1
    }

    /// Keys by dense index, for reading tokens back.
    private(set) var keysA: [UInt64] = []
    private(set) var keysB: [UInt64] = []
    private var slots: [Slot]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(a: 0, b: 0, index: -1), count: size)
        mask = size - 1
        keysA.reserveCapacity(capacity)
        keysB.reserveCapacity(capacity)
    }

    var count: Int { keysA.count }

    /// Visits the key in `document` (adding it if new): its index, and its posting in that document,
    /// which is `nextPosting` (now recorded) on the first visit in the document.
    @inline(__always)
    mutating func visit(_ a: UInt64, _ b: UInt64, document: Int32, nextPosting: Int32) -> (index: Int, posting: Int32) {
        let mask = self.mask
        var slot = Self.hash(a, b) & mask
        let found: (Int, Int32) = slots.withUnsafeMutableBufferPointer { slots in
            while true {
                let s = slots[slot]
                if s.index < 0 { return (-1, 0) }
                if s.a == a, s.b == b {
                    if s.document == document { return (Int(s.index), s.posting) }
                    slots[slot].document = document
                    slots[slot].posting = nextPosting
                    return (Int(s.index), nextPosting)
                }
                slot = (slot + 1) & mask
            }
        }
        if found.0 >= 0 { return found }
        let index = keysA.count
        keysA.append(a)
        keysB.append(b)
        slots[slot] = Slot(a: a, b: b, index: Int32(index), document: document, posting: nextPosting)
        if keysA.count * 2 > slots.count { grow() }
        return (index, nextPosting)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(a: 0, b: 0, index: -1), count: old.count * 2)
        mask = slots.count - 1
        for s in old where s.index >= 0 {
            var slot = Self.hash(s.a, s.b) & mask
            while slots[slot].index >= 0 { slot = (slot + 1) & mask }
            slots[slot] = s
        }
    }

    @inline(__always)
    private static func hash(_ a: UInt64, _ b: UInt64) -> Int {
        var h = a &* 0x9E37_79B9_7F4A_7C15
        h ^= (b &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        return Int(truncatingIfNeeded: (h &* 0xBF58_476D_1CE4_E5B9) >> 1)
    }
}

/// Packing of up to four unit ids (a Han scalar, or a word id from `WordTable`) into a gram key.
enum GramKey {
    static let empty: UInt32 = 0xFFFF_FFFF

    @inline(__always)
    static func pack(_ u: UnsafeBufferPointer<UInt32>, _ start: Int, _ length: Int) -> (UInt64, UInt64) {
        let u0 = u[start]
        let u1 = length > 1 ? u[start + 1] : empty
        let u2 = length > 2 ? u[start + 2] : empty
        let u3 = length > 3 ? u[start + 3] : empty
        return (UInt64(u0) << 32 | UInt64(u1), UInt64(u2) << 32 | UInt64(u3))
    }

    static func units(_ a: UInt64, _ b: UInt64) -> [UInt32] {
        [UInt32(a >> 32), UInt32(truncatingIfNeeded: a), UInt32(b >> 32), UInt32(truncatingIfNeeded: b)]
            .filter { $0 != empty }
    }
}

/// An open-addressing hash map from n-gram keys to dense indices. The n-grams of a corpus number in the
/// millions; a plain `Dictionary` with SipHash spends most of the build hashing them.
struct GramTable {
    /// Up to four unit ids packed in two words; unused slots are `GramKey.empty`.
    private(set) var keysA: [UInt64] = []
    private(set) var keysB: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        keysA.reserveCapacity(capacity)
        keysB.reserveCapacity(capacity)
    }

    var count: Int { keysA.count }

    /// The index of the key, added if new.
    @inline(__always)
    mutating func index(_ a: UInt64, _ b: UInt64) -> Int {
        var slot = Self.hash(a, b) & mask
        while true {
            let found = Int(slots[slot])
            if found < 0 {
                let index = keysA.count
                keysA.append(a)
                keysB.append(b)
                slots[slot] = Int32(index)
                if keysA.count * 2 > slots.count { grow() }
                return index
            }
            if keysA[found] == a, keysB[found] == b { return found }
            slot = (slot + 1) & mask
        }
    }

    /// Empties the map, keeping its memory.
    mutating func removeAll() {
        if keysA.count * 16 < slots.count {
            for i in keysA.indices {
                var slot = Self.hash(keysA[i], keysB[i]) & mask
                while slots[slot] >= 0 { slots[slot] = -1; slot = (slot + 1) & mask }
            }
        } else {
            for i in slots.indices { slots[i] = -1 }
        }
        keysA.removeAll(keepingCapacity: true)
        keysB.removeAll(keepingCapacity: true)
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for i in keysA.indices {
            var slot = Self.hash(keysA[i], keysB[i]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
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

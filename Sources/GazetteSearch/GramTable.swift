/// An open-addressing hash map from n-gram keys to dense indices. The n-grams of a corpus number in the
/// millions of occurrences; a plain `Dictionary` with SipHash spends most of the build hashing them.
/// Each slot holds its key beside the index, so a probe costs one cache miss, not two: the lookups of
/// the index build are bound by memory latency, not by arithmetic. A slot also holds the indices of its
/// key's prefixes (for 庭院经济: 庭, 庭院, 庭院经), so the one to four n-grams starting at a position cost one
/// probe, of the longest, once the corpus has shown them before.
struct GramTable {
    private struct Slot {
        var a: UInt64
        var b: UInt64
        /// Dense index of the key, or −1 for an empty slot.
        var index: Int32
        /// Indices of the 1-, 2- and 3-unit prefixes of the key (those shorter than the key).
        var prefix1: Int32
        var prefix2: Int32
        var prefix3: Int32
    }

    /// Keys by dense index, for reading tokens back.
    private(set) var keysA: [UInt64] = []
    private(set) var keysB: [UInt64] = []
    private let visits: Visits
    private var slots: [Slot]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(a: 0, b: 0, index: -1, prefix1: -1, prefix2: -1, prefix3: -1), count: size)
        mask = size - 1
        visits = Visits(capacity: capacity)
        keysA.reserveCapacity(capacity)
        keysB.reserveCapacity(capacity)
    }

    var count: Int { keysA.count }

    /// The indices of the n-grams of 1, 2, … `length` units starting at `ids[start]` (adding those that are
    /// new), in that order; the entries past `length` are undefined.
    @inline(__always)
    mutating func chain(_ ids: UnsafeBufferPointer<UInt32>, _ start: Int, _ length: Int) -> (Int32, Int32, Int32, Int32) {
        let (a, b) = GramKey.pack(ids, start, length)
        let hit: Slot? = slots.withUnsafeBufferPointer { slots in
            var slot = Self.hash(a, b) & mask
            while true {
                let s = slots[slot]
                if s.index < 0 { return nil }
                if s.a == a, s.b == b { return s }
                slot = (slot + 1) & mask
            }
        }
        let s = hit ?? insert(a, b, ids, start, length)
        switch length {
        case 1: return (s.index, -1, -1, -1)
        case 2: return (s.prefix1, s.index, -1, -1)
        case 3: return (s.prefix1, s.prefix2, s.index, -1)
        default: return (s.prefix1, s.prefix2, s.prefix3, s.index)
        }
    }

    /// Adds a key that is not in the table, after its prefixes (which may be new too).
    private mutating func insert(_ a: UInt64, _ b: UInt64, _ ids: UnsafeBufferPointer<UInt32>, _ start: Int, _ length: Int) -> Slot {
        let prefixes = length > 1 ? chain(ids, start, length - 1) : (-1, -1, -1, -1)
        let index = Int32(keysA.count)
        let new = Slot(a: a, b: b, index: index,
                       prefix1: length > 1 ? prefixes.0 : -1, prefix2: length > 2 ? prefixes.1 : -1,
                       prefix3: length > 3 ? prefixes.2 : -1)
        keysA.append(a)
        keysB.append(b)
        visits.append()
        // The prefixes' insertions may have grown the table: find the empty slot only now.
        var slot = Self.hash(a, b) & mask
        while slots[slot].index >= 0 { slot = (slot + 1) & mask }
        slots[slot] = new
        if keysA.count * 2 > slots.count { grow() }
        return new
    }

    /// Visits token `t` in `document`: its posting there, which is `nextPosting` (now recorded) on the
    /// first visit in the document.
    @inline(__always)
    func visit(_ t: Int32, document: Int32, nextPosting: Int32) -> Int32 {
        let v = visits.base + Int(t)
        if v.pointee.document == document { return v.pointee.posting }
        v.pointee = Visit(document: document, posting: nextPosting)
        return nextPosting
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(a: 0, b: 0, index: -1, prefix1: -1, prefix2: -1, prefix3: -1), count: old.count * 2)
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

/// Per token: the last document it was visited in, and the caller's posting for it there.
struct Visit {
    var document: Int32 = -1
    var posting: Int32 = -1
}

/// The tokens' visits, one per token, in memory of their own: `visit` runs for each of the corpus's n-gram
/// occurrences (130 M at 10,000 documents), and an array in the table would cost a uniqueness check at
/// each, since writing through a struct's array is a mutation of the struct. Shared by copies of a table:
/// a table is moved, never copied to be changed twice.
final class Visits {
    private(set) var base: UnsafeMutablePointer<Visit>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// One more token, not yet visited.
    func append() {
        if count == capacity {
            let larger = max(1024, capacity * 2)
            let moved = UnsafeMutablePointer<Visit>.allocate(capacity: larger)
            moved.moveInitialize(from: base, count: count)
            base.deallocate()
            base = moved
            capacity = larger
        }
        (base + count).initialize(to: Visit())
        count += 1
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

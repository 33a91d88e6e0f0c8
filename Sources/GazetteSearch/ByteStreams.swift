#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Many byte streams growing side by side (one per token of a partition), in one arena: each stream is a
/// chain of blocks of 16, 32, 64 … up to 1,024 bytes. Appending is a store and an add, with no reference
/// counting and no uniqueness checks, which an array per stream would pay on every byte (43 M postings
/// of three bytes each on the 10,000-document corpus); and the unused tail of a stream's last block is
/// at most 1 KiB.
///
/// Written by one thread; once complete, read by any number.
final class ByteStreams: @unchecked Sendable {
    private struct Stream {
        /// Offsets of the first and the last block in the arena (−1: none yet).
        var head = -1
        var tail = -1
        /// Bytes used in, and data capacity of, the last block.
        var fill: Int32 = 0
        var size: Int32 = 0
        var count = 0
    }

    private static let header = MemoryLayout<Int>.size  // a block starts with the offset of the next (−1)
    private static let firstBlock: Int32 = 16
    private static let largestBlock: Int32 = 1024

    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity: Int
    private var arenaUsed = 0
    private var streams: UnsafeMutablePointer<Stream>
    private var streamCapacity: Int
    private(set) var streamCount = 0

    init(arenaCapacity: Int = 1 << 20, streamCapacity: Int = 1024) {
        self.arenaCapacity = arenaCapacity
        self.streamCapacity = streamCapacity
        arena = malloc(arenaCapacity)!.assumingMemoryBound(to: UInt8.self)
        streams = .allocate(capacity: streamCapacity)
    }

    deinit {
        free(arena)
        streams.deinitialize(count: streamCount)
        streams.deallocate()
    }

    /// Adds empty streams until there are `count`.
    func grow(to count: Int) {
        guard count > streamCount else { return }
        if count > streamCapacity {
            var capacity = streamCapacity * 2
            while capacity < count { capacity *= 2 }
            let moved = UnsafeMutablePointer<Stream>.allocate(capacity: capacity)
            moved.moveInitialize(from: streams, count: streamCount)
            streams.deallocate()
            streams = moved
            streamCapacity = capacity
        }
        (streams + streamCount).initialize(repeating: Stream(), count: count - streamCount)
        streamCount = count
    }

    @inline(__always)
    func append(_ stream: Int, _ byte: UInt8) {
        precondition(stream >= 0 && stream < streamCount)
        let s = streams + stream
        if s.pointee.fill == s.pointee.size { newBlock(s) }
        arena[s.pointee.tail + Self.header + Int(s.pointee.fill)] = byte
        s.pointee.fill += 1
        s.pointee.count += 1
    }

    /// An unsigned LEB128 varint.
    @inline(__always)
    func varint(_ stream: Int, _ value: Int) {
        var v = UInt64(value)
        while v >= 0x80 {
            append(stream, UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        append(stream, UInt8(v))
    }

    /// Two varints below 2^32 and a byte (a posting: gap, tf, bits): at most 11 bytes, written through one
    /// pointer when the last block has room for them (as it has for nearly all postings of a long list).
    @inline(__always)
    func posting(_ stream: Int, _ first: UInt32, _ second: UInt32, _ last: UInt8) {
        precondition(stream >= 0 && stream < streamCount)
        let s = streams + stream
        guard s.pointee.size - s.pointee.fill >= 11 else {
            varint(stream, Int(first))
            varint(stream, Int(second))
            append(stream, last)
            return
        }
        let start = arena + s.pointee.tail + Self.header + Int(s.pointee.fill)
        var out = start
        @inline(__always) func put(_ value: UInt32) {
            var v = value
            while v >= 0x80 {
                out.pointee = UInt8(truncatingIfNeeded: v) | 0x80
                out += 1
                v >>= 7
            }
            out.pointee = UInt8(v)
            out += 1
        }
        put(first)
        put(second)
        out.pointee = last
        out += 1
        let written = out - start
        s.pointee.fill += Int32(written)
        s.pointee.count += written
    }

    /// The bytes of `stream`, in order.
    func bytes(_ stream: Int) -> [UInt8] {
        precondition(stream >= 0 && stream < streamCount)
        let s = streams[stream]
        var out = [UInt8]()
        out.reserveCapacity(s.count)
        var block = s.head
        var size = Self.firstBlock
        while block >= 0 {
            let next = UnsafeRawPointer(arena + block).loadUnaligned(as: Int.self)
            let used = next < 0 ? Int(s.fill) : Int(size)
            out.append(contentsOf: UnsafeBufferPointer(start: arena + block + Self.header, count: used))
            block = next
            size = min(size * 2, Self.largestBlock)
        }
        return out
    }

    private func newBlock(_ s: UnsafeMutablePointer<Stream>) {
        let size = s.pointee.size == 0 ? Self.firstBlock : min(s.pointee.size * 2, Self.largestBlock)
        let needed = Self.header + Int(size)
        if arenaUsed + needed > arenaCapacity {
            var capacity = arenaCapacity * 2
            while arenaUsed + needed > capacity { capacity *= 2 }
            // realloc, not allocate-and-copy: for a large block glibc remaps the pages, so growing the arena
            // neither copies it nor holds it twice at the peak.
            guard let moved = realloc(arena, capacity) else { fatalError("out of memory for the search index") }
            arena = moved.assumingMemoryBound(to: UInt8.self)
            arenaCapacity = capacity
        }
        let block = arenaUsed
        arenaUsed += needed
        UnsafeMutableRawPointer(arena + block).storeBytes(of: -1, toByteOffset: 0, as: Int.self)
        if s.pointee.tail >= 0 {
            UnsafeMutableRawPointer(arena + s.pointee.tail).storeBytes(of: block, toByteOffset: 0, as: Int.self)
        } else {
            s.pointee.head = block
        }
        s.pointee.tail = block
        s.pointee.size = size
        s.pointee.fill = 0
    }
}

/// Length-limited canonical Huffman codes for DEFLATE's dynamic blocks.
struct HuffmanCode {
    /// Code length of each symbol; 0 for unused symbols.
    let lengths: [UInt8]
    /// Canonical code of each symbol (RFC 1951, 3.2.2).
    let codes: [UInt16]

    /// Codes for `frequencies`, no longer than `limit` bits. At least two symbols always get a code, because
    /// decoders reject an incomplete code.
    init(frequencies: [Int], limit: Int) {
        var freq = frequencies
        var used = freq.indices.filter { freq[$0] > 0 }
        for index in freq.indices where used.count < 2 && freq[index] == 0 {
            freq[index] = 1
            used.append(index)
        }
        var lengths = [UInt8](repeating: 0, count: freq.count)
        while true {
            let built = Self.lengths(freq, used: used)
            if built.max()! <= limit {
                for (i, symbol) in used.enumerated() { lengths[symbol] = UInt8(built[i]) }
                break
            }
            // Flattening the frequencies shortens the longest codes; rare, and cheap enough.
            for symbol in used { freq[symbol] = (freq[symbol] >> 1) | 1 }
        }
        self.lengths = lengths
        self.codes = Self.canonicalCodes(lengths)
    }

    /// Plain Huffman code lengths of the `used` symbols, in the order of `used`.
    private static func lengths(_ freq: [Int], used: [Int]) -> [Int] {
        // Two-queue construction over symbols sorted by frequency: O(n log n) for the sort only.
        let leaves = used.indices.sorted { (freq[used[$0]], $0) < (freq[used[$1]], $1) }
        var weight = leaves.map { freq[used[$0]] }
        var parent = [Int](repeating: -1, count: leaves.count * 2)
        var leafNext = 0
        var nodeNext = leaves.count
        var nodeEnd = leaves.count
        func pick() -> Int {
            if leafNext < leaves.count, nodeNext == nodeEnd || weight[leafNext] <= weight[nodeNext] {
                leafNext += 1
                return leafNext - 1
            }
            nodeNext += 1
            return nodeNext - 1
        }
        while (leaves.count - leafNext) + (nodeEnd - nodeNext) > 1 {
            let a = pick(), b = pick()
            weight.append(weight[a] + weight[b])
            parent[a] = nodeEnd
            parent[b] = nodeEnd
            nodeEnd += 1
        }
        var depth = [Int](repeating: 0, count: nodeEnd)
        for node in stride(from: nodeEnd - 2, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        var result = [Int](repeating: 0, count: leaves.count)
        for (rank, leaf) in leaves.enumerated() { result[leaf] = depth[rank] }
        return result
    }

    private static func canonicalCodes(_ lengths: [UInt8]) -> [UInt16] {
        var countPerLength = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { countPerLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1..<16 {
            code = (code + countPerLength[bits - 1]) << 1
            next[bits] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            defer { next[Int(length)] += 1 }
            return UInt16(next[Int(length)])
        }
    }
}

/// A small DEFLATE (RFC 1951) encoder: greedy LZ77 over a 32 KiB window with hash chains, then one dynamic
/// Huffman block per 64 Ki symbols. Not zlib's ratio, but close on our data and fast enough for the build.
enum Deflate {
    private static let windowSize = 1 << 15
    private static let hashBits = 15
    private static let maxChain = 6
    private static let niceLength = 48
    private static let blockSymbols = 1 << 16

    /// `input` as a raw DEFLATE stream. Without `matching`, only Huffman coding: several times faster, and
    /// as good on binary postings, where repeated strings are rare.
    static func compress(_ input: [UInt8], matching: Bool = true) -> [UInt8] {
        if !matching { return huffmanOnly(input) }
        var writer = BitWriter(capacity: input.count / 2 + 64)
        var symbols = SymbolBuffer()
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: 1 << hashBits)
        head.initialize(repeating: -1, count: 1 << hashBits)
        let prev = UnsafeMutablePointer<Int32>.allocate(capacity: windowSize)
        prev.initialize(repeating: -1, count: windowSize)
        defer {
            head.deallocate()
            prev.deallocate()
        }
        input.withUnsafeBufferPointer { buffer in
            guard let data = buffer.baseAddress else { return }
            let n = buffer.count
            var i = 0
            while i < n {
                var bestLength = 0
                var bestDistance = 0
                if i + 2 < n {
                    var candidate = Int(head[hash(data, i)])
                    var chain = maxChain
                    let maxLength = min(258, n - i)
                    while candidate >= 0, i - candidate < windowSize, chain > 0 {
                        if data[candidate + bestLength] == data[i + bestLength] {
                            var length = 0
                            while length < maxLength, data[candidate + length] == data[i + length] { length += 1 }
                            if length > bestLength {
                                bestLength = length
                                bestDistance = i - candidate
                                if length >= niceLength || length >= maxLength { break }
                            }
                        }
                        let next = Int(prev[candidate & (windowSize - 1)])
                        if next >= candidate { break }
                        candidate = next
                        chain -= 1
                    }
                }
                let advance = bestLength >= 3 ? bestLength : 1
                if bestLength >= 3 {
                    symbols.match(length: bestLength, distance: bestDistance)
                } else {
                    symbols.literal(data[i])
                }
                // Long matches are inserted only at their start: the rest rarely helps and costs time.
                for j in i..<(i + min(advance, 8)) where j + 2 < n {
                    let h = hash(data, j)
                    prev[j & (windowSize - 1)] = head[h]
                    head[h] = Int32(j)
                }
                i += advance
                if symbols.count >= blockSymbols {
                    writeBlock(symbols, final: false, to: &writer)
                    symbols.removeAll()
                }
            }
        }
        writeBlock(symbols, final: true, to: &writer)
        return writer.finish()
    }

    /// One block per 64 KiB of literals only: byte frequencies, a code, the bytes.
    private static func huffmanOnly(_ input: [UInt8]) -> [UInt8] {
        var writer = BitWriter(capacity: input.count + 64)
        var start = 0
        repeat {
            // A stored block holds at most 65,535 bytes.
            let end = min(input.count, start + 65535)
            var frequencies = [Int](repeating: 0, count: 286)
            for i in start..<end { frequencies[Int(input[i])] += 1 }
            let header = BlockHeader(literalFrequencies: frequencies, distanceFrequencies: [Int](repeating: 0, count: 30))
            var coded = 0
            for symbol in 0..<256 { coded += frequencies[symbol] * Int(header.literals.lengths[symbol]) }
            if coded > (end - start) * 8 * 15 / 16 {
                // Near-random bytes (dense bitmaps): a stored block is as small and costs nothing to write.
                writer.stored(input[start..<end], final: end == input.count)
                start = end
                continue
            }
            header.write(final: end == input.count, to: &writer)
            for i in start..<end {
                let symbol = Int(input[i])
                writer.write(header.literalBits[symbol], Int(header.literals.lengths[symbol]))
            }
            writer.write(header.literalBits[256], Int(header.literals.lengths[256]))
            start = end
        } while start < input.count
        return writer.finish()
    }

    @inline(__always)
    private static func hash(_ data: UnsafePointer<UInt8>, _ i: Int) -> Int {
        let v = UInt32(data[i]) | UInt32(data[i + 1]) << 8 | UInt32(data[i + 2]) << 16
        return Int((v &* 0x9E37_79B1) >> UInt32(32 - hashBits))
    }

    // MARK: - Blocks

    /// Literals and matches of one block, with their frequencies.
    private struct SymbolBuffer {
        /// Literal byte, or 0x100 + length-3 for a match (its distance in `distances`).
        var items: [UInt16] = []
        var distances: [UInt16] = []
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        var count: Int { items.count }

        mutating func removeAll() {
            items.removeAll(keepingCapacity: true)
            distances.removeAll(keepingCapacity: true)
            for i in literalFrequencies.indices { literalFrequencies[i] = 0 }
            for i in distanceFrequencies.indices { distanceFrequencies[i] = 0 }
        }

        mutating func literal(_ byte: UInt8) {
            items.append(UInt16(byte))
            literalFrequencies[Int(byte)] += 1
        }

        mutating func match(length: Int, distance: Int) {
            items.append(UInt16(0x100 + length - 3))
            distances.append(UInt16(distance))
            literalFrequencies[Deflate.lengthSymbol[length - 3]] += 1
            distanceFrequencies[Deflate.distanceSymbol(distance)] += 1
        }
    }

    /// The two Huffman codes of a dynamic block, with their codes bit-reversed once for the LSB-first stream.
    private struct BlockHeader {
        let literals: HuffmanCode
        let distances: HuffmanCode
        let literalBits: [UInt32]
        let distanceBits: [UInt32]

        init(literalFrequencies: [Int], distanceFrequencies: [Int]) {
            var frequencies = literalFrequencies
            frequencies[256] += 1
            literals = HuffmanCode(frequencies: frequencies, limit: 15)
            distances = HuffmanCode(frequencies: distanceFrequencies, limit: 15)
            literalBits = zip(literals.codes, literals.lengths).map { Deflate.reversed($0, $1) }
            distanceBits = zip(distances.codes, distances.lengths).map { Deflate.reversed($0, $1) }
        }

        /// The block header: BFINAL, BTYPE 2, and the code lengths, themselves Huffman coded.
        func write(final: Bool, to writer: inout BitWriter) {
            let hlit = max(257, (literals.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
            let hdist = max(1, (distances.lengths.lastIndex { $0 > 0 } ?? 0) + 1)
            let runs = Deflate.codeLengthRuns(Array(literals.lengths[0..<hlit]) + Array(distances.lengths[0..<hdist]))
            var lengthFrequencies = [Int](repeating: 0, count: 19)
            for run in runs { lengthFrequencies[Int(run.symbol)] += 1 }
            let lengthCode = HuffmanCode(frequencies: lengthFrequencies, limit: 7)
            let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
            let hclen = max(4, (order.lastIndex { lengthCode.lengths[$0] > 0 } ?? 0) + 1)
            writer.write(final ? 1 : 0, 1)
            writer.write(2, 2)
            writer.write(UInt32(hlit - 257), 5)
            writer.write(UInt32(hdist - 1), 5)
            writer.write(UInt32(hclen - 4), 4)
            for symbol in order.prefix(hclen) { writer.write(UInt32(lengthCode.lengths[symbol]), 3) }
            for run in runs {
                let symbol = Int(run.symbol)
                writer.write(Deflate.reversed(lengthCode.codes[symbol], lengthCode.lengths[symbol]), Int(lengthCode.lengths[symbol]))
                switch run.symbol {
                case 16: writer.write(UInt32(run.extra), 2)
                case 17: writer.write(UInt32(run.extra), 3)
                case 18: writer.write(UInt32(run.extra), 7)
                default: break
                }
            }
        }
    }

    /// A Huffman code as DEFLATE writes it: most-significant bit first into an LSB-first stream.
    fileprivate static func reversed(_ code: UInt16, _ length: UInt8) -> UInt32 {
        var reversed: UInt32 = 0
        var c = UInt32(code)
        for _ in 0..<length {
            reversed = (reversed << 1) | (c & 1)
            c >>= 1
        }
        return reversed
    }

    private static func writeBlock(_ symbols: SymbolBuffer, final: Bool, to writer: inout BitWriter) {
        let header = BlockHeader(literalFrequencies: symbols.literalFrequencies, distanceFrequencies: symbols.distanceFrequencies)
        header.write(final: final, to: &writer)
        let literals = header.literals, distances = header.distances
        var distanceIndex = 0
        for item in symbols.items {
            if item < 0x100 {
                writer.write(header.literalBits[Int(item)], Int(literals.lengths[Int(item)]))
                continue
            }
            let length = Int(item) - 0x100 + 3
            let symbol = lengthSymbol[length - 3]
            writer.write(header.literalBits[symbol], Int(literals.lengths[symbol]))
            let lengthExtra = lengthExtraBits[symbol - 257]
            if lengthExtra > 0 { writer.write(UInt32(length - lengthBase[symbol - 257]), lengthExtra) }
            let distance = Int(symbols.distances[distanceIndex])
            distanceIndex += 1
            let dsymbol = distanceSymbol(distance)
            writer.write(header.distanceBits[dsymbol], Int(distances.lengths[dsymbol]))
            let distanceExtra = distanceExtraBits[dsymbol]
            if distanceExtra > 0 { writer.write(UInt32(distance - distanceBase[dsymbol]), distanceExtra) }
        }
        writer.write(header.literalBits[256], Int(literals.lengths[256]))
    }

    /// Run-length codes (16, 17, 18) for the code lengths of the two trees.
    fileprivate static func codeLengthRuns(_ lengths: [UInt8]) -> [(symbol: UInt8, extra: UInt8)] {
        var runs: [(UInt8, UInt8)] = []
        var i = 0
        while i < lengths.count {
            let value = lengths[i]
            var run = 1
            while i + run < lengths.count, lengths[i + run] == value { run += 1 }
            i += run
            if value == 0 {
                while run >= 11 { let r = min(run, 138); runs.append((18, UInt8(r - 11))); run -= r }
                if run >= 3 { runs.append((17, UInt8(run - 3))); run = 0 }
            } else {
                runs.append((value, 0))
                run -= 1
                while run >= 3 { let r = min(run, 6); runs.append((16, UInt8(r - 3))); run -= r }
            }
            for _ in 0..<run { runs.append((value, 0)) }
        }
        return runs
    }

    // MARK: - Tables (RFC 1951, 3.2.5)

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                     67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
                                          4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                       1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtraBits = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8,
                                            9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Length-symbol of each match length 3…258.
    fileprivate static let lengthSymbol: [Int] = (3...258).map { length in
        257 + (lengthBase.lastIndex { $0 <= length } ?? 0)
    }

    fileprivate static func distanceSymbol(_ distance: Int) -> Int {
        distance <= 256 ? Int(distanceSymbolSmall[distance]) : Int(distanceSymbolLarge[(distance - 1) >> 7])
    }

    /// Distance-symbol lookups: directly up to 256, then by 128-wide buckets (the bases above 256 are
    /// multiples of 128 plus one).
    private static let distanceSymbolSmall: [UInt8] = (0...256).map { d in
        UInt8(max(0, distanceBase.lastIndex { $0 <= max(d, 1) } ?? 0))
    }
    private static let distanceSymbolLarge: [UInt8] = (0..<256).map { bucket in
        UInt8(distanceBase.lastIndex { $0 <= bucket * 128 + 1 } ?? 0)
    }
}

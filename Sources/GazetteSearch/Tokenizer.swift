/// One unit of folded text: a Han character, or a whole run of digits, letters or Mongolian.
public struct TokenUnit: Equatable, Sendable {
    /// The folded text of the unit.
    public var text: String
    /// Index in the unit stream; a gap (punctuation) skips one, so adjacent units differ by exactly 1.
    public var position: Int
    /// Index of the unit's first scalar in the source string.
    public var source: Int
    /// Whether the unit is a word run (joined to a neighbouring word with a space inside n-gram tokens).
    public var isWord: Bool
}

/// Receives the units of a text as the scanner finds them.
protocol UnitSink {
    mutating func han(_ scalar: Unicode.Scalar, position: Int, source: Int)
    mutating func word(_ scalars: [Unicode.Scalar], position: Int, source: Int)
}

/// The tokenizer shared with theme/assets/search.js (held to Tests/Vectors/tokenizer.json):
/// folds the text, then cuts it into units; the index turns runs of adjacent units into n-gram tokens.
public struct Tokenizer {
    /// The longest n-gram indexed; longer phrases are checked with the positions of these.
    public static let maxGram = 4

    private var folding = TextFolding()
    private var kinds = KindCache()
    private var run: [Unicode.Scalar] = []

    public init() {}

    /// The units of `text`, in order.
    public mutating func units(_ text: String) -> [TokenUnit] {
        var sink = CollectingSink()
        scan(Array(text.unicodeScalars), into: &sink)
        return sink.units
    }

    /// The index tokens of `text` up to `maxLength` units long, as (token, position of its first unit),
    /// ordered by position then length.
    public mutating func tokens(_ text: String, maxLength: Int = 2) -> [(token: String, position: Int)] {
        Self.ngrams(units(text), maxLength: maxLength)
    }

    /// Every run of 1…`maxLength` adjacent units as a token.
    public static func ngrams(_ units: [TokenUnit], maxLength: Int) -> [(token: String, position: Int)] {
        var out: [(String, Int)] = []
        for start in units.indices {
            var token = ""
            for length in 1...maxLength {
                let index = start + length - 1
                guard index < units.count, units[index].position == units[start].position + length - 1 else { break }
                if length > 1, units[index - 1].isWord, units[index].isWord { token += " " }
                token += units[index].text
                out.append((token, units[start].position))
            }
        }
        return out
    }

    // MARK: - Scanner

    /// Feeds the units of `scalars` to `sink`.
    mutating func scan<Sink: UnitSink>(_ scalars: [Unicode.Scalar], into sink: inout Sink) {
        var state = ScanState()
        var i = 0
        while i < scalars.count {
            let source = i
            let scalar = scalars[i]
            // Fast path: an ideograph alone needs neither folding nor classification.
            if TextFolding.isFast(scalar), i + 1 == scalars.count || TextFolding.isFast(scalars[i + 1]) || !TextFolding.isMark(scalars[i + 1]) {
                state.flush(&sink, &run)
                sink.han(scalar, position: state.nextPosition(), source: source)
                i += 1
                continue
            }
            let end = TextFolding.clusterEnd(scalars, from: i)
            let folded = folding.fold(scalars[i..<end])
            i = end
            for scalar in folded {
                switch kinds.of(scalar) {
                case .han:
                    state.flush(&sink, &run)
                    sink.han(scalar, position: state.nextPosition(), source: source)
                case .word(let wordClass):
                    if state.runClass != wordClass {
                        state.flush(&sink, &run)
                        state.runClass = wordClass
                        state.runSource = source
                    }
                    run.append(scalar)
                case .mark:
                    if state.runClass != nil { run.append(scalar) }
                case .ignorable:
                    break
                case .transparent:
                    state.flush(&sink, &run)
                case .gap:
                    state.flush(&sink, &run)
                    state.gapPending = true
                }
            }
        }
        state.flush(&sink, &run)
    }
}

/// `ScalarKind.of` remembered for the BMP scalars beyond ASCII a text has shown: punctuation such as `，` and
/// `。` comes every few characters, and each was two look-ups in the Unicode tables.
private struct KindCache {
    /// 0: not seen yet; else 1 + the index of the kind in `known`.
    private var codes = [UInt8](repeating: 0, count: 0x10000)
    private var known: [ScalarKind] = []

    @inline(__always)
    mutating func of(_ scalar: Unicode.Scalar) -> ScalarKind {
        let v = Int(scalar.value)
        guard v >= 0x80, v < 0x10000 else { return ScalarKind.of(scalar) }
        let code = codes[v]
        if code != 0 { return known[Int(code) - 1] }
        let kind = ScalarKind.of(scalar)
        let index = known.firstIndex(of: kind) ?? { known.append(kind); return known.count - 1 }()
        codes[v] = UInt8(index + 1)
        return kind
    }
}

/// Where the scanner is: the next position, whether a gap is waiting, and the word run being read.
private struct ScanState {
    var position = 0
    var emitted = false
    var gapPending = false
    var runClass: ScalarKind.WordClass?
    var runSource = 0

    /// The position of the next unit: one more than the last, two more after a gap.
    @inline(__always)
    mutating func nextPosition() -> Int {
        if gapPending, emitted { position += 1 }
        gapPending = false
        emitted = true
        position += 1
        return position - 1
    }

    /// Emits the pending word run, if any.
    @inline(__always)
    mutating func flush<Sink: UnitSink>(_ sink: inout Sink, _ run: inout [Unicode.Scalar]) {
        guard runClass != nil else { return }
        sink.word(run, position: nextPosition(), source: runSource)
        run.removeAll(keepingCapacity: true)
        runClass = nil
    }
}

/// Collects units as values, for tests and queries.
private struct CollectingSink: UnitSink {
    var units: [TokenUnit] = []

    mutating func han(_ scalar: Unicode.Scalar, position: Int, source: Int) {
        units.append(TokenUnit(text: String(scalar), position: position, source: source, isWord: false))
    }

    mutating func word(_ scalars: [Unicode.Scalar], position: Int, source: Int) {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        units.append(TokenUnit(text: String(text), position: position, source: source, isWord: true))
    }
}

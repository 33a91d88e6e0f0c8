import Foundation

/// Folds text the way both the index and the browser see it: NFKC (full-width → half-width and the like),
/// lower case, and the bracket look-alikes of 发文字号 folded to 〔〕.
///
/// The fold works on clusters (a scalar and the combining marks after it), not on the whole string, so that
/// every folded scalar can be traced back to the source scalar it came from: snippets highlight the original
/// text. theme/assets/search.js folds the same way, cluster by cluster.
public struct TextFolding {
    /// Folded forms of single scalars already seen: BMP scalars by value (an index into `folded`, −1 unknown),
    /// the rest in a dictionary. Most text repeats a few hundred punctuation marks and symbols.
    private var bmp = [Int32](repeating: -1, count: 0x10000)
    private var folded: [[Unicode.Scalar]] = []
    private var astral: [UInt32: [Unicode.Scalar]] = [:]

    public init() {}

    /// The folded form of a whole string (for tests and the vectors).
    public mutating func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let end = Self.clusterEnd(scalars, from: i)
            out.append(contentsOf: fold(scalars[i..<end]))
            i = end
        }
        return String(out)
    }

    /// Where the cluster starting at `start` ends: after the combining marks that follow its first scalar.
    static func clusterEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var end = start + 1
        while end < scalars.count, !isFast(scalars[end]), isMark(scalars[end]) { end += 1 }
        return end
    }

    /// The folded scalars of one cluster.
    mutating func fold(_ cluster: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        if cluster.count == 1 {
            let scalar = cluster.first!
            if scalar.value < 0x80 { return [Self.foldASCII(scalar)] }
            if Self.isFast(scalar) { return [scalar] }
            if scalar.value < 0x10000 {
                let known = bmp[Int(scalar.value)]
                if known >= 0 { return folded[Int(known)] }
                let result = Self.foldSlow(String(String.UnicodeScalarView(cluster)))
                bmp[Int(scalar.value)] = Int32(folded.count)
                folded.append(result)
                return result
            }
            if let hit = astral[scalar.value] { return hit }
            let result = Self.foldSlow(String(String.UnicodeScalarView(cluster)))
            astral[scalar.value] = result
            return result
        }
        return Self.foldSlow(String(String.UnicodeScalarView(cluster)))
    }

    // MARK: - Rules

    /// CJK ideographs are their own NFKC form and have no case: the common case skips all work.
    static func isFast(_ scalar: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(scalar.value) || (0x3400...0x4DBF).contains(scalar.value)
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        // No combining marks below U+0300, among CJK punctuation (but U+302A–302F) or full-width forms.
        let v = scalar.value
        if v < 0x300 || (0x3000...0x3029).contains(v) || (0x3030...0x303F).contains(v) || (0xFF00...0xFFEF).contains(v) {
            return false
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    private static func foldASCII(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x41...0x5A: return Unicode.Scalar(scalar.value + 0x20)!
        case 0x28, 0x5B: return "〔"
        case 0x29, 0x5D: return "〕"
        default: return scalar
        }
    }

    private static func foldSlow(_ cluster: String) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for scalar in cluster.precomposedStringWithCompatibilityMapping.unicodeScalars {
            if scalar.value < 0x80 {
                out.append(foldASCII(scalar))
                continue
            }
            for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                switch lower.value {
                case 0x3010: out.append("〔")  // 【
                case 0x3011: out.append("〕")  // 】
                default: out.append(lower.value < 0x80 ? foldASCII(lower) : lower)
                }
            }
        }
        return out
    }
}

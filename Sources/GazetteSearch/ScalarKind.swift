/// What a folded scalar is to the tokenizer. theme/assets/search.js classifies with the same rules.
enum ScalarKind: Equatable {
    /// A CJK ideograph (or kana, hangul, 〇, 々): a unit of its own, indexed as n-grams.
    case han
    /// Part of a run indexed as one whole token: ASCII digits, traditional Mongolian, other letters.
    case word(WordClass)
    /// Joins the run before it (combining marks, Mongolian free variation selectors).
    case mark
    /// Invisible: dropped without a trace (format characters such as the Mongolian vowel separator).
    case ignorable
    /// Ends a word but keeps neighbours adjacent: spaces, brackets, quotes and book-title marks, so that
    /// 阿政办发 〔2023〕 9号 and 关于印发《方案》 read the same with or without them.
    case transparent
    /// Ends a phrase: sentence punctuation, symbols, line breaks. Phrases never match across it.
    case gap

    /// The runs that become whole tokens.
    enum WordClass: UInt8 { case digit, letter, mongolian }

    /// The kind of `scalar`, which must already be folded (see `TextFolding`).
    static func of(_ scalar: Unicode.Scalar) -> ScalarKind {
        let v = scalar.value
        if v < 0x80 {
            switch v {
            case 0x30...0x39: return .word(.digit)
            case 0x61...0x7A, 0x41...0x5A: return .word(.letter)
            case 0x0A, 0x0B, 0x0C, 0x0D: return .gap
            case 0x09, 0x20, 0x22, 0x27: return .transparent
            default: return v < 0x20 || v == 0x7F ? .ignorable : .gap
            }
        }
        if isHan(v) { return .han }
        switch v {
        case 0x0085, 0x2028, 0x2029: return .gap
        case 0x00B7, 0x30FB, 0x3014, 0x3015, 0x300A, 0x300B, 0x3008, 0x3009, 0x300C, 0x300D, 0x300E, 0x300F,
             0x201C, 0x201D, 0x2018, 0x2019:
            return .transparent
        default: break
        }
        let properties = scalar.properties
        if properties.isWhitespace { return .transparent }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return .mark
        case .format: return .ignorable
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return (0x1800...0x18AF).contains(v) ? .word(.mongolian) : .word(.letter)
        default: return .gap
        }
    }

    /// Scripts written without spaces, indexed character by character.
    static func isHan(_ v: UInt32) -> Bool {
        switch v {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF, 0x20000...0x3FFFF,
             0x3005, 0x3007, 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0xAC00...0xD7A3:
            return true
        default:
            return false
        }
    }
}

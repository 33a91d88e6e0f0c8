/// A 发文字号 such as 阿政办发〔2023〕7号: 机关代字, year in 六角括号 〔〕, serial number, 号.
///
/// GB/T 9704-2012 §7.2.4 prescribes the hexagonal brackets; editors often type a
/// look-alike, which is accepted, normalised and reported as a warning.
public struct DocumentNumber: Hashable, Comparable, Sendable, CustomStringConvertible, Encodable {
    /// 机关代字, e.g. 阿政办发.
    public let agencyCode: String
    public let year: Int
    public let serial: Int

    public init(agencyCode: String, year: Int, serial: Int) {
        self.agencyCode = agencyCode
        self.year = year
        self.serial = serial
    }

    /// The canonical form, with 〔〕.
    public var description: String { "\(agencyCode)〔\(year)〕\(serial)号" }

    public static func < (a: DocumentNumber, b: DocumentNumber) -> Bool {
        (a.agencyCode, a.year, a.serial) < (b.agencyCode, b.year, b.serial)
    }

    /// Why a string is not a 发文字号.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case missingAgencyCode
        case missingBrackets
        case badYear(String)
        case badSerial(String)
        case leadingZero(String)
        case ordinalPrefix
        case missingHao
        case trailingText(String)

        public var description: String {
            switch self {
            case .empty: return "发文字号为空"
            case .missingAgencyCode: return "发文字号缺少机关代字（如“阿政办发”）"
            case .missingBrackets: return "发文字号的年份应放在六角括号〔〕中，如“阿政办发〔2023〕7号”"
            case .badYear(let y): return "发文字号的年份“\(y)”应为四位数字"
            case .badSerial(let s): return "发文字号的序号“\(s)”应为数字"
            case .leadingZero(let s): return "发文字号的序号“\(s)”不应有前导零（GB/T 9704-2012 7.2.4）"
            case .ordinalPrefix: return "发文字号的序号前不加“第”字（GB/T 9704-2012 7.2.4）"
            case .missingHao: return "发文字号应以“号”结尾"
            case .trailingText(let t): return "发文字号“号”之后有多余文字“\(t)”"
            }
        }
    }

    /// What had to be normalised to read a number that was not written canonically.
    public struct Normalisation: OptionSet, Hashable, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// `[]`, `［］`, `【】`, `()`, `（）` instead of 〔〕.
        public static let lookAlikeBrackets = Normalisation(rawValue: 1)
        /// Spaces inside the number, as left by copying from a PDF.
        public static let whitespace = Normalisation(rawValue: 2)
    }

    static let openers: Set<Character> = ["〔", "[", "［", "【", "(", "（"]
    static let closers: Set<Character> = ["〕", "]", "］", "】", ")", "）"]

    /// Parses a 发文字号, reporting what was normalised.
    public static func parse(_ raw: String) -> Result<(DocumentNumber, Normalisation), ParseError> {
        var fixes: Normalisation = []
        let compact = raw.filter { !$0.isWhitespace }
        if compact.count != raw.count { fixes.insert(.whitespace) }
        let chars = Array(compact)
        guard !chars.isEmpty else { return .failure(.empty) }
        guard let open = chars.firstIndex(where: { openers.contains($0) }) else {
            return .failure(.missingBrackets)
        }
        guard open > 0 else { return .failure(.missingAgencyCode) }
        guard let close = chars[open...].firstIndex(where: { closers.contains($0) }) else {
            return .failure(.missingBrackets)
        }
        if chars[open] != "〔" || chars[close] != "〕" { fixes.insert(.lookAlikeBrackets) }
        let agency = String(chars[..<open])
        let yearText = String(chars[(open + 1)..<close])
        guard yearText.count == 4, let year = Int(yearText), yearText.allSatisfy(\.isASCII) else {
            return .failure(.badYear(yearText))
        }
        var rest = chars[(close + 1)...]
        if rest.first == "第" { return .failure(.ordinalPrefix) }
        guard let hao = rest.firstIndex(of: "号") else { return .failure(.missingHao) }
        let serialText = String(rest[rest.startIndex..<hao])
        guard !serialText.isEmpty, serialText.allSatisfy({ $0.isASCII && $0.isNumber }),
              let serial = Int(serialText) else { return .failure(.badSerial(serialText)) }
        if serialText.count > 1 && serialText.hasPrefix("0") { return .failure(.leadingZero(serialText)) }
        rest = rest[(hao + 1)...]
        guard rest.isEmpty else { return .failure(.trailingText(String(rest))) }
        return .success((DocumentNumber(agencyCode: agency, year: year, serial: serial), fixes))
    }
}

import Testing
import GazetteModel

/// 发文字号 as editors type them: canonical, with look-alike brackets, with PDF spaces, or wrong.
@Suite("发文字号")
struct DocumentNumberTests {
    private static let canonical = DocumentNumber(agencyCode: "阿政办发", year: 2023, serial: 7)

    private func parsed(_ raw: String) -> (DocumentNumber, DocumentNumber.Normalisation)? {
        try? DocumentNumber.parse(raw).get()
    }

    private func error(_ raw: String) -> DocumentNumber.ParseError? {
        if case .failure(let error) = DocumentNumber.parse(raw) { return error }
        return nil
    }

    // MARK: - Accepted

    @Test func hexagonalBracketsParseWithoutAnyNormalisation() throws {
        let (number, fixes) = try #require(parsed("阿政办发〔2023〕7号"))
        #expect(number == Self.canonical)
        #expect(number.agencyCode == "阿政办发")
        #expect(number.year == 2023)
        #expect(number.serial == 7)
        #expect(fixes.isEmpty)
    }

    @Test("Look-alike brackets are accepted, normalised to 〔〕 and flagged",
          arguments: ["阿政办发[2023]7号", "阿政办发［2023］7号", "阿政办发【2023】7号",
                      "阿政办发(2023)7号", "阿政办发（2023）7号", "阿政办发[2023〕7号", "阿政办发〔2023]7号"])
    func lookAlikeBracketsAreNormalised(raw: String) throws {
        let (number, fixes) = try #require(parsed(raw))
        #expect(number == Self.canonical)
        #expect(number.description == "阿政办发〔2023〕7号")
        #expect(fixes == .lookAlikeBrackets)
    }

    @Test("Spaces left by copying from a PDF are removed and flagged",
          arguments: ["阿政办发〔2023〕6 号", "阿政办发 〔2023〕 6号", " 阿政办发〔2023〕6号 ", "阿政办发〔 2023 〕6号"])
    func spacesAreRemoved(raw: String) throws {
        let (number, fixes) = try #require(parsed(raw))
        #expect(number.description == "阿政办发〔2023〕6号")
        #expect(fixes == .whitespace)
    }

    @Test func spacesAndLookAlikeBracketsAreBothReported() throws {
        let (number, fixes) = try #require(parsed("阿政办发 [2023] 16 号"))
        #expect(number.description == "阿政办发〔2023〕16号")
        #expect(fixes == [.lookAlikeBrackets, .whitespace])
    }

    @Test func serialZeroAndLargeSerialsAreNumbers() throws {
        #expect(try #require(parsed("阿政发〔2023〕0号")).0.serial == 0)
        #expect(try #require(parsed("阿政发〔2023〕1024号")).0.serial == 1024)
    }

    @Test func canonicalDescriptionUsesHexagonalBracketsAndHao() {
        #expect(DocumentNumber(agencyCode: "阿政发", year: 2023, serial: 3).description == "阿政发〔2023〕3号")
    }

    @Test func numbersSortByAgencyThenYearThenSerialNotAsText() {
        let numbers = ["阿政办发〔2023〕16号", "阿政办发〔2023〕9号", "阿政办发〔2022〕30号", "阿政办发〔2023〕1号"]
            .compactMap { parsed($0)?.0 }
        #expect(numbers.sorted().map(\.description)
                == ["阿政办发〔2022〕30号", "阿政办发〔2023〕1号", "阿政办发〔2023〕9号", "阿政办发〔2023〕16号"])
    }

    @Test func equalNumbersWrittenDifferentlyAreEqual() throws {
        let a = try #require(parsed("阿政办发【2023】7 号")).0
        let b = try #require(parsed("阿政办发〔2023〕7号")).0
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
    }

    // MARK: - Rejected

    @Test func leadingZerosAreRejected() {
        #expect(error("阿政办发〔2023〕07号") == .leadingZero("07"))
        #expect(error("阿政办发〔2023〕007号") == .leadingZero("007"))
    }

    @Test func ordinalPrefixIsRejected() {
        #expect(error("阿政办发〔2023〕第7号") == .ordinalPrefix)
    }

    @Test func missingHaoIsRejected() {
        #expect(error("阿政办发〔2023〕7") == .missingHao)
    }

    @Test func missingBracketsAreRejected() {
        #expect(error("阿政办发2023年7号") == .missingBrackets)
        #expect(error("阿政办发〔2023 7号") == .missingBrackets)
    }

    @Test("A year that is not four ASCII digits is rejected",
          arguments: [("阿政办发〔23〕7号", "23"), ("阿政办发〔二〇二三〕7号", "二〇二三"),
                      ("阿政办发〔２０２３〕7号", "２０２３"), ("阿政办发〔20233〕7号", "20233"), ("阿政办发〔〕7号", "")])
    func badYearsAreRejected(raw: String, year: String) {
        #expect(error(raw) == .badYear(year))
    }

    @Test func serialMustBeAsciiDigits() {
        #expect(error("阿政办发〔2023〕七号") == .badSerial("七"))
        #expect(error("阿政办发〔2023〕号") == .badSerial(""))
        #expect(error("阿政办发〔2023〕７号") == .badSerial("７"))
    }

    @Test func trailingTextIsRejected() {
        #expect(error("阿政办发〔2023〕7号文") == .trailingText("文"))
        #expect(error("阿政办发〔2023〕7号。") == .trailingText("。"))
    }

    @Test func emptyAndAgencylessNumbersAreRejected() {
        #expect(error("") == .empty)
        #expect(error("   ") == .empty)
        #expect(error("〔2023〕7号") == .missingAgencyCode)
    }

    @Test func everyErrorExplainsItselfInChinese() {
        let errors: [DocumentNumber.ParseError] = [.empty, .missingAgencyCode, .missingBrackets, .badYear("23"),
                                                   .badSerial("七"), .leadingZero("07"), .ordinalPrefix,
                                                   .missingHao, .trailingText("文")]
        for error in errors {
            #expect(error.description.contains("发文字号"), "\(error)")
        }
        #expect(DocumentNumber.ParseError.leadingZero("07").description.contains("“07”"))
        #expect(DocumentNumber.ParseError.missingBrackets.description.contains("〔〕"))
    }
}

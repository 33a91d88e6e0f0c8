import Testing
import GazetteRender

/// The CSV inside ```` ```table ```` blocks, as editors paste it from spreadsheets.
@Suite("CSV tables")
struct CSVTableTests {
    private func table(_ csv: String, caption: String? = nil) throws -> CSVTable {
        try CSVTable.parse(csv, caption: caption).get()
    }

    private func failure(_ csv: String) -> CSVTable.ParseError? {
        if case .failure(let error) = CSVTable.parse(csv, caption: nil) { return error }
        return nil
    }

    // MARK: - Reading

    @Test func headerAndRowsAreRead() throws {
        let t = try table("项目名称,补助标准\n温室,每平方米补贴100元\n冷棚,每平方米补贴50元\n", caption: "奖补目录")
        #expect(t.caption == "奖补目录")
        #expect(t.header == ["项目名称", "补助标准"])
        #expect(t.rows == [["温室", "每平方米补贴100元"], ["冷棚", "每平方米补贴50元"]])
    }

    @Test func quotedFieldsLoseTheirQuotes() throws {
        #expect(try table("\"名称\",\"标准\"\n\"温室\",\"100\"").rows == [["温室", "100"]])
    }

    @Test func commasInsideQuotesStayInTheField() throws {
        let t = try table("项目,内容\n温室,\"墙体土建,钢骨架建设,棚膜\"\n")
        #expect(t.rows == [["温室", "墙体土建,钢骨架建设,棚膜"]])
    }

    @Test func doubledQuotesBecomeOneQuote() throws {
        let t = try table("名称,说明\n甲,\"所谓\"\"庭院经济\"\"\"\n")
        #expect(t.rows == [["甲", "所谓\"庭院经济\""]])
    }

    @Test func lineBreaksInsideQuotedFieldsAreKept() throws {
        let t = try table("项目,验收标准\n温室,\"砖混结构\n钢架结构\"\n冷棚,合格\n")
        #expect(t.rows == [["温室", "砖混结构\n钢架结构"], ["冷棚", "合格"]])
    }

    @Test func emptyFieldsAreKept() throws {
        #expect(try table("a,b,c\n,,\n1,,3\n").rows == [["", "", ""], ["1", "", "3"]])
        #expect(try table("a,b\n\"\",x\n").rows == [["", "x"]])
    }

    @Test func blankLinesAreSkipped() throws {
        let t = try table("\n项目,标准\n\n温室,100\n\n\n冷棚,50\n\n")
        #expect(t.header == ["项目", "标准"])
        #expect(t.rows.count == 2)
    }

    @Test func lastRowNeedsNoLineBreak() throws {
        #expect(try table("a,b\n1,2").rows == [["1", "2"]])
    }

    @Test func headerOnlyTableIsABlankForm() throws {
        let t = try table("序号,户主姓名,项目类型,补助金额\n")
        #expect(t.header.count == 4)
        #expect(t.rows.isEmpty)
    }

    @Test func crlfLineEndsAreReadAsLineBreaks() throws {
        let t = try table("项目,标准\r\n温室,100\r\n\"冷棚\",\"50\"\r\n")
        #expect(t.header == ["项目", "标准"])
        #expect(t.rows == [["温室", "100"], ["冷棚", "50"]])
        let multiline = try table("项目,验收标准\r\n温室,\"砖混结构\r\n钢架结构\"\r\n")
        #expect(multiline.rows == [["温室", "砖混结构\n钢架结构"]])
    }

    // MARK: - Rejected

    @Test func raggedRowIsRejectedAtItsLine() throws {
        let error = try #require(failure("项目,标准\n温室,100\n冷棚\n"))
        #expect(error.line == 3)
        #expect(error.message.contains("1 列"))
        #expect(error.message.contains("2 列"))
    }

    @Test func raggedRowLineCountsBlankLinesAndLineBreaksInQuotes() throws {
        // Line 2-3 is one record with a quoted line break, line 4 is blank, line 5 is too wide.
        let error = try #require(failure("项目,标准\n温室,\"砖混\n钢架\"\n\n冷棚,50,多余\n"))
        #expect(error.line == 5)
    }

    @Test func unterminatedQuoteIsReportedWhereTheQuoteOpens() throws {
        let error = try #require(failure("项目,标准\n温室,100\n冷棚,\"50\n大棚,30\n"))
        #expect(error.line == 3)
        #expect(error.message.contains("引号"))
    }

    @Test func quoteInsideAnUnquotedFieldIsRejected() throws {
        let error = try #require(failure("项目,标准\n温室,每平方米\"100\"元\n"))
        #expect(error.line == 2)
    }

    @Test func textAfterAClosingQuoteIsRejected() throws {
        let error = try #require(failure("项目,标准\n\"温室\"大棚,100\n"))
        #expect(error.line == 2)
    }

    @Test func emptyTableIsRejected() {
        #expect(failure("")?.line == 1)
        #expect(failure("\n\n") != nil)
    }

    // MARK: - Writing

    @Test func csvOutputQuotesOnlyWhatNeedsQuotingAndEndsLinesWithCRLF() {
        let t = CSVTable(caption: nil, header: ["名称", "说明"], rows: [["温室", "墙体,钢架"], ["甲", "所谓\"庭院\""]])
        #expect(t.csv == "名称,说明\r\n温室,\"墙体,钢架\"\r\n甲,\"所谓\"\"庭院\"\"\"\r\n")
    }

    @Test func csvOutputRoundTrips() throws {
        let tables = [
            CSVTable(caption: "奖补目录", header: ["项目名称", "建设内容", "补助标准"],
                     rows: [["温室", "墙体土建,钢骨架建设", "每平方米补贴100元，\n最高4000元"],
                            ["冷棚", "所谓\"冷棚\"", ""],
                            ["", "", "\"\""]]),
            CSVTable(caption: "空白表", header: ["序号", "户主姓名"], rows: []),
            CSVTable(caption: nil, header: ["a"], rows: [["x"], ["y,z"]]),
            CSVTable(caption: "一列表", header: ["备注"], rows: [["甲"], [""], ["乙"]]),
        ]
        for original in tables {
            let reparsed = try CSVTable.parse(original.csv, caption: original.caption).get()
            #expect(reparsed == original)
        }
    }

    @Test func parsedSeedStyleTableRoundTripsThroughCSV() throws {
        let source = "项目名称,建设内容,验收标准\n温室,\"墙体土建及钢骨架建设,棚膜\",\"砖混、钢架结构\n冬季可生产\"\n"
        let t = try table(source, caption: "阿尔山市发展庭院经济奖补目录")
        #expect(try CSVTable.parse(t.csv, caption: t.caption).get() == t)
    }
}

import Foundation
import Testing
@testable import GazettePublish
import GazetteRender

/// RFC 4180 output of the open data: `documents.csv` and the tables copied into the ZIP.
@Suite("CSV writer")
struct CSVWriterTests {
    @Test func plainFieldsAreWrittenAsTheyAreWithCRLFLineEnds() {
        #expect(CSVWriter.csv([["a", "b"], ["1", "2"]]) == "a,b\r\n1,2\r\n")
    }

    @Test func fieldsWithCommasQuotesOrLineBreaksAreQuotedAndQuotesDoubled() {
        let csv = CSVWriter.csv([["名称", "说明"], ["温室,大棚", "说“好”也说\"好\""], ["两行\n文字", "回车\r\n换行"]])
        #expect(csv == "名称,说明\r\n\"温室,大棚\",\"说“好”也说\"\"好\"\"\"\r\n\"两行\n文字\",\"回车\r\n换行\"\r\n")
    }

    @Test func aByteOrderMarkComesFirst() {
        let text = CSVWriter.withBOM(CSVWriter.csv([["a"]]))
        #expect(Array(Data(text.utf8).prefix(3)) == [0xEF, 0xBB, 0xBF])
    }

    /// The ZIP holds copies of the tables published beside the pages: both writers must agree.
    @Test func tablesAreWrittenExactlyAsThePagesPublishThem() throws {
        let source = "项目,内容,标准\n温室,\"墙体、钢架,土建\",\"每平方米\"\"100元\"\"\"\n\"多行\n说明\",,最高4000元\n"
        let table = try CSVTable.parse(source, caption: "奖补目录").get()
        #expect(CSVWriter.csv([table.header] + table.rows) == table.csv)
    }

    @Test func documentsCSVHasOneRowPerDocumentAndTheFederalRegisterColumns() throws {
        let csv = try #require(BuiltSite.seed.text("downloads/documents.csv"))
        #expect(csv.hasPrefix("\u{FEFF}document_number,id,title,type,issuer,issuer_code,recipients,signing_date,"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let documents = try #require(BuiltSite.seed.text("api/v1/documents.json"))
        #expect(lines.count == 1 + documents.occurrences(of: "\"json_path\""))
        #expect(csv.contains("阿政办发〔2023〕9号,azbf-2023-9,"))
        #expect(csv.contains(",2023-03-08,2023-03-29,2023-01,政府办公室文件,46,"))
        #expect(csv.contains("乡村振兴; 庭院经济"))
    }
}

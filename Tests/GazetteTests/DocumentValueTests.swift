import Foundation
import Testing
import GazetteModel

/// A document keeps its fields in a shared box, so that copies are cheap; it must still behave as the value
/// it was: a change to a copy never reaches the original, and it encodes as its fields.
@Suite("Document values")
struct DocumentValueTests {
    private func document() -> Document {
        var document = Document(
            id: "azbf-2023-7", number: DocumentNumber(agencyCode: "阿政办发", year: 2023, serial: 7), title: "关于印发方案的通知",
            issuer: "阿尔山市人民政府办公室", recipients: ["各镇人民政府"], date: Day(year: 2023, month: 3, day: 1)!,
            section: "市政府办公室文件", page: 12, topics: ["农业"], status: .valid, supersedes: nil,
            attachments: ["方案"], noticeRules: [], body: MarkdownBody(text: "正文。", firstLine: 14, path: "a.md"),
            issueID: "2023-01", location: SourceLocation(path: "a.md"))
        document.fieldLocations = ["title": SourceLocation(path: "a.md", line: 3, column: 1)]
        return document
    }

    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        let original = document()
        var copy = original
        #expect(copy == original)
        copy.title = "关于修改方案的通知"
        copy.topics.append("林业")
        copy.fieldLocations["page"] = SourceLocation(path: "a.md", line: 9, column: 1)
        copy.body.text = "新正文。"
        #expect(original.title == "关于印发方案的通知")
        #expect(original.topics == ["农业"])
        #expect(original.fieldLocations.keys.sorted() == ["title"])
        #expect(original.body.text == "正文。")
        #expect(copy.title == "关于修改方案的通知" && copy.topics == ["农业", "林业"] && copy.body.text == "新正文。")
        #expect(copy != original)
        // Equal fields make equal documents, whichever boxes hold them.
        copy = original
        copy.title = original.title
        #expect(copy == original)
    }

    @Test func aDocumentEncodesAsItsFields() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let value = document()
        let fields = try #require(try? encoder.encode(value))
        let object = try #require(try JSONSerialization.jsonObject(with: fields) as? [String: Any])
        #expect(object.keys.sorted() == ["attachments", "body", "date", "fieldLocations", "id", "issueID", "issuer",
                                         "location", "noticeRules", "number", "page", "recipients", "section", "status",
                                         "title", "topics"])
        #expect(object["title"] as? String == "关于印发方案的通知")
    }
}

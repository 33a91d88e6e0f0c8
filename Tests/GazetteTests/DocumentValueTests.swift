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

    /// Letting the Markdown go after rendering frees a large gazette's texts, and never reads a body that was
    /// left in its file (a rebuild leaves 9,999 of 10,000 there: reading them to forget them would read the
    /// whole content again).
    @Test func forgettingMarkdownFreesLargeTextsAndReadsNoFileLeftAlone() {
        final class Reads: @unchecked Sendable { var count = 0 }
        let reads = Reads()
        func site(_ bodies: [MarkdownBody]) -> Site {
            let documents = bodies.enumerated().map { n, body in
                var d = document()
                d.id = "azbf-2023-\(n + 1)"
                d.body = body
                return d
            }
            return Site(config: SiteConfig(title: "公报", titleMongolian: nil, publisher: "阿尔山市人民政府办公室",
                                              baseURL: "https://example.gov.cn/", language: "zh-Hans", issuerCodes: [:]), issues: [],
                        documents: documents, interpretations: [], today: Day(year: 2023, month: 3, day: 1)!)
        }
        let deferred = MarkdownBody(deferred: { reads.count += 1; return "留在文件里的正文。" }, firstLine: 14, path: "b.md",
                                    digest: TextDigest(a: 1, b: 2))
        let large = MarkdownBody(text: String(repeating: "正文。", count: 200_000), firstLine: 14, path: "a.md")
        let forgotten = site([large, deferred]).forgettingMarkdown()
        #expect(forgotten.documents.map(\.body.heldBytes) == [0, 0], "1.8 MB of Markdown is let go")
        #expect(forgotten.documents.map(\.body.path) == ["a.md", "b.md"] && forgotten.documents[0].body.firstLine == 14)
        let small = site([MarkdownBody(text: "改过的正文。", firstLine: 14, path: "a.md"), deferred]).forgettingMarkdown()
        #expect(small.documents[0].body.text == "改过的正文。", "a few kilobytes are kept rather than the site copied")
        #expect(reads.count == 0, "no body left in its file is read")
    }
}

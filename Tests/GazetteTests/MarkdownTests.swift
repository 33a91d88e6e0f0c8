import Testing
import GazetteContent
import GazetteModel
@testable import GazetteRender

/// Document bodies rendered by cmark in safe mode, with the gazette's own conventions:
/// table blocks, attachments after `# 附件N`, no h1 from a body.
@Suite("Markdown")
struct MarkdownTests {
    private func render(_ text: String, firstLine: Int = 1) -> (RenderedBody, [Diagnostic]) {
        var diagnostics = Diagnostics()
        let body = Markdown.render(MarkdownBody(text: text, firstLine: firstLine, path: "issues/2023-01/a.md"),
                                   diagnostics: &diagnostics)
        return (body, diagnostics.sorted)
    }

    /// Everything of the body that reaches a page: 正文 and attachments.
    private func allHTML(_ body: RenderedBody) -> String {
        body.html + body.attachments.map(\.html).joined()
    }

    /// A body read back from the cache's bytes, its HTML still bytes until asked for, shows what the
    /// rendered body showed, field by field, and writes the same bytes again.
    @Test func aBodyReadBackFromItsBytesIsTheBodyRendered() throws {
        let (body, _) = render("""
            第一段，含“引号”与 **强调**。[链接](/documents/azbf-2023-7/)

            ```table 表一
            项目,金额
            甲,1
            ```

            # 附件1 实施细则

            附件正文。
            """)
        let back = try #require(RenderedBody(bytes: body.bytes[...]))
        #expect(back.html == body.html && !back.html.isEmpty)
        #expect(back.text == body.text)
        #expect(back.attachments.map { [$0.label, $0.title, $0.anchor, $0.html] } == body.attachments.map { [$0.label, $0.title, $0.anchor, $0.html] })
        #expect(back.tables.map(\.table.rows) == body.tables.map(\.table.rows) && !back.tables.isEmpty)
        #expect(back.links.map(\.url) == body.links.map(\.url) && !back.links.isEmpty)
        #expect(back.bytes == body.bytes)
        #expect(RenderedBody(bytes: body.bytes.dropLast()) == nil, "a torn record is not a body")
    }

    // MARK: - Safety

    @Test func rawHTMLBlocksAreNotRendered() {
        let (body, _) = render("第一段。\n\n<script>alert('公报')</script>\n\n<div onclick=\"x()\">块</div>\n")
        let html = allHTML(body)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<div"))
        #expect(html.contains("第一段。"))
    }

    @Test func inlineRawHTMLIsNotRendered() {
        let (body, _) = render("正文<script>alert(1)</script>正文 <img src=x onerror=alert(1)> 结束\n")
        #expect(!body.html.contains("<script"))
        #expect(!body.html.contains("<img"))
        #expect(body.html.contains("结束"))
    }

    @Test func rawHTMLInsideAnAttachmentIsNotRenderedEither() {
        let (body, _) = render("正文\n\n# 附件1 方案\n\n<script>alert(1)</script>\n")
        #expect(body.attachments.count == 1)
        #expect(!allHTML(body).contains("<script"))
    }

    @Test("Links with dangerous schemes are dropped",
          arguments: ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox(1)",
                      "data:text/html;base64,PHNjcmlwdD4="])
    func dangerousLinksAreDropped(url: String) {
        let (body, _) = render("请[点击此处](\(url))办理。\n")
        #expect(!body.html.lowercased().contains("javascript:"))
        #expect(!body.html.lowercased().contains("vbscript:"))
        #expect(!body.html.contains("data:text/html"))
        #expect(body.html.contains("点击此处"))
    }

    @Test func ordinaryLinksAreKept() {
        let (body, _) = render("见[国务院网站](https://www.gov.cn/)。\n")
        #expect(body.html.contains("<a href=\"https://www.gov.cn/\">国务院网站</a>"))
        #expect(body.links.map(\.url) == ["https://www.gov.cn/"])
    }

    // MARK: - Tables

    @Test func tableBlockBecomesAnAccessibleTable() throws {
        let (body, diagnostics) = render("""
        前文。

        ```table 阿尔山市发展庭院经济奖补目录
        项目名称,补助标准（脱贫户）
        温室,"每平方米补贴100元，最高4000元"
        ```

        """)
        #expect(diagnostics.isEmpty)
        #expect(body.html.contains("<table id=\"table-1\">"))
        #expect(body.html.contains("<caption id=\"table-1-caption\">阿尔山市发展庭院经济奖补目录</caption>"))
        #expect(body.html.contains("<th scope=\"col\">项目名称</th><th scope=\"col\">补助标准（脱贫户）</th>"))
        #expect(body.html.contains("<td>温室</td><td>每平方米补贴100元，最高4000元</td>"))
        #expect(!body.html.contains("<pre"))
        let table = try #require(body.tables.first)
        #expect(table.anchor == "table-1")
        #expect(table.table.caption == "阿尔山市发展庭院经济奖补目录")
        #expect(table.table.rows.count == 1)
    }

    @Test func tableWithoutCaptionStillHasOne() {
        let (body, _) = render("```table\n序号,姓名\n```\n")
        #expect(body.html.contains("<caption id=\"table-1-caption\">表格</caption>"))
        #expect(!body.html.contains("<tbody>"))
    }

    @Test func tableCellsAreEscapedAndKeepTheirLineBreaks() {
        let (body, _) = render("```table 表\n项目,说明\n\"<b>温室</b>\",\"第一行\n第二行\"\n```\n")
        #expect(body.html.contains("<td>&lt;b&gt;温室&lt;/b&gt;</td>"))
        #expect(body.html.contains("<td>第一行<br>第二行</td>"))
    }

    @Test func tablesAreNumberedInOrderAcrossAttachments() {
        let (body, _) = render("```table 甲\na\n1\n```\n\n# 附件1 表\n\n```table 乙\nb\n2\n```\n")
        #expect(body.tables.map(\.anchor) == ["table-1", "table-2"])
        #expect(body.attachments.first?.html.contains("<table id=\"table-2\">") == true)
    }

    @Test func otherCodeBlocksStayCode() {
        let (body, _) = render("```tables\na,b\n```\n")
        #expect(body.html.contains("<pre>"))
        #expect(body.tables.isEmpty)
    }

    @Test func csvErrorIsReportedAtTheLineOfTheFile() throws {
        let file = """
        ---
        kind: document
        title: 通知
        ---
        正文第一段。

        ```table 明细表
        项目,标准
        温室,100
        冷棚
        ```

        """
        let parts = try FrontMatter.split(file).get()
        let (_, diagnostics) = render(parts.body, firstLine: parts.bodyFirstLine)
        let lines = file.components(separatedBy: "\n")
        let raggedLine = try #require(lines.firstIndex(of: "冷棚")) + 1
        #expect(diagnostics.map(\.location) == [SourceLocation(path: "issues/2023-01/a.md", line: raggedLine, column: 1)])
        #expect(raggedLine == 10)
        #expect(diagnostics.first?.severity == .error)
        #expect(diagnostics.first?.message.contains("表格") == true)
    }

    @Test func unclosedQuoteInATableIsReportedWhereTheQuoteOpens() {
        let (_, diagnostics) = render("```table 表\na,b\n1,\"2\n3,4\n```\n", firstLine: 20)
        // Fence on line 20, header on 21, the open quote on 22.
        #expect(diagnostics.map(\.location.line) == [22])
    }

    // MARK: - Attachments and headings

    @Test func attachmentHeadingStartsAnAttachment() throws {
        let (body, _) = render("现将方案印发给你们。\n\n# 附件1 阿尔山市防贫保险工作实施方案\n\n## 一、总体要求\n\n方案正文。\n")
        #expect(body.html.contains("现将方案印发给你们。"))
        #expect(!body.html.contains("方案正文"))
        let attachment = try #require(body.attachments.first)
        #expect(attachment.label == "附件1")
        #expect(attachment.title == "阿尔山市防贫保险工作实施方案")
        #expect(attachment.anchor == "attachment-1")
        #expect(attachment.html.contains("<h2>一、总体要求</h2>"))
        #expect(attachment.html.contains("方案正文。"))
        // The attachment heading itself is drawn by the template, not repeated in the HTML.
        #expect(!attachment.html.contains("附件1"))
    }

    @Test("Attachment headings in the forms editors write",
          arguments: [("# 附件1 方案", "附件1", "方案"), ("# 附件 2. 名单", "附件2", "名单"),
                      ("# 附件3：清单", "附件3", "清单"), ("# 附件12　明细", "附件12", "明细")])
    func attachmentHeadingForms(heading: String, label: String, title: String) throws {
        let (body, _) = render("正文\n\n\(heading)\n\n内容\n")
        let attachment = try #require(body.attachments.first)
        #expect(attachment.label == label)
        #expect(attachment.title == title)
    }

    @Test func severalAttachmentsKeepTheirOwnContent() {
        let (body, _) = render("正文\n\n# 附件1 甲\n\n甲的内容\n\n# 附件2 乙\n\n乙的内容\n")
        #expect(body.attachments.map(\.label) == ["附件1", "附件2"])
        #expect(body.attachments.map(\.anchor) == ["attachment-1", "attachment-2"])
        #expect(body.attachments[0].html.contains("甲的内容") && !body.attachments[0].html.contains("乙的内容"))
        #expect(body.attachments[1].html.contains("乙的内容"))
    }

    @Test func levelOneHeadingsInABodyBecomeLevelTwo() {
        let (body, _) = render("# 一、总则\n\n正文\n\n# 附件说明\n\n## 二、分则\n")
        #expect(!body.html.contains("<h1"))
        #expect(body.html.contains("<h2>一、总则</h2>"))
        #expect(body.html.contains("<h2>附件说明</h2>"))
        #expect(body.attachments.isEmpty)
    }

    @Test func noBodyEverProducesAnH1() {
        let (body, _) = render("# 标题\n\n正文\n\n# 附件1 方案\n\n# 又一个标题\n\n内容\n")
        #expect(!allHTML(body).contains("<h1"))
    }

    // MARK: - Text and warnings

    @Test func plainTextCoversBodyAttachmentsAndTables() {
        let (body, _) = render("正文。\n\n# 附件1 方案\n\n```table 目录\n项目\n温室\n```\n")
        #expect(body.text.contains("正文。"))
        #expect(body.text.contains("附件1 方案"))
        #expect(body.text.contains("目录"))
        #expect(body.text.contains("温室"))
    }

    @Test func boldMarkersThatCommonMarkLeavesLiteralAreWarnedAboutAtTheirLine() {
        let (_, diagnostics) = render("第一段\n\n**公示报备。**镇政府审核。\n", firstLine: 10)
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.map(\.location.line) == [12])
    }

    @Test func rawHTMLThatSafeModeDropsIsWarnedAboutAtItsLine() {
        let (body, diagnostics) = render("第一段\n\n<div>这段文字会丢失</div>\n", firstLine: 10)
        #expect(!body.html.contains("这段文字会丢失"))
        #expect(diagnostics.map(\.severity) == [.warning])
        #expect(diagnostics.map(\.location.line) == [12])
        #expect(diagnostics.first?.message.contains("HTML 标记不会显示") == true)
    }
}

/// The byte search behind the ** and raw-HTML warnings, at the edges of the text.
@Test(arguments: [
    ("**公示报备。**镇政府", "**", true), ("镇政府**", "**", true), ("镇政府*", "**", false), ("", "**", false),
    ("*", "**", false), ("a<!-- raw HTML omitted -->", "<!-- raw HTML omitted -->", true),
    ("<!-- raw HTML omitted --", "<!-- raw HTML omitted -->", false), ("庭院经济", "院经", true), ("庭院经济", "", true),
    ("庭院经济", "济院", false),
])
func byteSearchFindsTheNeedleAnywhere(haystack: String, needle: String, found: Bool) {
    #expect(haystack.containsBytes(needle) == found)
}

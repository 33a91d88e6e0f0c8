import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import GazetteModel
import GazetteRender

/// A script, quotes, `&`, `]]>` and a `javascript:` link in every kind of field, and every
/// format the build writes: HTML, JSON, XML, iCalendar and CSV must each keep the text as text.
@Suite("Escaping")
struct EscapingTests {
    /// Breaks out of an element, an attribute in either quote, a CDATA section and an iCalendar value.
    static let evil = #"<script>alert(1)</script> "q" 'a' & ]]> ;,\ x" onmouseover="alert(2)"#

    /// `evil` as a double-quoted YAML scalar, after `label`.
    static func yaml(_ label: String) -> String {
        "\"" + (label + evil).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `evil` as one quoted CSV field.
    static var csv: String { "\"" + evil.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    static var tree: String {
        """
        -- site.yaml --
        title: \(yaml("测试市人民政府公报"))
        title_mn: \(yaml("ᠲᠡᠰᠲ"))
        publisher: \(yaml("测试市人民政府办公室"))
        base_url: https://example.gov.cn/a&b'/
        issuer_codes: {测政办发: cszbf}
        -- departments.yaml --
        - id: finance
          name: \(yaml("测试市财政局"))
          aliases: [\(yaml("财政局"))]
          kind: \(yaml("政府工作部门"))
        -- issues/2023-01/issue.yaml --
        year: 2023
        number: 1
        total: 1
        published: 2023-03-29
        printed_by: \(yaml("测试市人民政府办公室"))
        sections: [\(yaml("政府办公室文件"))]
        -- issues/2023-01/policy.md --
        ---
        kind: document
        number: 测政办发〔2023〕9号
        title: \(yaml("关于印发实施方案的通知"))
        issuer: \(yaml("测试市人民政府办公室"))
        recipients: [\(yaml("各镇人民政府")), 市直有关部门]
        date: 2023-03-08
        section: \(yaml("政府办公室文件"))
        page: 1
        topics: [\(yaml("乡村振兴"))]
        attachments: [\(yaml("实施方案")), 政策解读]
        notice_rules:
          - id: village-plan
            name: \(yaml("村级计划公示"))
            working_days: 5
            quote: 公示5个工作日
        ---
        经审议后公示5个工作日。正文里的 & " ' ]]> ;,\\ 也是文字。

        <script>alert(1)</script>

        <img src=x onerror="alert(5)"> 行内 <b onclick="alert(6)">HTML</b>

        [点我](javascript:alert(3)) [再点](JAVASCRIPT:alert(4)) [数据](data:text/html;base64,PHNjcmlwdD4=)

        `<script>alert(1)</script>`

        ```table 表格\(Self.evil)
        名称,说明
        \(csv),\(csv)
        ```
        -- issues/2023-01/policy-jiedu.md --
        ---
        kind: interpretation
        title: \(yaml("政策解读"))
        interprets: 测政办发〔2023〕9号
        issuer: \(yaml("测试市人民政府办公室"))
        section: \(yaml("政府办公室文件"))
        page: 2
        ---
        解读正文 \(Self.evil)
        -- notices/plan.md --
        ---
        title: \(yaml("某村公示"))
        publisher: \(yaml("某村村民委员会"))
        rule: 测政办发〔2023〕9号#village-plan
        start: 2023-03-31
        contact: \(yaml("举报电话"))
        ---
        公示内容 \(Self.evil)
        -- calendar/2023.yaml --
        year: 2023
        holidays:
          - {name: \(yaml("清明节")), from: 2023-04-05, to: 2023-04-05}
        -- leadership/2023-01-17.yaml --
        source: 测政办发〔2023〕9号
        effective: 2023-01-17
        leaders:
          - id: leader-one
            name: \(yaml("王某"))
            post: \(yaml("市长"))
            duties: \(yaml("主持全面工作"))
            areas: [\(yaml("财政"))]
            oversees: [\(yaml("财政局")), \(yaml("星际旅行局"))]
            liaises: [\(yaml("市人大"))]
            other: \(yaml("其他工作"))
        -- committees/group.yaml --
        name: \(yaml("领导小组"))
        source: 测政办发〔2023〕9号
        office: {unit: \(yaml("财政局")), head: \(yaml("赵某"))}
        duties: [\(yaml("研究"))]
        members:
          - {role: \(yaml("组长")), name: \(yaml("王某")), post: \(yaml("市长"))}
        """
    }

    @Test func everyOutputFormatKeepsHostileTextAsText() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: try InlineSite(Self.tree, in: folder).root, into: folder)
        try #require(build.errors.isEmpty, "\(build.diagnosticLines)")
        let files = fileTree(at: build.output)
        for format in [".html", ".json", ".xml", ".ics", ".csv"] {
            #expect(files.keys.contains { $0.hasSuffix(format) }, "no \(format) file was written")
        }

        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self)
            switch (path as NSString).pathExtension {
            case "html": checkHTML(text, path: path)
            case "json": try checkJSON(data, path: path)
            case "xml": checkXML(data, path: path)
            case "ics": checkICalendar(text, path: path)
            default: break
            }
            #expect(!Self.unsafeLink(in: text), "\(path) links to javascript:/data:")
        }
        let document = String(decoding: try #require(files["documents/cszbf-2023-9/index.html"]), as: UTF8.self)
        #expect(document.contains("关于印发实施方案的通知&lt;script&gt;alert(1)&lt;/script&gt;"), "the title is shown, escaped")
        let table = String(decoding: try #require(files["documents/cszbf-2023-9/table-1.csv"]), as: UTF8.self)
        #expect(try CSVTable.parse(String(table.dropFirst()), caption: nil).get().rows == [[Self.evil, Self.evil]])
    }

    // MARK: - Formats

    /// Only the site's own script elements; no attribute opened by content.
    func checkHTML(_ html: String, path: String) {
        for tag in Self.matches(#"<script[^>]*>"#, in: html.lowercased()) {
            let own = tag == #"<script type="application/ld+json">"# || tag == #"<script type="application/json" id="lookup-data">"#
                || Self.matches(#"^<script src="[^"<>]*assets/[a-z-]+\.js"( data-[a-z-]+="[^"<>]*")*( defer)?>$"#, in: tag).count == 1
            #expect(own, "\(path): \(tag)")
        }
        #expect(!html.contains("onmouseover=\""), "\(path): an attribute opened by content")
        #expect(!html.lowercased().contains("onerror") && !html.lowercased().contains("onclick"), "\(path): raw HTML rendered")
        // Inside a script element, content must not close it.
        for json in Self.matches(#"(?s)<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>"#, in: html, group: 1) {
            #expect(!json.contains("<"), "\(path): `<` inside a script element")
            let value = try? JSONSerialization.jsonObject(with: Data(json.utf8))
            #expect(value != nil, "\(path): embedded JSON does not parse")
        }
    }

    func checkJSON(_ data: Data, path: String) throws {
        let value = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        if path.hasPrefix("api/v1/documents/cszbf-2023-9") {
            #expect(Self.strings(in: value).contains("关于印发实施方案的通知" + Self.evil), "\(path) lost the title")
        }
    }

    func checkXML(_ data: Data, path: String) {
        let collector = XMLText()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        #expect(parser.parse(), "\(path) is not well-formed: \(String(describing: parser.parserError))")
        if path == "feed.xml" { #expect(collector.text.contains("关于印发实施方案的通知" + Self.evil), "\(path) lost the title") }
    }

    /// RFC 5545 §3.3.11: in TEXT values `\`, `;` and `,` are escaped and line breaks are `\n`.
    func checkICalendar(_ ics: String, path: String) {
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "\(path): a bare line feed")
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        for line in unfolded where ["SUMMARY:", "DESCRIPTION:", "X-WR-CALNAME:"].contains(where: line.hasPrefix) {
            let value = String(line.drop { $0 != ":" }.dropFirst())
            var unescaped = "", escaped = false
            for c in value {
                if escaped {
                    #expect(["\\", ";", ",", "n", "N"].contains(c), "\(path): unknown escape \\\(c)")
                    unescaped.append(c == "n" || c == "N" ? "\n" : c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else {
                    #expect(c != ";" && c != ",", "\(path): unescaped \(c) in \(line.prefix(40))")
                    unescaped.append(c)
                }
            }
            if line.hasPrefix("SUMMARY:") { #expect(unescaped.contains("某村公示" + Self.evil), "\(path): \(unescaped)") }
        }
    }

    // MARK: - Helpers

    static func unsafeLink(in text: String) -> Bool {
        let lower = text.lowercased().replacingOccurrences(of: "\\\"", with: "\"")
        return ["href=\"javascript:", "src=\"javascript:", "href=\"data:", "href=\"vbscript:"].contains(where: lower.contains)
    }

    static func matches(_ pattern: String, in text: String, group: Int = 0) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
            Range($0.range(at: group), in: text).map { String(text[$0]) }
        }
    }

    static func strings(in value: Any) -> [String] {
        switch value {
        case let s as String: return [s]
        case let a as [Any]: return a.flatMap(strings)
        case let d as [String: Any]: return d.values.flatMap(strings)
        default: return []
        }
    }
}

/// The character data of an XML document.
private final class XMLText: NSObject, XMLParserDelegate {
    var text = ""
    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text += String(decoding: CDATABlock, as: UTF8.self) }
}

/// The templates' `{{value}}` escaping (`HTML.escape`), on a theme of one template written here.
@Suite("Template escaping")
struct TemplateEscapingTests {
    static func templates(_ text: String, diagnostics: inout Diagnostics) throws -> Templates? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gazette-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try text.write(to: folder.appendingPathComponent("page.mustache"), atomically: true, encoding: .utf8)
        return Templates.load(from: folder, displayPath: "theme/templates", diagnostics: &diagnostics)
    }

    @Test func valuesAreEscapedAndTripleBracesAreNot() throws {
        var diagnostics = Diagnostics()
        let templates = try #require(try Self.templates("<p title=\"{{v}}\">{{v}}</p>{{{raw}}}\n", diagnostics: &diagnostics))
        let value = #"<b>"庭院经济" & 'x'</b>"#
        let out = templates.render("page", ["v": value, "raw": "<i>已转义</i>"])
        #expect(out == "<p title=\"&lt;b&gt;&quot;庭院经济&quot; &amp; &#39;x&#39;&lt;/b&gt;\">"
                     + "&lt;b&gt;&quot;庭院经济&quot; &amp; &#39;x&#39;&lt;/b&gt;</p><i>已转义</i>\n")
    }

    /// A quote followed by a combining mark is one Character to Swift but still a quote to the browser:
    /// it must not end the attribute.
    @Test func aQuoteWithACombiningMarkIsStillEscaped() throws {
        var diagnostics = Diagnostics()
        let templates = try #require(try Self.templates(#"<a title="{{v}}">x</a>"#, diagnostics: &diagnostics))
        let quoteWithMark = "\"\u{301}"  // in variables: Swift Testing's macros cannot quote the literal
        let out = try #require(templates.render("page", ["v": quoteWithMark + " onmouseover=alert(1)"]))
        let expected = "<a title=\"&quot;\u{301} onmouseover=alert(1)\">x</a>"
        #expect(!out.contains(quoteWithMark))
        #expect(out == expected)
    }

    /// The same mistake on line 1 and on line 2 is at the same column (nothing is put in front of the
    /// author's first line).
    @Test func aSyntaxErrorOnTheFirstLineIsReportedAtTheAuthorsColumn() throws {
        func location(_ text: String) throws -> GazetteModel.SourceLocation {
            var diagnostics = Diagnostics()
            _ = try Self.templates(text, diagnostics: &diagnostics)
            return try #require(diagnostics.all.first).location
        }
        let first = try location("<p>{{#open}}</p>{{/shut}}\n")
        let second = try location("\n<p>{{#open}}</p>{{/shut}}\n")
        #expect(first.path == "theme/templates/page.mustache")
        #expect(first.line == 1)
        #expect(second.line == 2)
        #expect(first.column == second.column)
    }

    @Test func textWithoutSpecialCharactersComesBackAsItIs() {
        #expect(HTML.escape("阿尔山市人民政府公报 2023年第1期") == "阿尔山市人民政府公报 2023年第1期")
        #expect(HTML.escape("") == "")
        #expect(HTML.escape("a&b") == "a&amp;b")
        // Special characters first, last and side by side, between runs copied whole.
        #expect(HTML.escape("&公报'<>\"") == "&amp;公报&#39;&lt;&gt;&quot;")
        var bytes = Array("前".utf8)
        HTML.append("<后>", escapedTo: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "前&lt;后&gt;")
    }
}

import Foundation
import Mustache
import Testing
@testable import GazetteBuild
@testable import GazetteRender
import GazetteContent
import GazetteModel

/// Our template engine against swift-mustache, which drew the pages before it: the same templates and
/// contexts must give the same bytes, on tricky templates written here and on every page of the seed site.
@Suite("Template engine")
struct TemplateEngineTests {
    /// Templates that exercise the rules a theme author relies on: standalone lines vanish, partials and
    /// blocks keep their indentation, the outermost override wins, sections push values, arrays repeat,
    /// empty arrays and `false` hide, dotted names and `.` resolve, comments and delimiters change nothing.
    static let cases: [(name: String, templates: [String: String])] = [
        ("variables", ["page": "<p>{{title}} {{{raw}}} {{&raw}} {{count}} {{flag}} {{missing}}</p>\n"]),
        ("standalone sections", ["page": "<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n{{^items}}\n无\n{{/items}}\n"]),
        ("inline sections", ["page": "a {{#flag}}是{{/flag}}{{^flag}}否{{/flag}} b {{#empty}}x{{/empty}}{{^empty}}空{{/empty}}\n"]),
        ("first line standalone", ["page": "{{#flag}}\n第一行\n{{/flag}}\n"]),
        ("dotted and dot", ["page": "{{person.name}}/{{#person}}{{name}}-{{title}}{{/person}}/{{#tags}}[{{.}}]{{/tags}}/{{.title}}\n"]),
        ("nested stack", ["page": "{{#items}}{{#tags}}{{name}}:{{.}}:{{title}};{{/tags}}{{/items}}\n"]),
        ("comments and delimiters", ["page": "a{{! 注释 }}b\n  {{! 独占一行 }}\n{{=<% %>=}}\n<%title%>\n<%={{ }}=%>\n{{title}}\n"]),
        ("partial indentation", [
            "page": "<ol>\n  {{>entry}}\n</ol>\n<p>{{>entry}}</p>\n",
            "entry": "<li>\n  {{title}}\n</li>\n",
        ]),
        ("inheritance", [
            "page": "{{<layout}}\n{{$head}}<meta name=\"x\">{{/head}}\n{{$main}}\n  <h1>{{title}}</h1>\n  {{#items}}\n  <p>{{name}}</p>\n  {{/items}}\n{{/main}}\n{{/layout}}\n",
            "layout": "<html>\n{{$head}}{{/head}}\n<body>\n  {{$main}}默认{{/main}}\n  {{$foot}}\n  <footer>{{title}}</footer>\n  {{/foot}}\n</body>\n</html>\n",
        ]),
        ("nested inheritance", [
            "page": "{{<middle}}{{$main}}页面{{/main}}{{/middle}}",
            "middle": "{{<layout}}{{$main}}中间{{/main}}{{$side}}侧栏{{/side}}{{/layout}}",
            "layout": "[{{$main}}底{{/main}}|{{$side}}底侧{{/side}}]\n",
        ]),
        ("crlf and trailing", ["page": "a\r\n  {{#flag}}\r\nb\r\n  {{/flag}}\r\n  末尾"]),
        ("same name nested", ["page": "{{#person}}{{#person}}{{name}}{{/person}}{{/person}}|{{#items}}{{#items}}x{{/items}}{{/items}}\n"]),
        ("dotted misses", ["page": "[{{person.missing}}][{{missing.name}}][{{#person.name}}{{.}}{{/person.name}}][{{^person.missing}}无{{/person.missing}}]\n"]),
        ("numbers and flags", ["page": "{{#numbers}}{{.}},{{/numbers}} {{#count}}有{{count}}{{/count}} {{^zero}}零不是假{{/zero}} {{#off}}不显示{{/off}}{{^off}}关{{/off}}\n"]),
        ("standalone at end of file", ["page": "行\n  {{! 末行注释 }}"]),
        ("indented overrides", [
            "page": "{{<layout}}\n  {{$main}}\n    <p>一</p>\n      <p>二</p>\n  {{/main}}\n{{/layout}}\n",
            "layout": "<main>\n    {{$main}}{{/main}}\n</main>\n",
        ]),
        ("partial in section with indentation", [
            "page": "<ul>\n{{#items}}\n    {{>item}}\n{{/items}}\n</ul>\n",
            "item": "<li>{{name}}</li>\n<li>{{#tags}}{{.}}{{/tags}}</li>\n",
        ]),
        ("missing partial and empty template", ["page": "a{{>nowhere}}b\n{{>empty}}c\n", "empty": ""]),
    ]

    static var context: [String: Any] { [
        "title": "标题 <b>&\"'</b>", "raw": "<i>原样</i>", "count": 3, "flag": true, "empty": [Any](),
        "items": [["name": "甲", "tags": ["x", "y"]], ["name": "乙<", "tags": [String]()]],
        "person": ["name": "王某", "title": "市长"], "tags": ["一", "二"], "numbers": [0, 1, 2], "zero": 0, "off": false,
    ] }

    static func reference(_ templates: [String: String], page: String, context: [String: Any]) throws -> String? {
        var library = MustacheLibrary()
        for (name, text) in templates { try library.register(text, named: name) }
        return library.render(context, withTemplate: page)
    }

    static func ours(_ templates: [String: String], page: String, context: [String: Any]) throws -> String? {
        let parsed = try templates.mapValues { try TemplateParser.parse($0) }
        return TemplateRenderer(templates: parsed).render(page, context).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: cases.indices)
    func drawsWhatSwiftMustacheDraws(index: Int) throws {
        let (name, templates) = Self.cases[index]
        let expected = try Self.reference(templates, page: "page", context: Self.context)
        let actual = try Self.ours(templates, page: "page", context: Self.context)
        #expect(actual != nil, "\(name)")
        #expect(actual == expected, "\(name)")
    }

    /// Every page of the seed site (issues, documents, interpretations, notices, leadership, units,
    /// committees, lists, search, downloads), drawn by both engines from the build's own contexts.
    @Test func everySeedPageIsDrawnAsSwiftMustacheDrewIt() throws {
        var diagnostics = Diagnostics()
        let sources = ContentSources.load(root: Repository.seedContent, diagnostics: &diagnostics)
        let site = try #require(SiteResolver.resolve(sources, today: Day(iso: "2026-11-29")!, diagnostics: &diagnostics))
        var renderer = SiteRenderer(site: site, themeRoot: Repository.theme, jobs: 2, keepsPages: true)
        let rendered = try #require(renderer.render(diagnostics: &diagnostics, sink: OutputSink(tree: nil, cache: nil, jobs: 1)))
        let folder = Repository.theme.appendingPathComponent("templates")
        var library = MustacheLibrary()
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".mustache") {
            try library.register(String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8),
                                 named: String(file.dropLast(".mustache".count)))
        }
        var compared = Set<String>()
        for page in rendered.pages {
            let ours = rendered.templates.render(page.template, page.context)
            #expect(ours != nil && ours == library.render(page.context, withTemplate: page.template), "\(page.path)")
            compared.insert(page.template)
        }
        #expect(compared.count >= 20, "pages of \(compared.count) templates compared")
    }

    @Test func aSyntaxErrorIsReportedWhereTheParserStopped() throws {
        func error(_ text: String) -> TemplateSyntaxError? {
            do { _ = try TemplateParser.parse(text); return nil } catch { return error }
        }
        let mismatch = try #require(error("<p>\n  {{#open}}</p>{{/shut}}\n"))
        #expect(mismatch.line == 2)
        #expect(mismatch.column == 19, "just after {{/ (2 + 9 + 4 + 3 characters before it)")
        #expect(mismatch.message.contains("shut") && mismatch.message.contains("open"))
        let unclosed = try #require(error("{{#open}}\n<p>\n"))
        #expect(unclosed.message.contains("{{/open}}"))
        let transform = try #require(error("{{uppercased(title)}}"))
        #expect(transform.message.contains("不支持"))
    }
}

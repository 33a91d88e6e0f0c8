import Foundation
import GazetteModel
import Mustache

/// The theme's Mustache templates, loaded once per build.
public struct Templates: Sendable {
    private let library: MustacheLibrary
    /// Template names, for checking that the pages a build needs exist.
    public let names: Set<String>
    /// Source text of each template, for fingerprints.
    private let sources: [String: String]

    /// Loads every `*.mustache` below `directory`; a syntax error is reported at its line.
    public static func load(from directory: URL, displayPath: String,
                            diagnostics: inout Diagnostics) -> Templates? {
        var library = MustacheLibrary()
        TemplateEscaping.register()
        var names: Set<String> = []
        var sources: [String: String] = [:]
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = "\(displayPath)/\(file)"
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                diagnostics.error("无法读取模板", at: SourceLocation(path: path))
                continue
            }
            do {
                try library.register(TemplateEscaping.pragma + text, named: name)
                names.insert(name)
                sources[name] = text
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error("模板语法错误：\(error.error)",
                                  at: SourceLocation(path: path, line: error.context.lineNumber,
                                                     column: Self.column(of: error.context)))
            } catch {
                diagnostics.error("模板语法错误：\(error)", at: SourceLocation(path: path))
            }
        }
        if names.isEmpty {
            diagnostics.error("主题中没有模板（*.mustache）", at: SourceLocation(path: displayPath))
            return nil
        }
        return Templates(library: library, names: names, sources: sources)
    }

    /// The column of a parser error in the theme's file: on the first line, the pragma put in front of the
    /// text is not the author's.
    private static func column(of context: MustacheParserContext) -> Int {
        context.lineNumber == 1 ? max(1, context.columnNumber - TemplateEscaping.pragma.count) : context.columnNumber
    }

    /// The text of `name` and of every template it uses (`{{<parent}}`, `{{>partial}}`), in a
    /// stable order: a page's output depends on exactly these, so a change to one template
    /// invalidates only the pages that use it.
    public func dependencyText(of name: String) -> String {
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let text = sources[next] else { continue }
            pending += Self.references(in: text)
        }
        return seen.sorted().map { "\($0)\u{0}\(sources[$0] ?? "")" }.joined(separator: "\u{1}")
    }

    /// Names after `{{<` and `{{>` in a template.
    static func references(in text: String) -> [String] {
        text.components(separatedBy: "{{").dropFirst().compactMap { tag in
            guard let first = tag.first, first == "<" || first == ">" else { return nil }
            let name = tag.dropFirst().prefix { $0 != "}" }.trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }
    }

    /// Renders `context` with the template `name`.
    public func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }
}

/// How the templates escape `{{value}}`: with `HTML.escape`, instead of swift-mustache's own escaper, which
/// walks the text Character by Character through a dictionary (8 % of the whole build's instructions at
/// 1,000 documents) and, going by grapheme clusters, leaves a quote followed by a combining mark (`"\u{301}`)
/// unescaped, though the browser still reads it as a quote. Same replacements otherwise.
///
/// swift-mustache starts every template in its own HTML escaping; a template switches with the
/// `CONTENT_TYPE` pragma, which `Templates.load` puts in front of each theme template (on its first line,
/// so line numbers stay as the theme author sees them).
struct TemplateEscaping: MustacheContentType {
    static let name = "GAZETTE_HTML"
    static let pragma = "{{% CONTENT_TYPE: \(name) }}"

    /// Makes the pragma known to the template parser; repeating it is harmless.
    static func register() {
        MustacheContentTypes.register(TemplateEscaping(), named: name)
    }

    func escapeText(_ text: String) -> String { HTML.escape(text) }
}

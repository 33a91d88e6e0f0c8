import Foundation
import GazetteModel

/// The theme's Mustache templates, loaded once per build.
public struct Templates: Sendable {
    private let renderer: TemplateRenderer
    /// Template names, for checking that the pages a build needs exist.
    public let names: Set<String>
    /// Source text of each template, for fingerprints.
    private let sources: [String: String]
    /// The templates each one names (`references(in:)`), found once: the build keys its pages by every
    /// template's text with all it uses, and finding them again for each was 10 ms of a rebuild.
    private let uses: [String: [String]]

    private init(renderer: TemplateRenderer, names: Set<String>, sources: [String: String]) {
        self.renderer = renderer
        self.names = names
        self.sources = sources
        uses = sources.mapValues(Self.references)
    }

    /// Loads every `*.mustache` below `directory`; a syntax error is reported at its line.
    public static func load(from directory: URL, displayPath: String,
                            diagnostics: inout Diagnostics) -> Templates? {
        var parsed: [String: [TemplateNode]] = [:]
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
                parsed[name] = try TemplateParser.parse(text)
                names.insert(name)
                sources[name] = text
            } catch {
                diagnostics.error("模板语法错误：\(error.message)",
                                  at: SourceLocation(path: path, line: error.line, column: error.column))
            }
        }
        if names.isEmpty {
            diagnostics.error("主题中没有模板（*.mustache）", at: SourceLocation(path: displayPath))
            return nil
        }
        return Templates(renderer: TemplateRenderer(templates: parsed), names: names, sources: sources)
    }

    /// The text of `name` and of every template it uses (`{{<parent}}`, `{{>partial}}`), in a
    /// stable order: a page's output depends on exactly these, so a change to one template
    /// invalidates only the pages that use it.
    public func dependencyText(of name: String) -> String {
        var seen: Set<String> = []
        var pending = [name]
        while let next = pending.popLast() {
            guard seen.insert(next).inserted, let used = uses[next] else { continue }
            pending += used
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
        renderer.render(name, context).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The page's bytes, as they are written.
    public func renderData(_ name: String, _ context: [String: Any]) -> Data? {
        renderer.render(name, context).map { Data($0) }
    }
}

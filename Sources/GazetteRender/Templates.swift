import Foundation
import GazetteModel
import Mustache

/// The theme's Mustache templates, loaded once per build.
public struct Templates: Sendable {
    private let library: MustacheLibrary
    /// Template names, for checking that the pages a build needs exist.
    public let names: Set<String>

    /// Loads every `*.mustache` below `directory`; a syntax error is reported at its line.
    public static func load(from directory: URL, displayPath: String,
                            diagnostics: inout Diagnostics) -> Templates? {
        var library = MustacheLibrary()
        var names: Set<String> = []
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = "\(displayPath)/\(file)"
            guard let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                diagnostics.error("无法读取模板", at: SourceLocation(path: path))
                continue
            }
            do {
                try library.register(text, named: name)
                names.insert(name)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.error("模板语法错误：\(error.error)",
                                  at: SourceLocation(path: path, line: error.context.lineNumber,
                                                     column: error.context.columnNumber))
            } catch {
                diagnostics.error("模板语法错误：\(error)", at: SourceLocation(path: path))
            }
        }
        if names.isEmpty {
            diagnostics.error("主题中没有模板（*.mustache）", at: SourceLocation(path: displayPath))
            return nil
        }
        return Templates(library: library, names: names)
    }

    /// Renders `context` with the template `name`.
    public func render(_ name: String, _ context: [String: Any]) -> String? {
        library.render(context, withTemplate: name)
    }
}

import GazetteModel
import Yams

/// A YAML node with the place it came from, for typed reading with precise diagnostics.
struct YAMLValue {
    let node: Node
    let path: String
    /// Added to Yams' line numbers: the line of the file where the YAML text begins, minus one.
    let lineOffset: Int

    var location: SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: mark.line + lineOffset, column: mark.column)
    }

    /// Every value is read as the text it is written as (`YAMLMap` parses numbers, dates and booleans itself,
    /// with messages of its own), so Yams need not match each scalar against its regular expressions for
    /// booleans, numbers and timestamps: 2 % of a build's CPU time.
    private static let untyped = Resolver.basic
    /// Made once: `Constructor.default` builds its tables anew on every call. (Both are immutable once made,
    /// so the decoding threads share them.) The encoding is given because `Parser.Encoding.default` reads
    /// the whole environment on every call, another 2 %.
    nonisolated(unsafe) private static let constructor = Constructor.default

    /// Parses YAML text; on failure reports the error at its line and returns nil.
    static func parse(_ yaml: String, path: String, firstLine: Int,
                      diagnostics: inout Diagnostics) -> YAMLValue? {
        if let problem = YAMLGuard.firstProblem(in: yaml) {
            diagnostics.error(problem.message,
                              at: SourceLocation(path: path, line: problem.line + firstLine, column: problem.column))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: yaml, untyped, constructor, .utf8) else {
                diagnostics.error("内容为空", at: SourceLocation(path: path, line: firstLine))
                return nil
            }
            return YAMLValue(node: node, path: path, lineOffset: firstLine - 1)
        } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
            // Yams checks this before YAMLMap can; say it as plainly, at the repeated key.
            let key = keys.first ?? ""
            let (line, column) = repetition(of: key, after: context.mark, in: yaml)
            diagnostics.error("键 `\(key)` 重复出现", at: SourceLocation(path: path, line: line + firstLine - 1, column: column))
            return nil
        } catch let error as YamlError {
            let (mark, problem) = describe(error)
            let location = mark.map { SourceLocation(path: path, line: $0.line + firstLine - 1, column: $0.column) }
                ?? SourceLocation(path: path, line: firstLine)
            diagnostics.error("YAML 语法错误：\(problem)", at: location)
            return nil
        } catch {
            diagnostics.error("YAML 语法错误：\(error)", at: SourceLocation(path: path, line: firstLine))
            return nil
        }
    }

    /// Where `key` is written again below its first place (Yams reports only the first).
    private static func repetition(of key: String, after first: Mark, in yaml: String) -> (line: Int, column: Int) {
        guard first.line >= 1, first.column >= 1 else { return (max(first.line, 1), first.column) }
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        for index in stride(from: first.line, to: lines.count, by: 1) {
            let line = lines[index].unicodeScalars
            guard line.count >= first.column else { continue }
            let rest = String(line.dropFirst(first.column - 1))
            if line.prefix(first.column - 1).allSatisfy({ $0 == " " || $0 == "-" }), rest.hasPrefix(key + ":") {
                return (index + 1, first.column)
            }
        }
        return (first.line, first.column)
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return (mark, prefix + problem)
        case let .reader(problem, _, _, _):
            return (nil, problem)
        default:
            return (nil, "\(error)")
        }
    }
}

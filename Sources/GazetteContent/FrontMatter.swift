import GazetteModel

/// A Markdown file split into its YAML front matter and its body, with line numbers kept.
public struct FrontMatter: Sendable, Equatable {
    /// The YAML between the `---` fences.
    public let yaml: String
    /// Line of the file on which the YAML's first line stands (2 for a fence on line 1).
    public let yamlFirstLine: Int
    /// Everything after the closing fence.
    public let body: String
    /// Line of the file on which the body's first line stands.
    public let bodyFirstLine: Int

    public enum SplitError: Error, Equatable, Sendable {
        /// The file does not start with `---`.
        case missingOpeningFence
        /// The opening fence on line 1 is never closed.
        case missingClosingFence

        public var message: String {
            switch self {
            case .missingOpeningFence: return "文件应以 `---` 开头的前置元数据（front matter）开始"
            case .missingClosingFence: return "前置元数据没有以 `---` 结束"
            }
        }
    }

    /// Splits `text` (LF line endings) at the `---` fences.
    public static func split(_ text: String) -> Result<FrontMatter, SplitError> {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard let first = lines.first, isFence(first) else { return .failure(.missingOpeningFence) }
        guard let close = lines.indices.dropFirst().first(where: { isFence(lines[$0]) }) else {
            return .failure(.missingClosingFence)
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        let bodyLines = lines[(close + 1)...]
        let body = bodyLines.isEmpty ? "" : bodyLines.joined(separator: "\n") + "\n"
        return .success(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: close + 2))
    }

    private static func isFence(_ line: Substring) -> Bool {
        line.hasPrefix("---") && line.dropFirst(3).allSatisfy { $0 == " " || $0 == "\t" }
    }
}

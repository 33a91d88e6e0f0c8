import GazetteModel

/// Refuses YAML features that content never needs but an attacker could use:
/// anchors and aliases (a "billion laughs" bomb expands a few lines into billions
/// of nodes) and nesting so deep that a recursive parser runs out of stack.
enum YAMLGuard {
    static let maximumDepth = 32

    /// The first forbidden construct in `yaml`, as (line offset from 0, column from 1, message).
    static func firstProblem(in yaml: String) -> (line: Int, column: Int, message: String)? {
        for (index, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(line)
            var depth = 0
            var quote: Character?
            var previous: Character = " "
            for (column, c) in chars.enumerated() {
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "#" && (previous == " " || column == 0) {
                    break
                } else if c == "\"" || c == "'" {
                    if " [{,:-".contains(previous) || column == 0 { quote = c }
                } else if c == "[" || c == "{" {
                    depth += 1
                    if depth > maximumDepth {
                        return (index, column + 1, "YAML 嵌套层数过多（超过 \(maximumDepth) 层）")
                    }
                } else if c == "]" || c == "}" {
                    depth -= 1
                } else if (c == "&" || c == "*") && " [{,".contains(previous) || ((c == "&" || c == "*") && column == 0) {
                    let next = column + 1 < chars.count ? chars[column + 1] : " "
                    if next.isLetter || next.isNumber || next == "_" || next == "-" {
                        return (index, column + 1, "不支持 YAML 锚点和别名（\(c)\(next)…）；请直接写出内容")
                    }
                }
                previous = c
            }
            let indent = chars.prefix { $0 == " " }.count
            if indent > maximumDepth * 4 {
                return (index, indent + 1, "YAML 缩进层数过多")
            }
        }
        return nil
    }
}

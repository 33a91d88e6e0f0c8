/// A parsed theme template: Mustache with template inheritance (`{{<parent}}`, `{{$block}}`).
///
/// The parser follows swift-mustache's, which drew the pages until December 2026, rule for rule (which
/// lines are standalone and vanish, how partials and blocks are indented, where an error is reported),
/// so that a theme gives the same bytes as before. It leaves out what our themes cannot use: lambdas,
/// transforms (`{{uppercased(name)}}`) and dynamic partials (`{{>*name}}`) are reported as errors.
/// A test draws every page of the seed site through both engines and compares them.
indirect enum TemplateNode: Sendable {
    case text(String)
    /// `{{name}}` (escaped) or `{{{name}}}`, `{{&name}}`.
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode], inverted: Bool)
    /// `{{>name}}`, or `{{<name}}…{{/name}}` with the blocks it overrides. A standalone tag indents
    /// the partial's lines with the whitespace before it.
    case partial(String, indentation: String?, overrides: [String: [TemplateNode]]?)
    /// `{{$name}}default{{/name}}` where a template is extended.
    case block(String, default: [TemplateNode], indentation: String)
    /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: an override, collected by the parent.
    case blockDefinition(String, [TemplateNode])
    /// `{{% … }}`: no output.
    case pragma
}

/// A dotted name, split once when the template is parsed (`.` is the current value, `.name` looks only
/// at the current value, `a.b` looks `a` up the stack and `b` in it).
struct TemplateName: Sendable {
    let parts: [String]
    let fromTop: Bool

    init(_ name: String) {
        fromTop = name.first == "."
        parts = name == "." ? [] : name.split(separator: ".").map(String.init)
    }
}

/// A syntax error, at the line and column where the parser stopped.
struct TemplateSyntaxError: Error {
    let message: String
    let line: Int
    let column: Int
}

struct TemplateParser {
    private let text: [Character]
    private var position = 0

    init(_ source: String) { text = Array(source) }

    static func parse(_ source: String) throws(TemplateSyntaxError) -> [TemplateNode] {
        var parser = TemplateParser(source)
        do {
            return try parser.parse(state: State())
        } catch {
            let (line, column) = parser.location()
            throw TemplateSyntaxError(message: error.message, line: line, column: column)
        }
    }

    private struct Failure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private struct State {
        var sectionName: String?
        var newLine = true
        var inParentDefinition = false
        var parentTopLevel = false
        var start: [Character] = ["{", "{"]
        var end: [Character] = ["}", "}"]
        var parentIndent: [Character]?

        func section(_ name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.parentTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func parent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.inParentDefinition = true
            state.parentTopLevel = true
            return state
        }
    }

    // MARK: - Characters

    private var atEnd: Bool { position == text.count }
    private var current: Character { atEnd ? "\0" : text[position] }

    private mutating func read(while set: (Character) -> Bool) -> [Character] {
        let start = position
        while !atEnd, set(text[position]) { position += 1 }
        return Array(text[start..<position])
    }

    private mutating func read(_ literal: [Character]) -> Bool {
        guard position + literal.count <= text.count, Array(text[position..<position + literal.count]) == literal else {
            return false
        }
        position += literal.count
        return true
    }

    private static func isSpaceOrTab(_ c: Character) -> Bool { c == " " || c == "\t" }
    private static let nameCharacters = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
    private static let partialNameCharacters = nameCharacters.union(["/"])

    /// Line and column as swift-mustache counted them: the characters since the last `\n`, plus one.
    private func location() -> (Int, Int) {
        var column = 0
        var i = position
        while i > 0 {
            i -= 1
            if text[i] == "\n" { break }
            column += 1
        }
        let line = text[..<position].filter(\.isNewline).count + 1
        return (line, column + 1)
    }

    // MARK: - Parsing

    private mutating func parse(state initial: State) throws(Failure) -> [TemplateNode] {
        var nodes: [TemplateNode] = []
        var state = initial
        var whitespaceBefore: [Character] = []
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(String(whitespaceBefore)))
                whitespaceBefore = []
            }
        }
        while !atEnd {
            if state.newLine {
                let whitespace = read(while: Self.isSpaceOrTab)
                if state.inParentDefinition, !state.parentTopLevel {
                    // Inside an override, the first line's indentation is the block's own and is dropped
                    // from every line.
                    if let indent = state.parentIndent {
                        whitespaceBefore = Array(whitespace.dropFirst(indent.count))
                    } else {
                        state.parentIndent = whitespace
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let text = readUntilTagOrNewline(state: state)
            if current.isNewline {
                nodes.append(.text(String(whitespaceBefore + text + [current])))
                state.newLine = true
                position += 1
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(String(whitespaceBefore + text)))
                whitespaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            var setNewLine = false
            switch current {
            case "#", "^":
                let inverted = current == "^"
                position += 1
                let name = try readName(state: state)
                if isStandalone(state: state) {
                    setNewLine = true
                } else {
                    flushWhitespace()
                }
                let body = try parse(state: state.section(name, newLine: setNewLine))
                nodes.append(.section(TemplateName(name), body, inverted: inverted))

            case "/":
                position += 1
                let start = position
                let name = try readName(state: state)
                guard name == state.sectionName else {
                    position = start
                    throw Failure(state.sectionName.map { "结束标签 {{/\(name)}} 与开始的“\($0)”不匹配" }
                                  ?? "结束标签 {{/\(name)}} 前面没有对应的开始标签")
                }
                if !isStandalone(state: state) { flushWhitespace() }
                return nodes

            case "!":
                position += 1
                try skipTag(state: state, "注释 {{! ")
                setNewLine = isStandalone(state: state)

            case "{", "&":
                let triple = current == "{"
                flushWhitespace()
                position += 1
                let name = try readName(state: state)
                if triple, !read(["}"]) { throw Failure("三重括号 {{{\(name)}}} 缺少结尾的 }") }
                nodes.append(.variable(TemplateName(name), escaped: false))

            case ">":
                position += 1
                _ = read(while: \.isWhitespace)
                if current == "*" { throw Failure("不支持动态局部模板 {{>*…}}") }
                let name = try readName(state: state, partial: true)
                flushWhitespaceKeeping(&nodes, whitespaceBefore)
                if isStandalone(state: state) {
                    setNewLine = true
                    nodes.append(.partial(name, indentation: String(whitespaceBefore), overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }
                whitespaceBefore = []

            case "<":
                position += 1
                _ = read(while: \.isWhitespace)
                let name = try readName(state: state, partial: true)
                if name.first == "*" { throw Failure("不支持动态父模板 {{<*…}}") }
                flushWhitespaceKeeping(&nodes, whitespaceBefore)
                if isStandalone(state: state) { setNewLine = true }
                let body = try parse(state: state.parent(name))
                var overrides: [String: [TemplateNode]] = [:]
                for node in body {
                    switch node {
                    case .blockDefinition(let block, let content): overrides[block] = content
                    case .text: break
                    default: throw Failure("{{<\(name)}} 中只能有 {{$块}} 定义")
                    }
                }
                nodes.append(.partial(name, indentation: String(whitespaceBefore), overrides: overrides))
                whitespaceBefore = []

            case "$":
                position += 1
                let name = try readName(state: state)
                if state.parentTopLevel {
                    if isStandalone(state: state) { setNewLine = true }
                    let body = try parse(state: state.section(name, newLine: setNewLine))
                    nodes.append(.blockDefinition(name, body))
                } else {
                    flushWhitespaceKeeping(&nodes, whitespaceBefore)
                    if isStandalone(state: state) { setNewLine = true }
                    let body = try parse(state: state.section(name, newLine: setNewLine))
                    nodes.append(.block(name, default: body, indentation: String(whitespaceBefore)))
                    whitespaceBefore = []
                }

            case "=":
                position += 1
                state = try setDelimiters(state: state)
                setNewLine = isStandalone(state: state)

            case "%":
                position += 1
                try skipTag(state: state, "{{% ")
                nodes.append(.pragma)
                setNewLine = isStandalone(state: state)

            default:
                flushWhitespace()
                let name = try readName(state: state)
                nodes.append(.variable(TemplateName(name), escaped: true))
            }
            state.newLine = setNewLine
        }
        if let open = state.sectionName { throw Failure("“\(open)”没有结束标签 {{/\(open)}}") }
        return nodes
    }

    /// Partials, parents and blocks write the whitespace before them but keep it as their indentation.
    private func flushWhitespaceKeeping(_ nodes: inout [TemplateNode], _ whitespace: [Character]) {
        if !whitespace.isEmpty { nodes.append(.text(String(whitespace))) }
    }

    /// Text up to a newline (not consumed) or up to and including the start delimiter.
    private mutating func readUntilTagOrNewline(state: State) -> [Character] {
        var text: [Character] = []
        let first = state.start[0]
        while !atEnd {
            let c = current
            if c == "\n" || c == "\r\n" { break }
            if c == first, read(state.start) { break }
            text.append(c)
            position += 1
        }
        return text
    }

    /// A name up to the end delimiter; partial names may also hold `/`. Transforms are not supported.
    private mutating func readName(state: State, partial: Bool = false) throws(Failure) -> String {
        let characters = partial ? Self.partialNameCharacters : Self.nameCharacters
        _ = read(while: \.isWhitespace)
        let name = String(read(while: { characters.contains($0) }))
        _ = read(while: \.isWhitespace)
        guard read(state.end) else { throw Failure("标签没有正确结束（应为 \(String(state.end))）") }
        if !partial, name.contains("(") || name.contains(")") { throw Failure("不支持模板变换 \(name)") }
        return name
    }

    /// Skips a comment or a pragma, up to and including the end delimiter.
    private mutating func skipTag(state: State, _ what: String) throws(Failure) {
        while !atEnd {
            if read(state.end) { return }
            position += 1
        }
        throw Failure("\(what)没有结束")
    }

    private mutating func setDelimiters(state: State) throws(Failure) -> State {
        _ = read(while: \.isWhitespace)
        let start = read(while: { !$0.isWhitespace })
        _ = read(while: \.isWhitespace)
        let end = read(while: { $0 != "=" && !$0.isWhitespace })
        _ = read(while: \.isWhitespace)
        guard !start.isEmpty, !end.isEmpty, read(["="]), read(state.end) else { throw Failure("分隔符设置 {{= … =}} 有误") }
        var next = state
        next.start = start
        next.end = end
        next.parentTopLevel = false
        return next
    }

    /// A tag alone on its line: the rest of the line (spaces, tabs, the newline) is consumed.
    private mutating func isStandalone(state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var look = position
        while look < text.count, Self.isSpaceOrTab(text[look]) { look += 1 }
        guard look < text.count, text[look].isNewline else { return false }
        position = look + 1
        return true
    }
}

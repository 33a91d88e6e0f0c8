/// Draws parsed templates with a page context (`[String: Any]` of strings, numbers, booleans, arrays and
/// dictionaries), into one byte buffer.
///
/// Why not swift-mustache, which drew the pages before: it looked every name up through dynamic casts to
/// its protocols at each level of the context stack, split dotted names again at each lookup and
/// concatenated the page out of small strings; that was an eighth of the whole build's CPU time. The
/// rules are its rules (see `TemplateNode`): a value in a section is pushed on the stack, an array
/// repeats the section and an empty one hides it, `false` and missing names hide it, anything else
/// shows it; `{{value}}` is escaped with `HTML.escape`.
struct TemplateRenderer: Sendable {
    let templates: [String: [TemplateNode]]

    struct Context {
        var stack: [Any]
        /// Put before each line of a standalone partial or block, after its first.
        var indentation: String?
        /// The blocks overridden by the templates that extend this one; the outermost wins.
        var overrides: [String: [TemplateNode]]?
    }

    func render(_ name: String, _ object: [String: Any]) -> [UInt8]? {
        guard let nodes = templates[name] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(32 * 1024)
        render(nodes, Context(stack: [object]), into: &out)
        return out
    }

    private func render(_ nodes: [TemplateNode], _ context: Context, into out: inout [UInt8]) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            for node in nodes { render(node, context, into: &out) }
            return
        }
        // Indented: a node that writes something right after a newline written by this template starts
        // a new line, which gets the indentation (a newline written before this template began does not).
        let start = out.count
        for node in nodes {
            guard out.count > start, out.last == UInt8(ascii: "\n") else {
                render(node, context, into: &out)
                continue
            }
            var piece: [UInt8] = []
            render(node, context, into: &piece)
            if !piece.isEmpty {
                out.append(contentsOf: indentation.utf8)
                out.append(contentsOf: piece)
            }
        }
    }

    private func render(_ node: TemplateNode, _ context: Context, into out: inout [UInt8]) {
        switch node {
        case .text(let text):
            out.append(contentsOf: text.utf8)
        case .variable(let name, let escaped):
            guard let value = lookup(name, in: context.stack) else { return }
            let text = Self.text(of: value)
            if escaped { HTML.append(text, escapedTo: &out) } else { out.append(contentsOf: text.utf8) }
        case .section(let name, let body, let inverted):
            let value = lookup(name, in: context.stack)
            inverted ? renderInverted(value, body, context, into: &out) : renderSection(value, body, context, into: &out)
        case .partial(let name, let indented, let overrides):
            guard let nodes = templates[name] else { return }
            var inner = context
            if let indented { inner.indentation = (context.indentation ?? "") + indented }
            if let overrides {
                inner.overrides = context.overrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
            }
            render(nodes, inner, into: &out)
        case .block(let name, let fallback, let indented):
            var inner = context
            inner.indentation = (context.indentation ?? "") + indented
            render(context.overrides?[name] ?? fallback, inner, into: &out)
        case .blockDefinition, .pragma:
            break
        }
    }

    private func renderSection(_ value: Any?, _ body: [TemplateNode], _ context: Context, into out: inout [UInt8]) {
        switch value {
        case let list as any TemplateList:
            list.forEachItem { item in
                var inner = context
                inner.stack.append(item)
                render(body, inner, into: &out)
            }
        case let flag as Bool:
            if flag { render(body, context, into: &out) }
        case .some(let object):
            var inner = context
            inner.stack.append(object)
            render(body, inner, into: &out)
        case .none:
            break
        }
    }

    private func renderInverted(_ value: Any?, _ body: [TemplateNode], _ context: Context, into out: inout [UInt8]) {
        switch value {
        case let list as any TemplateList:
            guard list.isEmpty else { return }
            var inner = context
            inner.stack.append(list)
            render(body, inner, into: &out)
        case let flag as Bool:
            if !flag { render(body, context, into: &out) }
        case .some:
            break
        case .none:
            render(body, context, into: &out)
        }
    }

    /// The value of a name: `.` is the top of the stack; the first part of a dotted name is looked up from
    /// the top of the stack down, the rest inside what it found.
    private func lookup(_ name: TemplateName, in stack: [Any]) -> Any? {
        guard let first = name.parts.first else { return stack.last }
        var found: Any?
        if name.fromTop {
            found = stack.last.flatMap { Self.child(first, of: $0) }
        } else {
            for object in stack.reversed() {
                if let child = Self.child(first, of: object) {
                    found = child
                    break
                }
            }
        }
        for part in name.parts.dropFirst() {
            guard let object = found else { return nil }
            found = Self.child(part, of: object)
        }
        return found
    }

    private static func child(_ name: String, of object: Any) -> Any? {
        (object as? [String: Any])?[name]
    }

    private static func text(of value: Any) -> String {
        switch value {
        case let text as String: return text
        case let number as Int: return String(number)
        default: return String(describing: value)
        }
    }
}

/// An array in a page context, whatever its element type: a section repeats for each element, and the
/// build's cache walks it to hash the context (`ContentHash`). Matching `[Any]` instead would copy and box
/// every element of every list of every page.
public protocol TemplateList {
    var isEmpty: Bool { get }
    func forEachItem(_ body: (Any) -> Void)
}

extension Array: TemplateList {
    public func forEachItem(_ body: (Any) -> Void) {
        for item in self { body(item) }
    }
}

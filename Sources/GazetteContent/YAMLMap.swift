import Foundation
import GazetteModel
import Yams

/// Typed, position-aware reading of one YAML mapping.
///
/// Every accessor records the key as known, so `finish()` can report the keys
/// nobody asked for: a typo such as `isuer:` becomes a warning with a suggestion
/// instead of a silently missing 发文机关.
final class YAMLMap {
    let value: YAMLValue
    private let pairs: [(key: String, keyNode: Node, value: Node)]
    private var known: Set<String> = []
    /// What the file is, for messages: “文件”, “notice_rules 第 2 项”.
    private let context: String

    init?(_ value: YAMLValue, context: String = "", diagnostics: inout Diagnostics) {
        guard let mapping = value.node.mapping else {
            diagnostics.error("\(context)应为“键: 值”形式的映射", at: value.location)
            return nil
        }
        self.value = value
        self.context = context
        var seen: Set<String> = []
        var pairs: [(String, Node, Node)] = []
        for (k, v) in mapping {
            let key = k.string ?? ""
            if !seen.insert(key).inserted {
                diagnostics.error("键 `\(key)` 重复出现", at: value.child(k).location)
            }
            pairs.append((key, k, v))
        }
        self.pairs = pairs
    }

    var location: SourceLocation { value.location }

    /// The raw child value for `key`, marking the key as known.
    func child(_ key: String) -> YAMLValue? {
        known.insert(key)
        return pairs.first { $0.key == key }.map { value.child($0.value) }
    }

    /// Location of `key` itself, or of the mapping when the key is absent.
    func location(of key: String) -> SourceLocation {
        pairs.first { $0.key == key }.map { value.child($0.keyNode).location } ?? location
    }

    // MARK: - Scalars

    func string(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> String? {
        guard let child = child(key), !child.isNull else {
            if required { diagnostics.error("缺少必填项 `\(key)`", at: location) }
            return nil
        }
        guard let scalar = child.node.scalar else {
            diagnostics.error("`\(key)` 应为文字，而不是列表或映射", at: child.location)
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        if text.isEmpty && required {
            diagnostics.error("必填项 `\(key)` 为空", at: child.location)
            return nil
        }
        return text
    }

    func int(_ key: String, required: Bool = false, range: ClosedRange<Int> = 0...1_000_000,
             diagnostics: inout Diagnostics) -> Int? {
        guard let child = child(key), !child.isNull else {
            if required { diagnostics.error("缺少必填项 `\(key)`", at: location) }
            return nil
        }
        guard let text = child.node.scalar?.string, let n = Int(text), range.contains(n) else {
            diagnostics.error("`\(key)` 应为 \(range.lowerBound)–\(range.upperBound) 之间的整数", at: child.location)
            return nil
        }
        return n
    }

    func bool(_ key: String, diagnostics: inout Diagnostics) -> Bool? {
        guard let child = child(key), !child.isNull else { return nil }
        switch child.node.scalar?.string {
        case "true": return true
        case "false": return false
        default:
            diagnostics.error("`\(key)` 应为 true 或 false", at: child.location)
            return nil
        }
    }

    /// A calendar day written `YYYY-MM-DD`; read as text, never as a time stamp.
    func day(_ key: String, required: Bool = false, diagnostics: inout Diagnostics) -> Day? {
        guard let child = child(key), !child.isNull else {
            if required { diagnostics.error("缺少必填项 `\(key)`（日期，格式 YYYY-MM-DD）", at: location) }
            return nil
        }
        return child.day(named: key, diagnostics: &diagnostics)
    }

    // MARK: - Collections

    /// A list of strings; a single string is accepted as a one-item list.
    func strings(_ key: String, diagnostics: inout Diagnostics) -> [String] {
        guard let child = child(key), !child.isNull else { return [] }
        if let scalar = child.node.scalar { return [scalar.string] }
        guard let items = child.node.sequence else {
            diagnostics.error("`\(key)` 应为列表", at: child.location)
            return []
        }
        return items.compactMap { item in
            guard let s = item.scalar?.string else {
                diagnostics.error("`\(key)` 的每一项应为文字", at: child.child(item).location)
                return nil
            }
            return s.trimmingWhitespace
        }
    }

    /// A list of mappings, each read with its own unknown-key check.
    func maps(_ key: String, diagnostics: inout Diagnostics) -> [YAMLMap] {
        guard let child = child(key), !child.isNull else { return [] }
        guard let items = child.node.sequence else {
            diagnostics.error("`\(key)` 应为列表", at: child.location)
            return []
        }
        return items.enumerated().compactMap { index, item in
            YAMLMap(child.child(item), context: "`\(key)` 第 \(index + 1) 项", diagnostics: &diagnostics)
        }
    }

    func map(_ key: String, diagnostics: inout Diagnostics) -> YAMLMap? {
        guard let child = child(key), !child.isNull else { return nil }
        return YAMLMap(child, context: "`\(key)` ", diagnostics: &diagnostics)
    }

    /// A mapping of strings to strings, in file order.
    func stringPairs(_ key: String, diagnostics: inout Diagnostics) -> [(String, String)] {
        guard let child = child(key), !child.isNull else { return [] }
        guard let mapping = child.node.mapping else {
            diagnostics.error("`\(key)` 应为“键: 值”形式的映射", at: child.location)
            return []
        }
        return mapping.compactMap { k, v in
            guard let ks = k.string, let vs = v.scalar?.string else {
                diagnostics.error("`\(key)` 的键和值都应为文字", at: child.child(k).location)
                return nil
            }
            return (ks, vs)
        }
    }

    /// Where the value of every key written starts, for checks made after decoding.
    var keyLocations: [String: SourceLocation] {
        Dictionary(pairs.map { ($0.key, value.child($0.value).location) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Unknown keys

    /// Warns about every key that no accessor asked for, suggesting the nearest known key.
    func finish(diagnostics: inout Diagnostics) {
        for pair in pairs where !known.contains(pair.key) {
            var message = "\(context)未知的键 `\(pair.key)`，将被忽略"
            if let suggestion = KeySuggestion.nearest(to: pair.key, among: known) {
                message += "（是否想写 `\(suggestion)`？）"
            }
            diagnostics.warning(message, at: value.child(pair.keyNode).location)
        }
    }
}

extension YAMLValue {
    func child(_ node: Node) -> YAMLValue { YAMLValue(node: node, path: path, lineOffset: lineOffset) }

    var isNull: Bool {
        guard let scalar = node.scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func day(named key: String, diagnostics: inout Diagnostics) -> Day? {
        guard let text = node.scalar?.string else {
            diagnostics.error("`\(key)` 应为日期（YYYY-MM-DD）", at: location)
            return nil
        }
        guard let day = Day(iso: text) else {
            let shape = text.count == 10 && text.filter({ $0 == "-" }).count == 2
            diagnostics.error(shape ? "`\(key)` 的日期“\(text)”不存在" : "`\(key)` 的日期“\(text)”格式不正确（应为 YYYY-MM-DD）",
                              at: location)
            return nil
        }
        return day
    }
}

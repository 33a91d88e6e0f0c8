import Foundation
import GazetteParallel

/// Writes an `Encodable` value as the API publishes it, byte for byte what Foundation's `JSONEncoder`
/// writes with `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` (and `.convertToSnakeCase` when
/// asked): two-space indents, `"key" : value`, keys in UTF-8 order, `[\n\n]` for an empty array, only
/// `"`, `\` and control characters escaped.
///
/// Why not `JSONEncoder` itself: the API of a 10,000-document gazette is 200 MB of JSON, and Foundation
/// spent a tenth of the build's CPU on it, converting every key to snake case again for every object and
/// escaping bodies byte by byte through a general writer. This one converts each distinct key once and
/// copies runs of bytes that need no escape. Values it does not write exactly as Foundation does (dates,
/// data, URLs, floating-point numbers: the API has none) make it throw, and `JSONOutput` then falls back
/// to Foundation, so the bytes never depend on which of the two wrote them.
struct PrettyJSONEncoder {
    var snakeCase = false

    struct Unsupported: Error {}

    func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let root = try JSONTreeEncoder.value(of: value, keys: snakeCase ? .snakeCase : .asWritten, path: [])
        var writer = PrettyJSONWriter()
        writer.write(root, indent: 0)
        return writer.bytes
    }
}

/// A JSON value while it is being built. Objects and arrays are classes so that containers handed out by
/// an encoder keep writing into the value the encoder holds.
enum JSONTree {
    /// Numbers, `true`, `false`, `null`: written as they are.
    case literal(String)
    case string(String)
    case array(JSONTreeArray)
    case object(JSONTreeObject)
    /// A value still being made by an encoder handed out earlier (`superEncoder`).
    case pending(JSONTreeEncoder)
}

final class JSONTreeArray {
    var items: [JSONTree] = []
}

final class JSONTreeObject {
    var keys: [String] = []
    var values: [JSONTree] = []

    /// Sets `key`; a key set twice keeps its last value, as a dictionary would (a detail file encodes its
    /// summary and its extra keys into one object).
    func set(_ key: String, _ value: JSONTree) {
        if let i = keys.firstIndex(of: key) {
            values[i] = value
        } else {
            keys.append(key)
            values.append(value)
        }
    }
}

/// How coding keys become JSON keys.
enum JSONKeyStyle {
    case asWritten
    case snakeCase

    func key(_ key: CodingKey) -> String {
        switch self {
        case .asWritten: return key.stringValue
        case .snakeCase: return SnakeCaseKeys.shared.converted(key.stringValue)
        }
    }
}

/// Foundation's own snake-case conversion, asked once per distinct key and remembered: so the keys are
/// exactly the ones `JSONEncoder` wrote (its conversion of acronyms such as `bodyHTML` or `jsonURL`).
final class SnakeCaseKeys: @unchecked Sendable {
    static let shared = SnakeCaseKeys()
    private var known: [String: String] = [:]
    private let lock = NSLock()

    func converted(_ key: String) -> String {
        if let found = lock.withLock({ known[key] }) { return found }
        let converted = Self.askFoundation(key)
        lock.withLock { known[key] = converted }
        return converted
    }

    private struct Probe: Encodable {
        let key: String
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            try container.encode(0, forKey: AnyKey(stringValue: key))
        }
    }

    private static func askFoundation(_ key: String) -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        guard let data = try? encoder.encode(Probe(key: key)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Int],
              let converted = object.keys.first else { return key }
        return converted
    }
}

struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// A dictionary with string keys: Foundation writes its keys as they are, without converting them to
/// snake case (they are data, not property names).
protocol StringKeyedDictionary {
    func tree(keys: JSONKeyStyle, path: [CodingKey]) throws -> JSONTree
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    func tree(keys: JSONKeyStyle, path: [CodingKey]) throws -> JSONTree {
        let object = JSONTreeObject()
        for (key, value) in self {
            object.set(key, try JSONTreeEncoder.value(of: value, keys: keys, path: path + [AnyKey(stringValue: key)]))
        }
        return .object(object)
    }
}

/// The `Encoder` that builds a `JSONTree`: one per value that encodes itself.
final class JSONTreeEncoder: Encoder {
    let codingPath: [CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let keys: JSONKeyStyle
    var tree: JSONTree?

    init(keys: JSONKeyStyle, path: [CodingKey]) {
        self.keys = keys
        codingPath = path
    }

    /// The tree of `value`: strings, integers and booleans directly, anything else by asking it to encode.
    /// (Type comparisons, not `as?` casts: the containers are called unspecialised, and a dynamic cast per
    /// value was what made Foundation's encoder slow.)
    static func value<T: Encodable>(of value: T, keys: JSONKeyStyle, path: [CodingKey]) throws -> JSONTree {
        if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return .literal(String(unsafeBitCast(value, to: Int.self))) }
        if T.self == Bool.self { return .literal(unsafeBitCast(value, to: Bool.self) ? "true" : "false") }
        let type = ObjectIdentifier(T.self)
        if EncodableKinds.otherIntegers.contains(type) { return .literal(String(describing: value)) }
        if EncodableKinds.unsupported.contains(type) { throw PrettyJSONEncoder.Unsupported() }
        if let dictionary = value as? any StringKeyedDictionary { return try dictionary.tree(keys: keys, path: path) }
        let encoder = JSONTreeEncoder(keys: keys, path: path)
        try value.encode(to: encoder)
        // A value that encodes nothing is an empty object, as in Foundation.
        return encoder.tree ?? .object(JSONTreeObject())
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let object: JSONTreeObject
        if case .object(let existing) = tree {
            object = existing
        } else {
            object = JSONTreeObject()
            tree = .object(object)
        }
        return KeyedEncodingContainer(JSONTreeKeyed<Key>(object: object, encoder: self, codingPath: codingPath))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        let array: JSONTreeArray
        if case .array(let existing) = tree {
            array = existing
        } else {
            array = JSONTreeArray()
            tree = .array(array)
        }
        return JSONTreeUnkeyed(array: array, encoder: self, codingPath: codingPath)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { JSONTreeSingle(encoder: self) }
}

struct JSONTreeKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: JSONTreeObject
    let encoder: JSONTreeEncoder
    let codingPath: [CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.set(encoder.keys.key(key), .literal("null")) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        object.set(encoder.keys.key(key), try JSONTreeEncoder.value(of: value, keys: encoder.keys, path: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONTreeObject()
        object.set(encoder.keys.key(key), .object(nested))
        return KeyedEncodingContainer(JSONTreeKeyed<NestedKey>(object: nested, encoder: encoder, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        let nested = JSONTreeArray()
        object.set(encoder.keys.key(key), .array(nested))
        return JSONTreeUnkeyed(array: nested, encoder: encoder, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> Encoder {
        // Not every `Key` has a case named `super`, so the key is set as text (as Foundation does).
        let child = JSONTreeEncoder(keys: encoder.keys, path: codingPath + [AnyKey(stringValue: "super")])
        object.set("super", .pending(child))
        return child
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        let child = JSONTreeEncoder(keys: encoder.keys, path: codingPath + [key])
        object.set(encoder.keys.key(key), .pending(child))
        return child
    }
}

struct JSONTreeUnkeyed: UnkeyedEncodingContainer {
    let array: JSONTreeArray
    let encoder: JSONTreeEncoder
    let codingPath: [CodingKey]
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.items.append(.literal("null")) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        array.items.append(try JSONTreeEncoder.value(of: value, keys: encoder.keys, path: codingPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = JSONTreeObject()
        array.items.append(.object(nested))
        return KeyedEncodingContainer(JSONTreeKeyed<NestedKey>(object: nested, encoder: encoder, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        let nested = JSONTreeArray()
        array.items.append(.array(nested))
        return JSONTreeUnkeyed(array: nested, encoder: encoder, codingPath: codingPath)
    }

    mutating func superEncoder() -> Encoder {
        let child = JSONTreeEncoder(keys: encoder.keys, path: codingPath)
        array.items.append(.pending(child))
        return child
    }
}

struct JSONTreeSingle: SingleValueEncodingContainer {
    let encoder: JSONTreeEncoder
    var codingPath: [CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.tree = .literal("null") }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.tree = try JSONTreeEncoder.value(of: value, keys: encoder.keys, path: codingPath)
    }
}

/// Lays a `JSONTree` out in Foundation's pretty-printed form.
struct PrettyJSONWriter {
    var bytes: [UInt8] = []

    mutating func write(_ tree: JSONTree, indent: Int) {
        switch tree {
        case .literal(let text): append(text)
        case .string(let text): string(text)
        case .pending(let encoder): write(encoder.tree ?? .object(JSONTreeObject()), indent: indent)
        case .array(let array):
            bytes.append(UInt8(ascii: "["))
            bytes.append(UInt8(ascii: "\n"))
            for (i, item) in array.items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: "\n")) }
                spaces(indent + 1)
                write(item, indent: indent + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            spaces(indent)
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            bytes.append(UInt8(ascii: "\n"))
            let order = object.keys.indices.sorted { object.keys[$0].utf8.lexicographicallyPrecedes(object.keys[$1].utf8) }
            for (n, i) in order.enumerated() {
                if n > 0 { bytes.append(UInt8(ascii: ",")); bytes.append(UInt8(ascii: "\n")) }
                spaces(indent + 1)
                string(object.keys[i])
                append(" : ")
                write(object.values[i], indent: indent + 1)
            }
            bytes.append(UInt8(ascii: "\n"))
            spaces(indent)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func spaces(_ indent: Int) {
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }

    /// A quoted string: runs of bytes that need no escape are copied whole.
    private mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            for i in 0..<utf8.count {
                let byte = utf8[i]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<i]))
                escape(byte)
                run = i + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "\""): append("\\\"")
        case UInt8(ascii: "\\"): append("\\\\")
        case 0x08: append("\\b")
        case 0x0C: append("\\f")
        case 0x0A: append("\\n")
        case 0x0D: append("\\r")
        case 0x09: append("\\t")
        default:
            let hex = Array("0123456789abcdef".utf8)
            append("\\u00")
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0xF)])
        }
    }
}

import Foundation

/// A JSON Schema (draft 2020-12) node, written in Swift beside the models it describes so
/// that a field added to a model and not to its schema fails the schema tests.
///
/// Objects list every property as required and forbid others: a consumer can rely on
/// every key being there (optionals are `null`, never missing).
struct Schema: Encodable, Sendable {
    fileprivate var node: [String: JSONValue]

    func encode(to encoder: Encoder) throws { try JSONValue.object(node).encode(to: encoder) }

    // MARK: - Kinds

    static func string(_ description: String, pattern: String? = nil, format: String? = nil,
                       oneOf values: [String]? = nil, minLength: Int? = nil) -> Schema {
        var node: [String: JSONValue] = ["type": "string", "description": .string(description)]
        if let pattern { node["pattern"] = .string(pattern) }
        if let format { node["format"] = .string(format) }
        if let values { node["enum"] = .array(values.map(JSONValue.string)) }
        if let minLength { node["minLength"] = .int(minLength) }
        return Schema(node: node)
    }

    static func integer(_ description: String, minimum: Int? = nil, maximum: Int? = nil) -> Schema {
        var node: [String: JSONValue] = ["type": "integer", "description": .string(description)]
        if let minimum { node["minimum"] = .int(minimum) }
        if let maximum { node["maximum"] = .int(maximum) }
        return Schema(node: node)
    }

    static func boolean(_ description: String) -> Schema {
        Schema(node: ["type": "boolean", "description": .string(description)])
    }

    static func array(_ description: String, of items: Schema, unique: Bool = false) -> Schema {
        var node: [String: JSONValue] = ["type": "array", "description": .string(description), "items": items.value]
        if unique { node["uniqueItems"] = true }
        return Schema(node: node)
    }

    /// Properties of an object, in the order they are documented.
    typealias Properties = [(key: String, value: Schema)]

    /// An object whose properties are all required and the only ones allowed.
    static func object(_ description: String, _ properties: KeyValuePairs<String, Schema>) -> Schema {
        object(description, Array(properties))
    }

    static func object(_ description: String, _ properties: Properties) -> Schema {
        Schema(node: [
            "type": "object",
            "description": .string(description),
            "properties": .object(Dictionary(properties.map { ($0.key, $0.value.value) }, uniquingKeysWith: { a, _ in a })),
            "required": .array(properties.map(\.key).sorted().map(JSONValue.string)),
            "additionalProperties": false,
        ])
    }

    /// An object with required keys and any others allowed (JSON Feed, which readers extend).
    static func openObject(_ description: String, _ properties: KeyValuePairs<String, Schema>,
                           required: [String]) -> Schema {
        var schema = object(description, properties)
        schema.node["required"] = .array(required.sorted().map(JSONValue.string))
        schema.node["additionalProperties"] = nil
        return schema
    }

    /// Two property lists as one: a detail file is its summary plus more keys.
    static func merge(_ a: KeyValuePairs<String, Schema>, _ b: KeyValuePairs<String, Schema>) -> Properties {
        Array(a) + Array(b)
    }

    /// The same schema with another description.
    func described(_ description: String) -> Schema {
        var copy = self
        copy.node["description"] = .string(description)
        return copy
    }

    /// The same object schema with `key` no longer required.
    func optional(_ key: String) -> Schema {
        var copy = self
        if case .array(let required)? = node["required"] {
            copy.node["required"] = .array(required.filter { $0.text != key })
        }
        return copy
    }

    // MARK: - Common strings

    /// `YYYY-MM-DD`.
    static func date(_ description: String) -> Schema {
        .string(description, pattern: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, format: "date")
    }

    /// An absolute `http(s)` URL.
    static func url(_ description: String) -> Schema {
        .string(description, pattern: "^https?://", format: "uri")
    }

    /// A path relative to the site root: no leading slash, no `..`.
    static func path(_ description: String, suffix: String = "") -> Schema {
        .string(description, pattern: #"^(?!/)(?!.*\.\./)[^\s]*"# + NSRegularExpression.escapedPattern(for: suffix) + "$")
    }

    /// A stable ASCII id (`azbf-2023-7`, `2023-01`, `sun-baichuan`).
    static func id(_ description: String) -> Schema {
        .string(description, pattern: #"^[A-Za-z0-9][A-Za-z0-9._-]*$"#)
    }

    /// The same schema, also allowing `null`.
    var nullable: Schema {
        var copy = self
        switch node["type"] {
        case .string(let type)?: copy.node["type"] = .array([.string(type), "null"])
        default: break
        }
        if case .array(let values)? = node["enum"] { copy.node["enum"] = .array(values + [.null]) }
        return copy
    }

    /// The schema as the top of a published file, with its identity.
    func document(id: String, title: String) -> Schema {
        var copy = self
        copy.node["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        copy.node["$id"] = .string(id)
        copy.node["title"] = .string(title)
        return copy
    }

    /// Adds `$schema` (the URL of this schema, as every API file carries it) to an object's properties.
    var withSchemaKey: Schema {
        var copy = self
        guard case .object(var properties)? = node["properties"], case .array(var required)? = node["required"] else { return self }
        properties["$schema"] = Schema.url("The URL of the JSON Schema this file validates against.").value
        required.insert("$schema", at: 0)
        copy.node["properties"] = .object(properties)
        copy.node["required"] = .array(required)
        return copy
    }

    fileprivate var value: JSONValue { .object(node) }
}

/// A JSON value with sorted object keys when encoded (the encoder sorts them).
enum JSONValue: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }

    fileprivate var text: String { if case .string(let s) = self { return s } else { return "" } }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .int(let i): try container.encode(i)
        case .bool(let b): try container.encode(b)
        case .null: try container.encodeNil()
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

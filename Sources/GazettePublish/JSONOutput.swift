import Foundation

/// How every JSON file of the API is written: snake_case keys (from the models' camelCase
/// names), sorted, indented, slashes unescaped, one newline at the end, so that two builds
/// of the same content are byte-identical and a diff of two versions reads line by line.
enum JSONOutput {
    static func encode<T: Encodable>(_ value: T, snakeCase: Bool = true) -> Data {
        if var bytes = try? PrettyJSONEncoder(snakeCase: snakeCase).encode(value) {
            bytes.append(UInt8(ascii: "\n"))
            return Data(bytes)
        }
        return foundation(value, snakeCase: snakeCase)
    }

    /// The same bytes through Foundation, for values `PrettyJSONEncoder` does not write (and for its tests).
    static func foundation<T: Encodable>(_ value: T, snakeCase: Bool = true) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        // The API models are plain values: encoding them cannot fail.
        return (try! encoder.encode(value)) + Data("\n".utf8)
    }
}

/// An optional that is written as `null` when absent rather than left out, so every object
/// of one kind has the same keys and the schemas can require all of them.
@propertyWrapper
struct Nullable<Value: Encodable & Sendable>: Encodable, Sendable {
    var wrappedValue: Value?

    init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if let value = wrappedValue { try container.encode(value) } else { try container.encodeNil() }
    }
}

/// Two encodable values written as one JSON object: a detail file is its summary plus more keys.
struct Merged<First: Encodable, Second: Encodable>: Encodable {
    let first: First
    let second: Second

    func encode(to encoder: Encoder) throws {
        try first.encode(to: encoder)
        try second.encode(to: encoder)
    }
}

/// Keys of the envelope every API file shares.
enum EnvelopeKey: String, CodingKey {
    case schema = "$schema"
}

/// An API file: its data with a `$schema` key naming the schema it validates against.
struct Envelope<Body: Encodable>: Encodable {
    let schemaURL: String
    let body: Body

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: EnvelopeKey.self)
        try container.encode(schemaURL, forKey: .schema)
        try body.encode(to: encoder)
    }
}

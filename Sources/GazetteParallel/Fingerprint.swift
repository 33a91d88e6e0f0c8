import Foundation

/// A digest of what an `Encodable` value encodes, made without writing it: the key under which the build
/// keeps an API file (and its entry in the data archive) from one build to the next. Two values with the
/// same fingerprint encode to the same JSON, so a file whose fingerprint is unchanged need not be encoded,
/// deflated or written again. At 10,000 documents the API is 200 MB of JSON; its fingerprints are a walk of
/// the same values with no tree, no escaping and no copy.
///
/// Every value is tagged with its kind and every object and array is closed with an end mark, so that
/// `{"a": {"b": 1}, "c": 2}` and `{"a": {"b": 1, "c": 2}}` differ. Dictionaries and sets are walked in
/// sorted order (the JSON writes dictionaries sorted; their own order changes from one process to the
/// next). Values the JSON encoder would hand to Foundation (dates, data, URLs, floating-point numbers)
/// have no fingerprint, nor values that ask for nested containers: `of` returns nil, and such a file is
/// always made again.
public enum Fingerprint {
    public static func of<T: Encodable>(_ value: T) -> String? {
        let sink = FingerprintSink()
        guard (try? sink.add(value)) != nil, !sink.nested else { return nil }
        return sink.hash.hex
    }
}

/// The digest being made, shared by every encoder and container of one walk.
final class FingerprintSink {
    var hash = ContentHash()
    /// Set when a value asked for a nested container or a super encoder. Their contents have no end mark (a
    /// value may go on writing into its parent after them), so the walk could not tell them from what
    /// follows: such a value gets no fingerprint. Nothing the API encodes asks for one.
    var nested = false

    struct Unsupported: Error {}

    /// Adds one value, tagged: strings, integers and booleans directly (by type comparison, as the JSON
    /// encoder does, not by dynamic cast), anything else by asking it to encode, then an end mark.
    func add<T: Encodable>(_ value: T) throws {
        if T.self == String.self { return add(string: unsafeBitCast(value, to: String.self)) }
        if T.self == Int.self { return add(integer: unsafeBitCast(value, to: Int.self)) }
        if T.self == Bool.self { return add(bool: unsafeBitCast(value, to: Bool.self)) }
        let type = ObjectIdentifier(T.self)
        if EncodableKinds.otherIntegers.contains(type) {
            hash.add(byte: Tag.integer)
            hash.add(String(describing: value))
            return
        }
        if EncodableKinds.unsupported.contains(type) { throw Unsupported() }
        if let collection = value as? any FingerprintedCollection {
            try collection.addSorted(to: self)
            return
        }
        hash.add(byte: Tag.open)
        try value.encode(to: FingerprintEncoder(sink: self))
        hash.add(byte: Tag.close)
    }

    func add(string: String) {
        hash.add(byte: Tag.string)
        hash.add(string)
    }

    func add(integer: Int) {
        hash.add(byte: Tag.integer)
        hash.add(word: UInt64(bitPattern: Int64(integer)))
    }

    func add(bool: Bool) { hash.add(byte: bool ? Tag.true : Tag.false) }

    func key(_ key: CodingKey) { self.key(string: key.stringValue) }

    func key(string: String) {
        hash.add(byte: Tag.key)
        hash.add(string)
    }

    func null() { hash.add(byte: Tag.null) }

    /// One byte before each value: the bytes no UTF-8 text holds, so that a tag never reads as text.
    enum Tag {
        static let string: UInt8 = 0xF8
        static let integer: UInt8 = 0xF9
        static let `true`: UInt8 = 0xFA
        static let `false`: UInt8 = 0xFB
        static let null: UInt8 = 0xFC
        static let key: UInt8 = 0xFD
        static let open: UInt8 = 0xFE
        static let close: UInt8 = 0xF7
    }
}

/// A dictionary whose keys can be sorted, walked in sorted key order; a set likewise. Their own order
/// changes from one process to the next (Swift seeds their hashing per process), and the next build must
/// find the same fingerprint: a dictionary or set whose keys cannot be sorted makes a fingerprint that
/// no other process gives, so whatever it keys is never kept (safe, and caught by the tests that expect
/// a rebuild to keep things).
protocol FingerprintedCollection {
    func addSorted(to sink: FingerprintSink) throws
}

extension Dictionary: FingerprintedCollection where Key: Comparable & Encodable, Value: Encodable {
    func addSorted(to sink: FingerprintSink) throws {
        sink.hash.add(byte: FingerprintSink.Tag.open)
        for key in keys.sorted() {
            if let key = key as? String { sink.key(string: key) } else { try sink.add(key) }
            try sink.add(self[key]!)
        }
        sink.hash.add(byte: FingerprintSink.Tag.close)
    }
}

extension Set: FingerprintedCollection where Element: Comparable & Encodable {
    func addSorted(to sink: FingerprintSink) throws {
        sink.hash.add(byte: FingerprintSink.Tag.open)
        for element in sorted() { try sink.add(element) }
        sink.hash.add(byte: FingerprintSink.Tag.close)
    }
}

/// The encoder a value encodes itself into. Its coding path is left empty: nothing the API encodes reads
/// it, and keeping it would cost an array per value.
struct FingerprintEncoder: Encoder {
    let sink: FingerprintSink
    var codingPath: [CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(FingerprintKeyed<Key>(sink: sink))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer { FingerprintUnkeyed(sink: sink) }

    func singleValueContainer() -> SingleValueEncodingContainer { FingerprintSingle(sink: sink) }
}

struct FingerprintKeyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let sink: FingerprintSink
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        sink.key(key)
        sink.null()
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        sink.key(key)
        try sink.add(value)
    }

    // The synthesized `encode(to:)` of a struct calls these for its plain fields: taking them here spares
    // the generic path (a third of the walk's time on the documents list).
    mutating func encode(_ value: String, forKey key: Key) throws {
        sink.key(key)
        sink.add(string: value)
    }

    mutating func encode(_ value: Int, forKey key: Key) throws {
        sink.key(key)
        sink.add(integer: value)
    }

    mutating func encode(_ value: Bool, forKey key: Key) throws {
        sink.key(key)
        sink.add(bool: value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        sink.key(key)
        sink.nested = true
        return KeyedEncodingContainer(FingerprintKeyed<NestedKey>(sink: sink))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        sink.key(key)
        sink.nested = true
        return FingerprintUnkeyed(sink: sink)
    }

    mutating func superEncoder() -> Encoder {
        sink.nested = true
        return FingerprintEncoder(sink: sink)
    }

    mutating func superEncoder(forKey key: Key) -> Encoder {
        sink.nested = true
        return FingerprintEncoder(sink: sink)
    }
}

struct FingerprintUnkeyed: UnkeyedEncodingContainer {
    let sink: FingerprintSink
    var codingPath: [CodingKey] { [] }
    private(set) var count = 0

    init(sink: FingerprintSink) { self.sink = sink }

    mutating func encodeNil() throws {
        count += 1
        sink.null()
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
        count += 1
        try sink.add(value)
    }

    mutating func encode(_ value: String) throws {
        count += 1
        sink.add(string: value)
    }

    mutating func encode(_ value: Int) throws {
        count += 1
        sink.add(integer: value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        count += 1
        sink.nested = true
        return KeyedEncodingContainer(FingerprintKeyed<NestedKey>(sink: sink))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        count += 1
        sink.nested = true
        return FingerprintUnkeyed(sink: sink)
    }

    mutating func superEncoder() -> Encoder {
        count += 1
        sink.nested = true
        return FingerprintEncoder(sink: sink)
    }
}

struct FingerprintSingle: SingleValueEncodingContainer {
    let sink: FingerprintSink
    var codingPath: [CodingKey] { [] }

    mutating func encodeNil() throws { sink.null() }

    mutating func encode<T: Encodable>(_ value: T) throws { try sink.add(value) }

    mutating func encode(_ value: String) throws { sink.add(string: value) }

    mutating func encode(_ value: Int) throws { sink.add(integer: value) }

    mutating func encode(_ value: Bool) throws { sink.add(bool: value) }
}

/// The types an encoder of the API's JSON treats apart from the rest, shared by the JSON writer and the
/// fingerprint so that the two agree on what they can walk.
public enum EncodableKinds {
    /// Integers other than `Int`: written by their description.
    public static let otherIntegers: Set<ObjectIdentifier> = Set([
        Int8.self, Int16.self, Int32.self, Int64.self, UInt.self, UInt8.self, UInt16.self, UInt32.self, UInt64.self,
    ].map { ObjectIdentifier($0) })
    /// What Foundation writes in its own way (dates as seconds, data as base64, URLs, numbers in its
    /// formatting): the JSON writer hands them to Foundation, and they have no fingerprint.
    public static let unsupported: Set<ObjectIdentifier> = Set([
        Date.self, Data.self, URL.self, Decimal.self, Double.self, Float.self,
    ].map { ObjectIdentifier($0) })
}

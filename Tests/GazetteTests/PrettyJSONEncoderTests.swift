import Foundation
import Testing
@testable import GazettePublish
import GazetteContent
import GazetteModel

/// The API's own JSON writer must write exactly the bytes Foundation's `JSONEncoder` writes with the
/// API's settings: data users diff two versions of a file, and a build must not change bytes because the
/// writer changed.
@Suite("Pretty JSON encoder")
struct PrettyJSONEncoderTests {
    /// Everything the API's models do: nested values, optionals left out and written as null, merged
    /// objects whose second half overrides a key, dictionaries (whose keys are never converted), empty
    /// containers, acronyms in keys, and strings with every character JSON escapes.
    struct Sample: Encodable {
        struct Inner: Encodable {
            let bodyHTML: String
            let jsonURL: String
            let issueID: String?
            @Nullable var pageNumber: Int?
        }
        let title: String
        let aURLValue: String
        let a1B2: Int
        let negative: Int
        let small: Int8
        let large: UInt64
        let flags: [Bool]
        let nothing: [Int]
        let emptyObject: [String: Int]
        let byName: [String: String]
        let inner: Inner
        let list: [Inner]
        let grid: [[String]]
        @Nullable var missing: String?
        let absent: String?
    }

    struct Extra: Encodable {
        let title: String
        let zzLast: Bool
    }

    static let everyEscape = (0..<0x20).map { String(UnicodeScalar(UInt8($0))) }.joined()
        + "\"\\/\u{7F}\u{2028}\u{2029} 中文“引号”\u{301}😀"

    static let sample = Sample(
        title: "标题 \(everyEscape)", aURLValue: "https://example.gov.cn/a/b", a1B2: 12, negative: Int.min,
        small: -8, large: UInt64.max, flags: [true, false], nothing: [], emptyObject: [:],
        byName: ["camelCase": "x", "Zeta": "z", "_under": "u", "$dollar": "d", "数字": "n", "a10": "10", "a9": "9"],
        inner: .init(bodyHTML: "<p class=\"x\">正文</p>\n", jsonURL: "/api/v1/x.json", issueID: nil, pageNumber: 3),
        list: [.init(bodyHTML: "", jsonURL: "", issueID: "2023-01", pageNumber: nil)],
        grid: [[], ["a", "b"], [everyEscape]], missing: nil, absent: nil)

    @Test(arguments: [true, false])
    func writesWhatFoundationWrites(snakeCase: Bool) throws {
        let merged = Merged(first: Self.sample, second: Extra(title: "覆盖", zzLast: true))
        let ours = try PrettyJSONEncoder(snakeCase: snakeCase).encode(merged)
        let foundation = JSONOutput.foundation(merged, snakeCase: snakeCase)
        #expect(String(decoding: ours + [UInt8(ascii: "\n")], as: UTF8.self) == String(decoding: foundation, as: UTF8.self))
    }

    @Test func keysAreConvertedOnceTheWayFoundationConvertsThem() {
        for key in ["bodyHTML", "jsonURL", "issueID", "aURLValue", "a1B2", "already_snake", "$schema", "HTMLBody", "x"] {
            let encoder = JSONEncoder()
            encoder.keyEncodingStrategy = .convertToSnakeCase
            let expected = String(decoding: try! encoder.encode([AnyKeyed(key: key)]), as: UTF8.self)
            #expect(expected == "[{\"\(SnakeCaseKeys.shared.converted(key))\":0}]", "\(key)")
        }
    }

    /// `superEncoder()` (what a subclass's `encode(to:)` calls) and nested containers.
    @Test func superEncodersAndNestedContainersAsFoundation() throws {
        struct Child: Encodable {
            enum Keys: String, CodingKey { case name, parentPart, extra }
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                try container.encode("子", forKey: .name)
                var parent = container.superEncoder().container(keyedBy: Keys.self)
                try parent.encode("父", forKey: .parentPart)
                var nested = container.nestedUnkeyedContainer(forKey: .extra)
                try nested.encode(1)
                var inner = nested.nestedContainer(keyedBy: Keys.self)
                try inner.encodeNil(forKey: .name)
            }
        }
        let ours = try PrettyJSONEncoder(snakeCase: true).encode(Child())
        #expect(Data(ours + [UInt8(ascii: "\n")]) == JSONOutput.foundation(Child()))
    }

    /// A value it would not write as Foundation does is handed to Foundation whole.
    @Test func floatingPointFallsBackToFoundation() throws {
        struct Measured: Encodable { let name: String; let ratio: Double }
        let value = Measured(name: "比", ratio: 0.1)
        #expect(throws: PrettyJSONEncoder.Unsupported.self) { try PrettyJSONEncoder().encode(value) }
        #expect(JSONOutput.encode(value) == JSONOutput.foundation(value))
    }

    /// Every kind of API file of the seed site (issues, documents, interpretations, notices, the
    /// leadership, units, committees, people, schemas, the JSON Feed), through both writers.
    @Test func seedSiteAPIIsByteIdenticalToFoundation() throws {
        var diagnostics = Diagnostics()
        let sources = ContentSources.load(root: Repository.seedContent, diagnostics: &diagnostics)
        let site = try #require(SiteResolver.resolve(sources, today: Day(iso: "2026-11-29")!, diagnostics: &diagnostics))
        let data = OpenData(site: site, bodies: [:])
        var checked = 0
        func same<T: Encodable>(_ value: T, snakeCase: Bool = true, _ what: String) {
            checked += 1
            #expect(JSONOutput.encode(value, snakeCase: snakeCase) == JSONOutput.foundation(value, snakeCase: snakeCase), "\(what)")
        }
        site.issues.forEach { same(data.detail($0), "issue \($0.id)") }
        site.documents.forEach { same(data.detail($0), "document \($0.id)") }
        site.interpretations.forEach { same(data.detail($0), "interpretation \($0.id)") }
        same(site.notices.map(data.notice), "notices")
        same(site.divisions.map(data.division), "leadership")
        same(site.departments.departments.map(data.department), "departments")
        same(site.committees.map(data.committee), "committees")
        same(site.people.map(data.person), "people")
        for entry in Schemas.all { same(entry.schema.document(id: "x", title: entry.title), snakeCase: false, entry.name) }
        #expect(checked > site.documents.count + site.issues.count)
        #expect(!site.documents.isEmpty && !site.notices.isEmpty && !site.committees.isEmpty)
    }
}

private struct AnyKeyed: Encodable {
    let key: String
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        try container.encode(0, forKey: AnyKey(stringValue: key))
    }
}

import Foundation
import Testing
@testable import GazettePublish
@testable import GazetteParallel
import GazetteContent
import GazetteModel

/// An API file is kept from one build to the next by the fingerprint of what it encodes: two values with
/// one fingerprint must encode to the same bytes, or a rebuild would publish a stale file.
@Suite("Fingerprint")
struct FingerprintTests {
    struct Inner: Encodable {
        let b: Int
        var c: Int?
    }

    struct Outer: Encodable {
        let a: Inner
        var c: Int?
        let names: [String]
        let byName: [String: String]
        @Nullable var note: String?
    }

    func outer(_ a: Inner, c: Int? = 2, names: [String] = ["x"], byName: [String: String] = ["k": "v"],
               note: String? = nil) -> Outer {
        Outer(a: a, c: c, names: names, byName: byName, note: note)
    }

    /// Values that encode differently have different fingerprints, including ones whose fields would run
    /// together without the end marks: `{"a": {"b": 1}, "c": 2}` against `{"a": {"b": 1, "c": 2}}`.
    @Test func valuesThatEncodeDifferentlyHaveDifferentFingerprints() throws {
        let values = [
            outer(Inner(b: 1)),
            outer(Inner(b: 1, c: 2), c: nil),
            outer(Inner(b: 2)),
            outer(Inner(b: 1), names: ["x", ""]),
            outer(Inner(b: 1), names: ["x", "y"]),
            outer(Inner(b: 1), names: ["xy"]),
            outer(Inner(b: 1), byName: ["k": "w"]),
            outer(Inner(b: 1), byName: ["kv": ""]),
            outer(Inner(b: 1), note: "注"),
            outer(Inner(b: 1), note: ""),
        ]
        let encoded = values.map { JSONOutput.encode($0) }
        #expect(Set(encoded).count == values.count, "the samples themselves encode differently")
        let fingerprints = try values.map { try #require(Fingerprint.of($0)) }
        #expect(Set(fingerprints).count == values.count, "\(fingerprints)")
    }

    /// The same value has the same fingerprint in every process: a dictionary is walked in key order, not in
    /// its own (which Swift seeds per process).
    @Test func aDictionaryHasOneFingerprintWhateverItsOrder() throws {
        var forwards: [String: String] = [:], backwards: [String: String] = [:]
        let keys = (0..<64).map { "key-\($0)" }
        for key in keys { forwards[key] = key.uppercased() }
        for key in keys.reversed() { backwards[key] = key.uppercased() }
        #expect(Array(forwards.keys) != Array(backwards.keys), "the two dictionaries iterate in different orders")
        #expect(Fingerprint.of(forwards) == Fingerprint.of(backwards))
        #expect(Fingerprint.of(outer(Inner(b: 1), byName: forwards)) == Fingerprint.of(outer(Inner(b: 1), byName: backwards)))
    }

    /// Values it cannot walk without doubt get none, so their file is always made again.
    @Test func valuesItCannotTellApartHaveNoFingerprint() {
        struct WithDate: Encodable { let at = Date(timeIntervalSince1970: 0) }
        struct WithNested: Encodable {
            enum Key: CodingKey { case a, b }
            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: Key.self)
                var nested = container.nestedContainer(keyedBy: Key.self, forKey: .a)
                try nested.encode(1, forKey: .b)
            }
        }
        #expect(Fingerprint.of(WithDate()) == nil)
        #expect(Fingerprint.of(WithNested()) == nil)
        #expect(Fingerprint.of(Inner(b: 1)) != nil)
    }

    /// On the seed site's API files: a file's fingerprint is the same for equal values, and two files with
    /// different bytes never share one.
    @Test func theSeedSitesAPIFilesHaveOneFingerprintPerDistinctFile() throws {
        var diagnostics = Diagnostics()
        let sources = ContentSources.load(root: Repository.seedContent, diagnostics: &diagnostics)
        let site = try #require(SiteResolver.resolve(sources, today: Day(iso: "2026-11-29")!, diagnostics: &diagnostics))
        let data = OpenData(site: site, bodies: [:])
        var byFingerprint: [String: Data] = [:]
        func check<T: Encodable>(_ value: T) throws {
            let fingerprint = try #require(Fingerprint.of(value))
            #expect(Fingerprint.of(value) == fingerprint)
            let bytes = JSONOutput.encode(value)
            if let earlier = byFingerprint[fingerprint] { #expect(earlier == bytes) }
            byFingerprint[fingerprint] = bytes
        }
        for document in site.documents { try check(data.detail(document)) }
        for issue in site.issues { try check(data.detail(issue)) }
        for interpretation in site.interpretations { try check(data.detail(interpretation)) }
        try check(site.notices.map(data.notice))
        try check(site.people.map(data.person))
        #expect(byFingerprint.count == site.documents.count + site.issues.count + site.interpretations.count + 2)
    }

    /// A digest's hex is its two lanes as 16 zero-padded lowercase digits each: the form every cache key
    /// and state note has taken, so a faster way of writing it must not change it.
    @Test func aDigestsHexIsItsLanesZeroPadded() {
        for text in ["", "a", "公报", String(repeating: "x", count: 1000)] {
            var hash = ContentHash()
            hash.add(text)
            let (a, b) = hash.lanes
            #expect(hash.hex == String(format: "%016llx%016llx", a, b), "\(text.prefix(8))")
        }
        var small = ContentHash()
        small.add(word: 0)
        #expect(small.hex.count == 32 && small.hex.allSatisfy { "0123456789abcdef".contains($0) })
    }
}

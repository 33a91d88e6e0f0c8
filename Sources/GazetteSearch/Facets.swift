import Foundation
import GazetteParallel

/// The filters of the search page: for each facet (year, issue, issuer, kind) the values with their counts,
/// listed in meta.json, and for each value the doc set of its documents in `f/<facet>-<index>.gz`, fetched
/// only when the filter is used.
enum Facets {
    static let names = ["issue", "issuer", "kind", "year"]

    static func value(_ facet: String, of record: SearchRecord) -> String? {
        switch facet {
        case "year": return record.date.map { String($0.prefix(4)) }
        case "issue": return record.issue
        case "issuer": return record.issuer
        case "kind": return record.kind
        default: return nil
        }
    }

    /// Values in the order the page lists them: years and issues newest first, the rest by name.
    static func values(_ facet: String, _ records: [SearchRecord]) -> [(value: String, docs: [Int])] {
        var docs: [String: [Int]] = [:]
        for (id, record) in records.enumerated() {
            if let value = value(facet, of: record), !value.isEmpty { docs[value, default: []].append(id) }
        }
        let newestFirst = facet == "year" || facet == "issue"
        return docs.keys.sorted { newestFirst ? $0 > $1 : $0 < $1 }.map { ($0, docs[$0]!) }
    }

    /// meta.json's `facets` and the facet files.
    static func build(_ records: [SearchRecord]) -> (meta: [String: [[Any]]], files: [(path: String, bytes: [UInt8])]) {
        var meta: [String: [[Any]]] = [:]
        var files: [(String, [UInt8])] = []
        for facet in names {
            let values = values(facet, records)
            meta[facet] = values.map { [$0.value, $0.docs.count] }
            for (index, value) in values.enumerated() {
                var out = ByteBuffer()
                PostingsEncoding.docSet(value.docs, into: &out)
                files.append(("f/\(facet)-\(index).gz", out.bytes))
            }
        }
        return (meta, files)
    }
}

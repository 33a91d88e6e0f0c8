import Foundation
import GazetteModel
import GazetteParallel

/// The API's files as they are made, handed to the outbox (published and archived), with the catalog
/// entry of each endpoint.
struct APIFiles {
    let openData: OpenData
    let outbox: DataOutbox
    var endpoints: [API.Endpoint] = []
    /// Told how many per-item files (`items`) are made so far, after each batch.
    let progress: (Int) -> Void
    private var itemsDone = 0
    /// Files encoded together: enough to keep every core busy, few enough to stream.
    private static let batch = 256

    init(_ openData: OpenData, outbox: DataOutbox, progress: @escaping (Int) -> Void = { _ in }) {
        self.openData = openData
        self.outbox = outbox
        self.progress = progress
    }

    /// `api/v1/<name>.json`: `{"count": n, "<key>": [...]}` plus `extra` top-level values. Every list is
    /// made from the site alone (no body), so it is kept by the site's key when there is one, else by the
    /// fingerprints of its items.
    mutating func list<Item: Encodable>(_ name: String, key: String, _ items: [Item], extra: [String: String?] = [:],
                                        zh: String, en: String) {
        list(name, key: key, count: items.count, { items }, extra: extra, zh: zh, en: en)
    }

    /// The same, with items that are made (by `items`, of which there are `count`) only if the list is: when
    /// it is kept by the site's key, they are not.
    mutating func list<Item: Encodable>(_ name: String, key: String, count: Int, _ items: @escaping () -> [Item],
                                        extra: [String: String?] = [:], zh: String, en: String) {
        let path = SiteURL.api + "\(name).json"
        let schemaURL = openData.url(SiteURL.apiSchema(name))
        let extra = extra.mapValues { Nullable(wrappedValue: $0) }
        func file() -> Envelope<API.List<Item>> { Envelope(schemaURL: schemaURL, body: API.List(key: key, items: items(), extra: extra)) }
        // Without a site key the list is made once, for its fingerprint and to be encoded.
        let made = openData.siteKey == nil ? file() : nil
        let kept = openData.siteKey.map { "site \(path) \($0)" } ?? made.flatMap { Self.key(path, list: $0) }
        outbox.add(keyed: [(path: path, key: kept)]) { _ in JSONOutput.encode(made ?? file()) }
        endpoints.append(openData.endpoint(name, path, count: count, schema: name, zh: zh, en: en))
    }

    /// One file per value, e.g. `api/v1/documents/{id}.json`. They are encoded on every core, a batch at a
    /// time (the detail files are most of the open data's work, and the outbox must not hold them all).
    /// A value whose file `inputs` names a digest for (what its detail is made from, `OpenData.inputs`) is
    /// kept by that digest: its detail is made only if the file must be written.
    mutating func items<Value, Detail: Encodable>(_ name: String, _ values: [Value], template: String,
                                                  path: (Value) -> String, detail: @escaping (Value) -> Detail,
                                                  inputs: (Value) -> String? = { _ in nil }, zh: String, en: String) {
        let paths = values.map(path)
        let schemaURL = openData.url(SiteURL.apiSchema(name))
        let digests = values.map(inputs)
        for start in stride(from: 0, to: values.count, by: Self.batch) {
            let range = Array(start..<min(values.count, start + Self.batch))
            let made = Parallel.map(range, jobs: Parallel.cores * 2) { i -> (body: Envelope<Detail>?, key: String?) in
                if let digest = digests[i] { return (nil, "inputs \(paths[i]) \(digest)") }
                let body = Envelope(schemaURL: schemaURL, body: detail(values[i]))
                return (body, Self.key(paths[i], body))
            }
            outbox.add(keyed: zip(range, made).map { (path: paths[$0.0], key: $0.1.key) }) { n in
                JSONOutput.encode(made[n].body ?? Envelope(schemaURL: schemaURL, body: detail(values[range[n]])))
            }
            itemsDone += range.count
            progress(itemsDone)
        }
        endpoints.append(openData.endpoint(name, template, paths: paths, count: paths.count, schema: name, zh: zh, en: en))
    }

    /// An API file: its body with `$schema` naming the schema it validates against, kept by its fingerprint.
    func add<Body: Encodable>(_ path: String, schema: String, _ body: Body) {
        let file = Envelope(schemaURL: openData.url(SiteURL.apiSchema(schema)), body: body)
        outbox.add(keyed: [(path: path, key: Self.key(path, file))]) { _ in JSONOutput.encode(file) }
    }

    /// The key of a list: the fingerprint of the list without its items, then each item's, taken on every
    /// core (the documents list holds 10,000 summaries).
    private static func key<Item: Encodable>(_ path: String, list file: Envelope<API.List<Item>>) -> String? {
        let items = Parallel.map(file.body.items, jobs: Parallel.cores * 2) { Fingerprint.of($0) }
        let bare = API.List(key: file.body.key, items: [Item](), extra: file.body.extra)
        guard let head = Fingerprint.of(Envelope(schemaURL: file.schemaURL, body: bare)), !items.contains(nil) else {
            return nil
        }
        return "list \(path) \(head) \(items.count) " + items.map { $0! }.joined(separator: " ")
    }

    /// The key an API file is kept by: its path and the fingerprint of what it encodes (nil when that has
    /// none: the file is then always made).
    private static func key<Body: Encodable>(_ path: String, _ file: Envelope<Body>) -> String? {
        Fingerprint.of(file).map { "api \(path) \($0)" }
    }
}

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

    /// `api/v1/<name>.json`: `{"count": n, "<key>": [...]}` plus `extra` top-level values.
    mutating func list<Item: Encodable>(_ name: String, key: String, _ items: [Item], extra: [String: String?] = [:],
                                        zh: String, en: String) {
        let path = SiteURL.api + "\(name).json"
        let list = API.List(key: key, items: items, extra: extra.mapValues { Nullable(wrappedValue: $0) })
        outbox.add(openData.apiFile(path, schema: name, list))
        endpoints.append(openData.endpoint(name, path, count: items.count, schema: name, zh: zh, en: en))
    }

    /// One file per value, e.g. `api/v1/documents/{id}.json`. They are encoded on every core, a batch at a
    /// time (the detail files are most of the open data's work, and the outbox must not hold them all).
    mutating func items<Value, Detail: Encodable>(_ name: String, _ values: [Value], template: String,
                                                  path: (Value) -> String, detail: (Value) -> Detail,
                                                  zh: String, en: String) {
        let paths = values.map(path)
        for start in stride(from: 0, to: values.count, by: Self.batch) {
            let range = Array(start..<min(values.count, start + Self.batch))
            outbox.add(Parallel.map(range, jobs: Parallel.cores * 2) { i in
                openData.apiFile(paths[i], schema: name, detail(values[i]))
            })
            itemsDone += range.count
            progress(itemsDone)
        }
        endpoints.append(openData.endpoint(name, template, paths: paths, count: paths.count, schema: name, zh: zh, en: en))
    }

    func append(_ file: (path: String, data: Data)) { outbox.add(file) }
}

extension OpenData {
    /// An API file: its body with `$schema` naming the schema it validates against.
    func apiFile<Body: Encodable>(_ path: String, schema: String, _ body: Body) -> (path: String, data: Data) {
        (path, JSONOutput.encode(Envelope(schemaURL: url(SiteURL.apiSchema(schema)), body: body)))
    }
}

import GazetteModel

/// The value types of the JSON API (`/api/v1/`). Property names are camelCase here and
/// snake_case in the files; every optional is written as `null` (see `Nullable`).
enum API {
    /// A link to another page of the site, with its data file when it has one.
    struct Link: Encodable, Sendable {
        let id: String
        let title: String
        let path: String
        let url: String
        @Nullable var jsonPath: String?
        @Nullable var jsonURL: String?
    }

    /// A unit as a content file names it, with the registry entry it resolves to.
    struct Unit: Encodable, Sendable {
        /// The words of the source.
        let name: String
        @Nullable var departmentID: String?
        @Nullable var departmentName: String?
    }

    /// A table of a body, with the CSV and JSON files published beside its page.
    struct Table: Encodable, Sendable {
        let anchor: String
        @Nullable var caption: String?
        let header: [String]
        let rows: [[String]]
        let csvPath: String
        let csvURL: String
        let jsonPath: String
        let jsonURL: String
    }

    /// `{"count": n, "<items>": […]}`: every list file.
    struct List<Item: Encodable>: Encodable {
        let key: String
        let items: [Item]
        /// Extra top-level values (`as_of`, `current_division_id`), already snake_case.
        var extra: [String: Nullable<String>] = [:]

        private struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(_ string: String) { stringValue = string }
            init?(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(items.count, forKey: Key("count"))
            try container.encode(items, forKey: Key(key))
            // In a fixed order, so that the list's fingerprint is the same in every process (the JSON sorts them).
            for (name, value) in extra.sorted(by: { $0.key < $1.key }) { try container.encode(value, forKey: Key(name)) }
        }
    }
}

extension OpenData {
    /// `path` below the base URL.
    func url(_ path: String) -> String { site.config.absoluteURL(path) }

    /// The tables of a body with the paths of their CSV and JSON files (`documents/<id>/table-1.csv`).
    func tables(_ body: PublishedBody?, folder: String) -> [API.Table] {
        (body?.tables ?? []).map { table in
            let base = "\(folder)/\(table.anchor)"
            return API.Table(anchor: table.anchor, caption: table.caption, header: table.header, rows: table.rows,
                             csvPath: base + ".csv", csvURL: url(base + ".csv"),
                             jsonPath: base + ".json", jsonURL: url(base + ".json"))
        }
    }

    func unit(_ reference: UnitReference) -> API.Unit {
        API.Unit(name: reference.asWritten, departmentID: reference.departmentID,
                 departmentName: reference.departmentID.flatMap { site.departments.department(id: $0)?.name })
    }

    func link(_ document: Document) -> API.Link {
        API.Link(id: document.id, title: document.title, path: SiteURL.document(document.id),
                 url: url(SiteURL.document(document.id)), jsonPath: SiteURL.apiDocument(document.id),
                 jsonURL: url(SiteURL.apiDocument(document.id)))
    }

    func link(_ interpretation: Interpretation) -> API.Link {
        API.Link(id: interpretation.id, title: interpretation.title, path: SiteURL.interpretation(interpretation.id),
                 url: url(SiteURL.interpretation(interpretation.id)),
                 jsonPath: SiteURL.apiInterpretation(interpretation.id),
                 jsonURL: url(SiteURL.apiInterpretation(interpretation.id)))
    }

    func link(_ issue: Issue) -> API.Link {
        API.Link(id: issue.id, title: "\(site.config.title) \(issue.label)", path: SiteURL.issue(issue.id),
                 url: url(SiteURL.issue(issue.id)), jsonPath: SiteURL.apiIssue(issue.id),
                 jsonURL: url(SiteURL.apiIssue(issue.id)))
    }
}

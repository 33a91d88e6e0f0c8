import Foundation
import GazetteModel

/// Every published JSON Schema, by name: `api/v1/schema/<name>.schema.json`.
enum Schemas {
    struct Entry {
        let name: String
        let title: String
        let schema: Schema
    }

    /// API files carry a `$schema` key; tables and the JSON Feed follow formats of their own.
    static let all: [Entry] = [
        Entry(name: "index", title: "API catalog", schema: CatalogSchemas.index.withSchemaKey),
        Entry(name: "issues", title: "Issues", schema: ContentSchemas.issues.withSchemaKey),
        Entry(name: "issue", title: "Issue", schema: ContentSchemas.issue.withSchemaKey),
        Entry(name: "documents", title: "Documents", schema: ContentSchemas.documents.withSchemaKey),
        Entry(name: "document", title: "Document", schema: ContentSchemas.document.withSchemaKey),
        Entry(name: "interpretations", title: "Policy interpretations", schema: ContentSchemas.interpretations.withSchemaKey),
        Entry(name: "interpretation", title: "Policy interpretation", schema: ContentSchemas.interpretation.withSchemaKey),
        Entry(name: "notices", title: "Public notices", schema: ContentSchemas.notices.withSchemaKey),
        Entry(name: "leadership", title: "Divisions of work among the leaders", schema: OrganisationSchemas.leadership.withSchemaKey),
        Entry(name: "departments", title: "Organisations", schema: OrganisationSchemas.departments.withSchemaKey),
        Entry(name: "committees", title: "Committees", schema: OrganisationSchemas.committees.withSchemaKey),
        Entry(name: "people", title: "People", schema: OrganisationSchemas.people.withSchemaKey),
        Entry(name: "table", title: "Table", schema: ContentSchemas.tableFile),
        Entry(name: "feed", title: "JSON Feed", schema: CatalogSchemas.feed),
    ]
}

extension OpenData {
    /// The schema files, each with its absolute URL as `$id`.
    func schemaFiles() -> [(path: String, data: Data)] {
        Schemas.all.map { entry in
            let path = SiteURL.apiSchema(entry.name)
            let schema = entry.schema.document(id: url(path), title: "\(site.config.title) — \(entry.title)")
            return (path, JSONOutput.encode(schema, snakeCase: false))
        }
    }
}

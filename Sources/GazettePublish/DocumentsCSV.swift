import GazetteModel

/// `/downloads/documents.csv`: one row per document, the columns of the Federal Register's
/// CSV export in the gazette's terms.
enum DocumentsCSV {
    static let path = "downloads/documents.csv"

    /// Several values in one cell (recipients, topics) are joined with this.
    static let separator = "; "

    /// Column names, English snake_case like the JSON keys they match.
    static let columns = [
        "document_number", "id", "title", "type", "issuer", "issuer_code", "recipients", "signing_date",
        "publication_date", "issue", "section", "page", "citation", "topics", "status", "supersedes",
        "interpretation_url", "html_url", "json_url",
    ]

    static func csv(_ documents: [API.DocumentSummary], interpretationURL: (String) -> String) -> String {
        let rows = documents.map { d -> [String] in
            [
                d.documentNumber ?? "", d.id, d.title, d.type ?? "", d.issuer, d.issuerCode ?? "",
                d.recipients.joined(separator: separator), d.signingDate, d.publicationDate ?? "", d.issueID,
                d.section, d.page.map(String.init) ?? "", d.citation ?? "", d.topics.joined(separator: separator),
                d.status, d.supersedes ?? "", d.interpretationID.map(interpretationURL) ?? "", d.url, d.jsonURL,
            ]
        }
        return CSVWriter.withBOM(CSVWriter.csv([columns] + rows))
    }
}

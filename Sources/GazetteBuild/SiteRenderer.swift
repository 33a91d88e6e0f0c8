import Foundation
import GazetteModel
import GazetteRender
import GazetteSearch

/// Renders every page and data file of a resolved site into memory.
struct SiteRenderer {
    let site: Site
    let themeRoot: URL

    func render(diagnostics: inout Diagnostics) -> [OutputFile] {
        let templatesDir = themeRoot.appendingPathComponent("templates")
        guard let templates = Templates.load(from: templatesDir, displayPath: display(templatesDir),
                                             diagnostics: &diagnostics) else { return [] }
        let bodies = renderBodies(diagnostics: &diagnostics)
        let lists = ListPages(site: site)
        let documentPages = DocumentPages(site: site)
        var pages: [Page] = [lists.home(), lists.issues(), lists.documents(), lists.notFound(),
                             SearchPage(site: site).page()]
        pages += site.issues.map(lists.issue)
        pages += site.documents.map { documentPages.document($0, body: bodies.documents[$0.id]!) }
        pages += site.interpretations.map { documentPages.interpretation($0, body: bodies.interpretations[$0.id]!) }

        var outputs: [OutputFile] = []
        for page in pages {
            guard templates.names.contains(page.template) else {
                diagnostics.error("主题缺少模板 \(page.template).mustache", at: SourceLocation(path: display(templatesDir)))
                continue
            }
            outputs.append(OutputFile(path: page.path, text: templates.render(page.template, page.context) ?? ""))
        }
        outputs += tableFiles(bodies: bodies)
        outputs += SearchIndex.build(searchRecords(bodies: bodies)).map { OutputFile(path: $0.path, data: $0.data) }
        return outputs.sorted { $0.path < $1.path }
    }

    /// Every Markdown body rendered once; pages, tables and (later) search and data reuse them.
    private func renderBodies(diagnostics: inout Diagnostics) -> (documents: [String: RenderedBody], interpretations: [String: RenderedBody]) {
        var documents: [String: RenderedBody] = [:]
        for document in site.documents { documents[document.id] = Markdown.render(document.body, diagnostics: &diagnostics) }
        var interpretations: [String: RenderedBody] = [:]
        for interpretation in site.interpretations {
            interpretations[interpretation.id] = Markdown.render(interpretation.body, diagnostics: &diagnostics)
        }
        return (documents, interpretations)
    }

    /// Each table of a document as CSV and JSON beside its page.
    private func tableFiles(bodies: (documents: [String: RenderedBody], interpretations: [String: RenderedBody])) -> [OutputFile] {
        var files: [OutputFile] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for (folder, id, body) in bodies.documents.map({ ("documents", $0.key, $0.value) })
            + bodies.interpretations.map({ ("interpretations", $0.key, $0.value) }) {
            for table in body.tables {
                let base = "\(folder)/\(id)/\(table.anchor)"
                // A BOM lets spreadsheet programs on Windows open the Chinese CSV as UTF-8.
                files.append(OutputFile(path: base + ".csv", text: "\u{FEFF}" + table.table.csv))
                if let json = try? encoder.encode(TableJSON(table.table)) {
                    files.append(OutputFile(path: base + ".json", data: json + Data("\n".utf8)))
                }
            }
        }
        return files
    }

    /// Everything the site publishes, as the search index sees it.
    private func searchRecords(bodies: (documents: [String: RenderedBody], interpretations: [String: RenderedBody])) -> [SearchRecord] {
        let documents = site.documents.map { d in
            SearchRecord(url: SiteURL.document(d.id), kind: "document", title: d.title, number: d.number?.description,
                         date: d.date.iso, issue: d.issueID, issuer: d.issuer, text: bodies.documents[d.id]?.text ?? "")
        }
        let interpretations = site.interpretations.map { i in
            SearchRecord(url: SiteURL.interpretation(i.id), kind: "interpretation", title: i.title,
                         number: site.document(id: i.documentID)?.number?.description,
                         date: site.date(of: i)?.iso, issue: i.issueID,
                         issuer: i.issuer ?? site.document(id: i.documentID)?.issuer,
                         text: bodies.interpretations[i.id]?.text ?? "")
        }
        return documents + interpretations
    }

    private func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd + "/") ? String(path.dropFirst(cwd.count + 1)) : path
    }
}

/// The JSON form of a published table.
struct TableJSON: Encodable {
    let caption: String?
    let header: [String]
    let rows: [[String]]

    init(_ table: CSVTable) {
        caption = table.caption
        header = table.header
        rows = table.rows
    }
}

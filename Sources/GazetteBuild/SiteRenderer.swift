import Foundation
import GazetteModel
import GazettePublish
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
        let noticePages = NoticePages(site: site)
        pages.append(noticePages.index())
        pages += site.notices.map { noticePages.notice($0, body: bodies.notices[$0.id]!) }
        pages += organisationPages(bodies: bodies)

        var outputs: [OutputFile] = []
        for page in pages {
            guard templates.names.contains(page.template) else {
                diagnostics.error("主题缺少模板 \(page.template).mustache", at: SourceLocation(path: display(templatesDir)))
                continue
            }
            outputs.append(OutputFile(path: page.path, text: templates.render(page.template, page.context) ?? ""))
        }
        outputs += tableFiles(bodies: bodies)
        outputs += calendarFiles()
        outputs += OpenData(site: site, bodies: bodies.published)
            .files(pages: pages.map(\.urlPath).sorted())
            .map { OutputFile(path: $0.path, data: $0.data) }
        outputs += SearchIndex.build(searchRecords(bodies: bodies)).map { OutputFile(path: $0.path, data: $0.data) }
        return outputs.sorted { $0.path < $1.path }
    }

    /// Every Markdown body rendered once; pages, tables and (later) search and data reuse them.
    private func renderBodies(diagnostics: inout Diagnostics) -> RenderedBodies {
        var bodies = RenderedBodies()
        for document in site.documents {
            bodies.documents[document.id] = Markdown.render(document.body, diagnostics: &diagnostics)
        }
        for interpretation in site.interpretations {
            bodies.interpretations[interpretation.id] = Markdown.render(interpretation.body, diagnostics: &diagnostics)
        }
        for notice in site.notices {
            bodies.notices[notice.id] = Markdown.render(notice.body, diagnostics: &diagnostics)
        }
        return bodies
    }

    /// Leadership matrix, leaders, past divisions, units, committees and people.
    private func organisationPages(bodies: RenderedBodies) -> [Page] {
        let leadership = LeadershipPages(site: site)
        let organisations = OrganisationPages(site: site)
        var pages: [Page] = []
        if let current = site.currentDivision, let matrix = leadership.current() {
            pages.append(matrix)
            pages += current.leaders.map { leadership.leader($0, in: current) }
        }
        pages += site.divisions.map(leadership.division)
        if !site.departments.departments.isEmpty {
            let naming = organisations.unitsNamed(byDocumentTexts: bodies.documents.mapValues(\.text))
            pages.append(organisations.departments())
            pages += site.departments.departments.map { organisations.department($0, naming: naming[$0.id] ?? []) }
        }
        if !site.committees.isEmpty {
            pages.append(organisations.committees())
            pages += site.committees.map(organisations.committee)
        }
        if site.currentDivision != nil || !site.committees.isEmpty { pages.append(organisations.people()) }
        return pages
    }

    /// `/notices.ics` with every notice, and one `.ics` per notice.
    private func calendarFiles() -> [OutputFile] {
        let url = { (notice: Notice) in site.config.baseURL + SiteURL.notice(notice.id) }
        var files = [OutputFile(path: "notices.ics",
                                text: ICalendar.calendar(name: "\(site.config.title) 公示", notices: site.notices,
                                                         site: site.config, url: url))]
        for notice in site.notices {
            files.append(OutputFile(path: SiteURL.notice(notice.id) + "notice.ics",
                                    text: ICalendar.calendar(name: notice.title, notices: [notice],
                                                             site: site.config, url: url)))
        }
        return files
    }

    /// Each table of a document as CSV and JSON beside its page.
    private func tableFiles(bodies: RenderedBodies) -> [OutputFile] {
        var files: [OutputFile] = []
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for (folder, id, body) in bodies.all {
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
    private func searchRecords(bodies: RenderedBodies) -> [SearchRecord] {
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
        let notices = site.notices.map { n in
            SearchRecord(url: SiteURL.notice(n.id), kind: "notice", title: n.title, number: nil,
                         date: n.start.iso, issue: nil, issuer: n.publisher, text: bodies.notices[n.id]?.text ?? "")
        }
        return documents + interpretations + notices
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

/// Every Markdown body of the site, rendered once and shared by pages, tables, search and data.
struct RenderedBodies {
    var documents: [String: RenderedBody] = [:]
    var interpretations: [String: RenderedBody] = [:]
    var notices: [String: RenderedBody] = [:]

    /// The bodies as the open-data files publish them, by page folder (`documents/<id>`).
    var published: [String: PublishedBody] {
        Dictionary(uniqueKeysWithValues: all.map { folder, id, body in
            ("\(folder)/\(id)", PublishedBody(
                html: body.html, text: body.text,
                attachments: body.attachments.map { .init(label: $0.label, title: $0.title, html: $0.html) },
                tables: body.tables.map { .init(anchor: $0.anchor, caption: $0.table.caption,
                                                header: $0.table.header, rows: $0.table.rows) }))
        })
    }

    /// (output folder, id, body) for every body, in a stable order.
    var all: [(String, String, RenderedBody)] {
        let groups: [(String, [String: RenderedBody])] = [
            ("documents", documents), ("interpretations", interpretations), ("notices", notices),
        ]
        return groups.flatMap { folder, bodies in bodies.keys.sorted().map { (folder, $0, bodies[$0]!) } }
    }
}

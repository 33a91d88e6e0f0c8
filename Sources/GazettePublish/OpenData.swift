import Foundation
import GazetteModel
import GazetteParallel

/// A rendered body as the data files publish it.
public struct PublishedBody: Sendable {
    public struct Attachment: Sendable {
        public let label: String
        public let title: String
        public let html: String
        public init(label: String, title: String, html: String) {
            self.label = label
            self.title = title
            self.html = html
        }
    }

    public struct Table: Sendable {
        /// `table-1`: the CSV and JSON beside the page are `<anchor>.csv` / `<anchor>.json`.
        public let anchor: String
        public let caption: String?
        public let header: [String]
        public let rows: [[String]]
        public init(anchor: String, caption: String?, header: [String], rows: [[String]]) {
            self.anchor = anchor
            self.caption = caption
            self.header = header
            self.rows = rows
        }
    }

    /// The HTML, as bytes until a file that shows it is made (`LazyText`).
    public let htmlText: LazyText
    public var html: String { htmlText.string }
    /// The plain text, likewise.
    public let plainText: LazyText
    public var text: String { plainText.string }
    public let attachments: [Attachment]
    public let tables: [Table]

    public init(html: String, text: String, attachments: [Attachment], tables: [Table]) {
        self.init(htmlText: LazyText(html), plainText: LazyText(text), attachments: attachments, tables: tables)
    }

    public init(htmlText: LazyText, plainText: LazyText, attachments: [Attachment], tables: [Table]) {
        self.htmlText = htmlText
        self.plainText = plainText
        self.attachments = attachments
        self.tables = tables
    }
}

/// The open-data side of the site: JSON API with schemas, feeds, sitemap, downloads.
public struct OpenData {
    public let site: Site
    /// Bodies by page folder: `documents/<id>`, `interpretations/<id>`, `notices/<id>`.
    public let bodies: [String: PublishedBody]
    /// The digest of what each per-item file's detail is made from, by page folder (`documents/<id>`), when
    /// the caller knows it: the build gives the site key with the body's cache key, as for the item's page
    /// (`DeferredPage`). A file is then kept by that digest, and its detail made only when it must be
    /// written; without one it is kept by the fingerprint of its detail, which is then made every time.
    public let inputs: [String: String]
    /// A digest of what the site is made from, when the caller knows it (the build's site key): the lists
    /// and the issues' files are made from the site alone, and are kept by it.
    public let siteKey: String?

    public init(site: Site, bodies: [String: PublishedBody], siteKey: String? = nil, inputs: [String: String] = [:]) {
        self.site = site
        self.bodies = bodies
        self.siteKey = siteKey
        self.inputs = inputs
    }

    /// A batch of data files, as (path below the output root, bytes).
    public typealias Files = [(path: String, data: Data)]

    /// Makes every data file and hands them to `emit` batch by batch as they are made: the API with its
    /// schemas, the feeds, the sitemap, and the downloads (documents.csv, the ZIP of all the data, their
    /// checksums). Only a deflated copy of each archived file is kept until the ZIP is laid out, so the
    /// data of a large gazette is never all in memory. `pages` lists the URL paths of every HTML page the
    /// build writes (`documents/azbf-2023-7/`, `404.html`…), for the sitemap. Returns what the downloads
    /// page shows: files with size and SHA-256, endpoints, feeds. `progress` is told how many of the
    /// `itemCount` per-item API files (the bulk of the work) are made so far. `itemsMade` is called once
    /// they all are: what remains (lists, tables, feeds, the archive and its checksum) is mostly one
    /// thread's work, and the caller may start something else on the other cores.
    public func publish(pages: [String], progress: @escaping (Int) -> Void = { _ in }, itemsMade: () -> Void = {},
                        emit: @escaping (Files) -> Void) -> DownloadManifest {
        publish(pages: pages, progress: progress, itemsMade: itemsMade, sink: EmittingSink(emit))
    }

    /// The same, through a sink that may keep the published API files whose fingerprint is unchanged and
    /// take their archive entries from the last build's archive.
    public func publish(pages: [String], progress: @escaping (Int) -> Void = { _ in }, itemsMade: () -> Void = {},
                        sink: DataSink) -> DownloadManifest {
        var clock = StepClock(environment: "GAZETTE_RENDER_TIMING")
        let outbox = DataOutbox(sink: sink)
        var api = APIFiles(self, outbox: outbox, progress: progress)
        // Once, on every core, when the documents list or documents.csv is made: both hold them.
        let summaries = Once { Parallel.map(site.documents, jobs: Parallel.cores * 2, summary) }
        addContent(to: &api, summaries: summaries)
        itemsMade()
        clock.lap("content")
        addOrganisations(to: &api)
        // The tables' CSV and JSON are written beside their pages by the build; here they are only archived.
        let tables = tableFiles()
        outbox.add(tables, published: false)
        let tableJSON = tables.map(\.path).filter { $0.hasSuffix(".json") }
        api.endpoints.append(endpoint("table", "{folder}/{id}/{anchor}.json", paths: tableJSON, count: tableJSON.count,
                                      schema: "table", zh: "正文中的每个表格（JSON；同名 .csv 为 CSV）。",
                                      en: "Each table of a body as JSON (the .csv of the same name is the CSV)."))
        let index = endpoint("index", SiteURL.api + "index.json", count: api.endpoints.count + 1, schema: "index",
                             zh: "接口目录：列出全部接口及其模式、数量和说明，以及订阅源和下载。",
                             en: "The catalog: every endpoint with its schema, count and description, the feeds and the downloads.")
        let endpoints = [index] + api.endpoints
        api.add(index.path, schema: "index", catalog(endpoints: endpoints))

        // The files below are kept by what they are made from, when the caller gave the site's key: the
        // schemas, robots.txt and documents.csv by it, the sitemap by it and the pages, and each feed by it
        // and the inputs of its items (`inputs`: their bodies are in the feed).
        let schemas = schemaFiles()
        outbox.add(keyed: schemas.map { (path: $0.path, key: siteFileKey($0.path)) }) { schemas[$0].data }
        let entries = feedEntries
        let jsonEntries = Array(entries.prefix(Self.feedLimit))
        outbox.add(keyed: [(path: SiteURL.jsonFeed, key: feedKey(SiteURL.jsonFeed, jsonEntries))]) { _ in
            jsonFeed(items: jsonEntries.map { $0.item() })
        }
        let atom = atomFeeds(entries: entries)
        outbox.add(keyed: atom.map { (path: $0.path, key: feedKey($0.path, $0.entries)) }, archived: false) { Data(atom[$0].xml().utf8) }
        var pagesHash = ContentHash()
        pages.forEach { pagesHash.add($0) }
        outbox.add(keyed: [(path: SiteURL.sitemap, key: siteFileKey(SiteURL.sitemap, pagesHash.hex)),
                           (path: "robots.txt", key: siteFileKey("robots.txt"))], archived: false) { i in
            Data((i == 0 ? Sitemap.xml(pages: pages, config: site.config) : Sitemap.robots(config: site.config)).utf8)
        }
        let makeCSV = { Data(DocumentsCSV.csv(summaries.value) { url(SiteURL.interpretation($0)) }.utf8) }
        // The downloads page shows the CSV's size and checksum: a kept one is read back.
        let csv = outbox.add(keyed: [(path: DocumentsCSV.path, key: siteFileKey(DocumentsCSV.path))]) { _ in makeCSV() }[0]
            ?? sink.kept(DocumentsCSV.path) ?? makeCSV()

        clock.lap("rest")
        let archived = outbox.takeArchived()
        let entryCount = archived.count
        let archive = DataArchive.zip(packed: consume archived, date: site.today)
        clock.lap("zip")
        let downloadFiles = [(path: DataArchive.path, parts: archive.parts), (path: DocumentsCSV.path, parts: [csv])]
        // The archive is written while its checksum is taken, on the other core.
        let (_, files) = Parallel.both({ sink.write(DataArchive.path, parts: archive.parts) }, {
            downloadFiles.map { file -> DownloadManifest.File in
                let described = downloads.first { $0.path == file.path }
                return DownloadManifest.File(
                    name: (file.path as NSString).lastPathComponent, path: file.path,
                    mediaType: described?.mediaType ?? "application/octet-stream", size: file.parts.reduce(0) { $0 + $1.count },
                    sha256: SHA256.hex(parts: file.parts), descriptionZh: described?.descriptionZh ?? "",
                    descriptionEn: described?.descriptionEn ?? "",
                    entryCount: file.path == DataArchive.path ? entryCount : nil)
            }
        })
        sink.write([(DownloadFiles.checksumsPath, Data(DownloadFiles.checksums(files).utf8))])
        clock.lap("sha and write")
        clock.report("open data")
        return DownloadManifest(
            files: files, checksumsPath: DownloadFiles.checksumsPath,
            endpoints: endpoints.map {
                DownloadManifest.Endpoint(name: $0.name, path: $0.path, example: $0.paths.first, schemaPath: $0.schemaPath,
                                          count: $0.count, templated: $0.templated,
                                          descriptionZh: $0.descriptionZh, descriptionEn: $0.descriptionEn)
            },
            feeds: feeds.map { DownloadManifest.Feed(name: $0.name, path: $0.path, format: $0.format, descriptionZh: $0.descriptionZh) })
    }

    /// The per-item API files `publish` makes: one per issue, document and interpretation.
    public var itemCount: Int { site.issues.count + site.documents.count + site.interpretations.count }

    /// The key of a file made from the site alone (and `more`), when the caller gave the site's key.
    private func siteFileKey(_ path: String, _ more: String = "") -> String? {
        siteKey.map { "site \(path) \($0) \(more)" }
    }

    /// The key of a feed: the site's key and the inputs of each of its items, when all are known.
    private func feedKey(_ path: String, _ items: [FeedEntry]) -> String? {
        guard let siteKey else { return nil }
        var hash = ContentHash()
        hash.add(siteKey)
        for item in items {
            guard let digest = inputs["\(item.kind == "document" ? "documents" : "interpretations")/\(item.id)"] else { return nil }
            hash.add(digest)
        }
        return "feed \(path) \(items.count) \(hash.hex)"
    }

    private func addContent(to api: inout APIFiles, summaries: Once<[API.DocumentSummary]>) {
        api.list("issues", key: "issues", count: site.issues.count, { site.issues.map(summary) },
                 zh: "历期公报：期号、总期号、印发日期、栏目和文件数。", en: "Every issue: numbers, date, sections, counts.")
        api.items("issue", site.issues, template: SiteURL.apiIssue("{id}"), path: { SiteURL.apiIssue($0.id) }, detail: detail,
                  inputs: { _ in siteKey },
                  zh: "一期公报及其目录（按栏目和页码）。", en: "One issue with its table of contents by section and page.")
        api.list("documents", key: "documents", count: site.documents.count, { summaries.value },
                 zh: "全部文件的元数据：文号、标题、文种、发文机关、主送机关、日期、期次、页码、主题、有效性。",
                 en: "Metadata of every document: number, title, type, issuer, recipients, dates, issue, page, topics, status.")
        api.items("document", site.documents, template: SiteURL.apiDocument("{id}"), path: { SiteURL.apiDocument($0.id) },
                  detail: detail, inputs: { inputs["documents/\($0.id)"] },
                  zh: "一件文件：元数据、正文（HTML 和纯文本）、附件、表格、公示规定，以及政策解读、期次和公示的链接。",
                  en: "One document: metadata, body as HTML and text, attachments, tables, notice rules, links to its interpretation, issue and notices.")
        api.list("interpretations", key: "interpretations", count: site.interpretations.count,
                 { site.interpretations.map(summary) },
                 zh: "全部政策解读及其所解读的文件。", en: "Every policy interpretation and the document it explains.")
        api.items("interpretation", site.interpretations, template: SiteURL.apiInterpretation("{id}"),
                  path: { SiteURL.apiInterpretation($0.id) }, detail: detail,
                  inputs: { inputs["interpretations/\($0.id)"] },
                  zh: "一篇政策解读：正文（HTML 和纯文本）、表格和所解读文件的链接。",
                  en: "One policy interpretation: body as HTML and text, tables, link to its document.")
        api.list("notices", key: "notices", site.notices.map(notice), extra: ["as_of": site.today.iso],
                 zh: "全部公示：依据的规定、起止日期、工作日数、跳过的日期及原因、截至构建日期的状态。",
                 en: "Every public notice: rule, start, end, working days, skipped days with reasons, status as of the build date.")
    }

    private func addOrganisations(to api: inout APIFiles) {
        let current: [String: String?] = ["current_division_id": site.currentDivision?.id]
        api.list("leadership", key: "divisions", site.divisions.map(division), extra: current,
                 zh: "市政府领导工作分工（现行和历次）：每位领导的分管、协助分管、联系单位，单位均解析为单位编号。",
                 en: "Divisions of work among the leaders, current and past: each relation with its resolved unit id.")
        api.list("departments", key: "departments", site.departments.departments.map(department), extra: current,
                 zh: "单位名录：名称、别名、类别、现行分工中的负责领导、所在议事协调机构。",
                 en: "Registry of units: names, aliases, kind, who is responsible now, committees.")
        api.list("committees", key: "committees", site.committees.map(committee),
                 zh: "议事协调机构：成员及职务、办公室、职责、依据文件。",
                 en: "Committees and leading groups: members with roles and posts, office, duties, source.")
        api.list("people", key: "people", site.people.map(person),
                 zh: "领导分工和议事协调机构中的全部人员，及各自的职务和出处。",
                 en: "Every person named in the leadership and committee files, with each post and role.")
    }

    /// Every table as CSV and JSON, at the paths and with the bytes the pages publish them.
    private func tableFiles() -> [(path: String, data: Data)] {
        bodies.keys.sorted().flatMap { folder in
            bodies[folder]!.tables.flatMap { table -> [(path: String, data: Data)] in
                let base = "\(folder)/\(table.anchor)"
                let csv = CSVWriter.withBOM(CSVWriter.csv([table.header] + table.rows))
                let json = JSONOutput.encode(TableFile(caption: table.caption, header: table.header, rows: table.rows),
                                             snakeCase: false)
                return [(base + ".csv", Data(csv.utf8)), (base + ".json", json)]
            }
        }
    }
}

/// A table's JSON beside its page: the caption key is left out when there is none.
private struct TableFile: Encodable {
    let caption: String?
    let header: [String]
    let rows: [[String]]
}

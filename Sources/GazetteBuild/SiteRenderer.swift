import Foundation
import GazetteParallel
import GazetteModel
import GazettePublish
import GazetteRender
import GazetteSearch

/// The site as rendered: its pages are drawn and, like the data files, already in the sink.
struct RenderedSite {
    let pageCount: Int
    let fileCount: Int
    /// Every page's context, only when the renderer was asked to keep them (for tests).
    let pages: [Page]
    let templates: Templates
    /// The steps kept whole from the last build, in order: `open data` (no content changed), `search index`
    /// (none of its records changed).
    var keptSteps: [String] = []
    /// The steps that updated their last run's files instead (`search index`: a few records changed).
    var updatedSteps: [String] = []
}

/// Renders the Markdown bodies, builds every page context and draws it, and makes every data file of a
/// resolved site. What is done with is let go on the way, so the build's memory is not the sum of the
/// site's text in all its forms: the Markdown once the bodies are rendered, the page contexts once they
/// are drawn, the bodies' HTML and text once the open data is written and the search index has taken them in.
struct SiteRenderer {
    private(set) var site: Site
    let themeRoot: URL
    let jobs: Int
    /// A hash of every content file and the build date (`SiteBuilder.contentKey`): all the open data
    /// depends on. Without it the open data is always made.
    let contentKey: String?
    /// A hash of everything the site is made from but the Markdown bodies (`SiteBuilder.siteKey`). With it
    /// and a body cache, the pages and API files of documents and interpretations are kept by their inputs.
    let siteKey: String?
    /// How the build names this stage (`[3/4] render`; `[3/3] render` for `site check`), for progress lines.
    let stageLabel: String
    /// Keeps every page context in the result (tests compare the engines' drawings of them).
    var keepsPages = false
    /// The bodies rendered by earlier builds, when there is a cache.
    let bodyCache: BodyCache?

    init(site: consuming Site, themeRoot: URL, jobs: Int, contentKey: String? = nil, siteKey: String? = nil,
         stageLabel: String = "render",
         keepsPages: Bool = false, bodyCache: BodyCache? = nil) {
        self.bodyCache = bodyCache
        self.site = site
        self.themeRoot = themeRoot
        self.jobs = jobs
        self.contentKey = contentKey
        self.siteKey = siteKey
        self.stageLabel = stageLabel
        self.keepsPages = keepsPages
    }

    /// Renders everything; pages and data files go to `sink` group by group as they are made, and are not kept.
    mutating func render(diagnostics: inout Diagnostics, sink: OutputSink) -> RenderedSite? {
        let templatesDir = themeRoot.appendingPathComponent("templates")
        guard let templates = Templates.load(from: templatesDir, displayPath: display(templatesDir),
                                             diagnostics: &diagnostics) else { return nil }
        var clock = StepClock(environment: "GAZETTE_RENDER_TIMING")
        clock.lap("templates")
        var bodies = renderBodies(diagnostics: &diagnostics)
        site = site.forgettingMarkdown()
        FreedMemory.release()
        clock.lap(bodyCache.map { "bodies (\($0.hits) kept)" } ?? "bodies")
        var (pages, deferred, inputs) = pageContexts(bodies: bodies)
        clock.lap("contexts")
        // A signal stops the build between steps (and between batches of the search index): the
        // interruption handler gives the build two seconds before it cleans up and exits by itself.
        let interrupted = { Interruption.shared.isRequested }
        let missing = Set(pages.map(\.template) + deferred.map(\.template) + [DownloadsPage.template])
            .subtracting(templates.names).sorted()
        for name in missing {
            diagnostics.error("主题缺少模板 \(name).mustache", at: SourceLocation(path: display(templatesDir)))
        }
        // A build with errors (in the bodies, or a missing template) will not be published: from here the
        // sink only records paths, for the link check.
        if diagnostics.hasErrors { sink.stopWriting() }
        var pageCount = pages.count + deferred.count
        let sitemap = (pages.map(\.urlPath) + deferred.map(\.urlPath) + [SiteURL.downloads]).sorted()
        // Drawn now, not at emit, so that no page context outlives its drawing.
        draw(pages, deferred, templates: templates, sink: sink)
        var kept = keepsPages ? pages : []
        pages = []
        deferred = []
        FreedMemory.release()
        clock.lap("pages")
        if interrupted() { return nil }
        sink.files(tableFiles(bodies: bodies))
        sink.files(calendarFiles())
        clock.lap("tables")
        if interrupted() { return nil }
        // The open data (API, feeds, archive) is made first, then the search index. They read the bodies
        // only and write files of their own, so the index starts as soon as the open data's per-item files
        // are made: what the open data does after them (lists, tables, feeds, laying out the archive and
        // taking its checksum) is mostly one thread's work, and the index takes the other core meanwhile.
        // Started any sooner, the index's postings would grow while every body's HTML is still held.
        var openData: OpenData? = OpenData(site: site, bodies: bodies.published, siteKey: inputs.isEmpty ? nil : siteKey,
                                            inputs: inputs)
        var records: [SearchRecord]? = searchRecords(bodies: bodies)
        bodies.keepOnlyLinks()
        FreedMemory.release()
        let progress = Progress("\(stageLabel):", steps: [(name: "open data", total: openData!.itemCount),
                                                         (name: "search index", total: records!.count)])
        let itemsMade = DispatchSemaphore(value: 0)
        let ((manifest, dataRan), search) = Parallel.both(jobs: jobs, {
            publishOpenData(openData.take()!, sitemap: sitemap, sink: sink, progress: { progress.update($0, part: 0) },
                            itemsMade: { itemsMade.signal() })
        }, {
            itemsMade.wait()
            return buildSearchIndex(records.take()!, sink: sink, shouldStop: interrupted) { progress.update($0, part: 1) }
        })
        progress.finish()
        FreedMemory.release()
        clock.lap("open data and search")
        if interrupted() { return nil }
        // The downloads page shows the archive's size and checksum: it comes after the open data.
        let downloads = DownloadsPage(site: site).page(manifest)
        draw([downloads], [], templates: templates, sink: sink)
        pageCount += 1
        if keepsPages { kept.append(downloads) }

        // Link check: every internal link of a Markdown body must reach a page or file of this build.
        let fileCount = sink.count - pageCount
        LinkCheck(site: site, outputs: sink.allPaths, themeRoot: themeRoot)
            .check(bodies.all, diagnostics: &diagnostics)
        clock.lap("links")
        clock.report("render: \(pageCount) pages, \(fileCount) data files")

        return RenderedSite(pageCount: pageCount, fileCount: fileCount, pages: kept, templates: templates,
                            keptSteps: (dataRan ? [] : ["open data"]) + (search == .kept ? ["search index"] : []),
                            updatedSteps: search.isUpdate ? ["search index"] : [])
    }

    /// Writes the open data through the sink, or keeps the published one: it is a function of the content
    /// and the build date alone (the theme plays no part), so after an edit to a template or a style sheet
    /// its 10,000 files of a large gazette are kept whole, and its manifest is read back from the cache.
    /// Returns what the downloads page shows, and whether the open data was made. `progress` is told how
    /// many of its per-item files are made, and `itemsMade` is called once, when they all are (when the
    /// open data is kept: as this returns).
    private func publishOpenData(_ openData: OpenData, sitemap: [String], sink: OutputSink,
                                 progress: @escaping (Int) -> Void, itemsMade: @escaping () -> Void)
        -> (manifest: DownloadManifest, ran: Bool) {
        // Once, whichever way this returns: the search index waits for it.
        var signalled = false
        let signalOnce = {
            if !signalled { itemsMade() }
            signalled = true
        }
        defer { signalOnce() }
        // Without a content key (a renderer a test made) nothing is kept: a key that missed the content
        // would keep stale data.
        guard let contentKey else {
            return (openData.publish(pages: sitemap, progress: progress, itemsMade: signalOnce, emit: sink.files), true)
        }
        var made: DownloadManifest?
        let step = sink.step("open-data", key: { BuildCache.generator + "-" + contentKey }) { write in
            made = openData.publish(pages: sitemap, progress: progress, itemsMade: signalOnce, sink: write)
            return (try? JSONEncoder().encode(made)).map { String(decoding: $0, as: UTF8.self) }
        }
        if let made { return (made, true) }
        progress(openData.itemCount)
        if let note = step.note, let kept = try? JSONDecoder().decode(DownloadManifest.self, from: Data(note.utf8)) {
            return (kept, false)
        }
        // A kept step whose manifest does not read back: only a cache file edited by hand gets here (the key
        // holds the executable's hash, so another version never does). The files are kept; the manifest is
        // made again.
        return (openData.publish(pages: sitemap, emit: { _ in }), false)
    }

    /// Builds the search index through the sink, updates the published one, or keeps it. The index is a
    /// function of its records alone: when none changed (a template, a style sheet or a field the index does
    /// not read was edited) it is kept whole; when a few changed (an editor's rebuild), the shards holding
    /// their changed n-grams are patched (`SearchIndex.updating`, which gives the bytes a build would). Built
    /// in full, the index takes the records over and lets their texts go batch by batch (their storage is
    /// freed once the open data has let go of the bodies too), and keeps what the next update needs (every
    /// record with its text). `progress` is told how many records are tokenized.
    private func buildSearchIndex(_ records: consuming [SearchRecord], sink: OutputSink, shouldStop: () -> Bool,
                                  progress: @escaping (Int) -> Void) -> OutputSink.StepOutcome {
        var records: [SearchRecord]? = records
        let count = records!.count
        let outcome = sink.updatableStep("search", key: { Self.key(of: records ?? []) }, update: { state, read in
            switch SearchIndex.updating(records ?? [], index: [UInt8](state.index), texts: { state.texts($0).map { [UInt8]($0) } },
                                        published: { read($0).map { [UInt8]($0) } }) {
            case .success(let update):
                return OutputSink.StepUpdate(files: update.files, removed: update.removed, state: Self.state(update.kept))
            case .failure(let reason):
                if ProcessInfo.processInfo.environment["GAZETTE_SEARCH_TIMING"] != nil {
                    FileHandle.standardError.write(Data("search index: built in full (\(reason.rawValue))\n".utf8))
                }
                return nil
            }
        }) { write in
            SearchIndex.build(records.take() ?? [], keepState: true, shouldStop: shouldStop, progress: progress,
                              emit: write).map(Self.state)
        }
        if outcome != .ran { progress(count) }
        return outcome
    }

    private static func state(_ kept: SearchIndex.Kept) -> BuildCache.State {
        BuildCache.State(index: Data(kept.index), texts: Data(kept.texts), textsOffset: kept.textsOffset)
    }

    /// Every page's context but the downloads page's (which needs the open data's manifest). When there is a
    /// cache to keep them, two kinds of page are deferred, and made only if they must be drawn: those made
    /// from the site alone (home, lists, issues, search), known by the site key (what the site is made from
    /// but the Markdown bodies) and their path; and the documents' and interpretations' pages, each known by
    /// the site key, its folder and its body's key (`BodyCache.key`, which the rendered body is a function
    /// of). No page reads another page's body, so a body edit changes one digest. Those digests, by page
    /// folder (`documents/<id>`), are returned too: the item's API file is made from the same inputs
    /// (`OpenData.inputs`).
    private func pageContexts(bodies: RenderedBodies) -> (pages: [Page], deferred: [DeferredPage], inputs: [String: String]) {
        let lists = ListPages(site: site)
        let documentPages = DocumentPages(site: site)
        let search = SearchPage(site: site)
        // The pages made from the site alone (their path and template, then how to make them): the lists of
        // issues and documents are the largest contexts after the documents' own.
        let sitePages: [(path: String, template: String, make: () -> Page)] = [
            ("index.html", "home", lists.home), (SiteURL.issues + "index.html", "issues", lists.issues),
            (SiteURL.documents + "index.html", "documents", lists.documents), ("search/index.html", "search", search.page),
        ] + site.issues.map { issue in (SiteURL.issue(issue.id) + "index.html", "issue", { lists.issue(issue) }) }
        var pages: [Page] = [lists.notFound(), lists.elderHelp()]
        var deferred: [DeferredPage] = []
        var inputs: [String: String] = [:]
        if let digest = siteKey, bodyCache != nil, !keepsPages, bodies.keys.count == site.documents.count + site.interpretations.count {
            deferred += sitePages.map { page in
                var hash = ContentHash()
                hash.add(digest)
                hash.add("site page")
                hash.add(page.path)
                return DeferredPage(path: page.path, template: page.template, inputs: hash.hex, make: page.make)
            }
            func itemInputs(_ folder: String) -> String {
                var hash = ContentHash()
                hash.add(digest)
                hash.add(folder)
                hash.add(bytes: bodies.keys[folder]!.bytes)
                return hash.hex
            }
            // On every core: one hash, two dictionary lookups and a page for each of 10,000 documents.
            let documentPagesMade = Parallel.map(site.documents, jobs: jobs) { document in
                let folder = "documents/\(document.id)", digest = itemInputs(folder), body = bodies.documents[document.id]!
                return (folder, digest, DeferredPage(path: SiteURL.document(document.id) + "index.html", template: "document",
                                                     inputs: digest) { documentPages.document(document, body: body) })
            }
            let interpretationPagesMade = Parallel.map(site.interpretations, jobs: jobs) { interpretation in
                let folder = "interpretations/\(interpretation.id)", digest = itemInputs(folder)
                let body = bodies.interpretations[interpretation.id]!
                return (folder, digest, DeferredPage(path: SiteURL.interpretation(interpretation.id) + "index.html",
                                                     template: "interpretation", inputs: digest) {
                    documentPages.interpretation(interpretation, body: body)
                })
            }
            // Taken over as they are, without joining the two lists first (10,000 pages copied twice).
            deferred.reserveCapacity(deferred.count + documentPagesMade.count + interpretationPagesMade.count)
            inputs.reserveCapacity(documentPagesMade.count + interpretationPagesMade.count)
            for made in [documentPagesMade, interpretationPagesMade] {
                for (folder, digest, page) in made {
                    deferred.append(page)
                    inputs[folder] = digest
                }
            }
        } else {
            pages += sitePages.map { $0.make() }
            pages += Parallel.map(site.documents, jobs: jobs) { documentPages.document($0, body: bodies.documents[$0.id]!) }
            pages += site.interpretations.map { documentPages.interpretation($0, body: bodies.interpretations[$0.id]!) }
        }
        let noticePages = NoticePages(site: site)
        pages.append(noticePages.index())
        pages += site.notices.map { noticePages.notice($0, body: bodies.notices[$0.id]!) }
        pages += organisationPages(bodies: bodies)
        return (pages, deferred, inputs)
    }

    /// Draws pages through their templates into the sink, with progress on a terminal.
    private func draw(_ pages: [Page], _ deferred: [DeferredPage], templates: Templates, sink: OutputSink) {
        let progress = Progress("\(stageLabel): pages", total: pages.count + deferred.count)
        sink.pages(pages, templates: templates, progress: progress)
        if !deferred.isEmpty { sink.pages(deferred, templates: templates, progress: progress) }
        progress.finish()
    }

    /// Every Markdown body rendered once, in parallel; pages, tables, search and data reuse them.
    /// Findings are merged in content order, so they do not depend on the number of jobs.
    private func renderBodies(diagnostics: inout Diagnostics) -> RenderedBodies {
        let sources: [(kind: Int, id: String, body: MarkdownBody)] =
            site.documents.map { (0, $0.id, $0.body) } + site.interpretations.map { (1, $0.id, $0.body) }
            + site.notices.map { (2, $0.id, $0.body) }
        let progress = Progress("\(stageLabel): bodies", total: sources.count)
        let cache = bodyCache
        let rendered = Parallel.map(sources, jobs: jobs) { source -> (RenderedBody, Diagnostics, BodyCache.Key?, new: Bool) in
            defer { progress.advance() }
            let key = cache.map { _ in BodyCache.key(source.body) }
            if let key, let kept = cache?.body(key) { return (kept.body, kept.findings, key, false) }
            var found = Diagnostics()
            let body = Markdown.render(source.body, diagnostics: &found)
            return (body, found, key, true)
        }
        cache?.store(rendered.compactMap { body, found, key, new in
            key.flatMap { new ? (key: $0, body: body, findings: found) : nil }
        })
        progress.finish()
        var bodies = RenderedBodies()
        // Sized up front: grown one insertion at a time, 10,000 bodies' dictionaries were rehashed a dozen times.
        bodies.documents.reserveCapacity(site.documents.count)
        bodies.interpretations.reserveCapacity(site.interpretations.count)
        bodies.notices.reserveCapacity(site.notices.count)
        if cache != nil { bodies.keys.reserveCapacity(site.documents.count + site.interpretations.count) }
        for (source, (body, found, key, _)) in zip(sources, rendered) {
            diagnostics.append(contentsOf: found)
            switch source.kind {
            case 0: bodies.documents[source.id] = body
            case 1: bodies.interpretations[source.id] = body
            default: bodies.notices[source.id] = body
            }
            if let key, source.kind < 2 { bodies.keys["\(source.kind == 0 ? "documents" : "interpretations")/\(source.id)"] = key }
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

    /// The search index's key: the generator and every field of every record, in order (a text by its key,
    /// when it has one: `SearchRecord.addText`).
    static func key(of records: [SearchRecord]) -> String {
        var hash = ContentHash()
        hash.add(BuildCache.generator)
        for r in records {
            for field in [r.url, r.kind, r.title, r.number, r.date, r.issue, r.issuer] {
                // A missing field and an empty one differ.
                if let field { hash.add(field) } else { hash.add(bytes: [0xFE]) }
            }
            r.addText(to: &hash)
        }
        return hash.hex
    }

    /// Everything the site publishes, as the search index sees it.
    private func searchRecords(bodies: RenderedBodies) -> [SearchRecord] {
        // The texts of bodies from the cache stay in it: the index reads those it tokenizes, and tells the
        // others by their bodies' keys.
        // On every core: on a rebuild, making the 10,000 records was a serial stretch with the other core idle.
        let documents = Parallel.map(site.documents, jobs: jobs) { d in
            SearchRecord(url: SiteURL.document(d.id), kind: "document", title: d.title, number: d.number?.description,
                         date: d.date.iso, issue: d.issueID, issuer: d.issuer,
                         plainText: bodies.documents[d.id]?.plainText ?? LazyText(""), textKey: bodies.keys["documents/\(d.id)"]?.bytes)
        }
        let interpretations = site.interpretations.map { i in
            SearchRecord(url: SiteURL.interpretation(i.id), kind: "interpretation", title: i.title,
                         number: site.document(id: i.documentID)?.number?.description,
                         date: site.date(of: i)?.iso, issue: i.issueID,
                         issuer: i.issuer ?? site.document(id: i.documentID)?.issuer,
                         plainText: bodies.interpretations[i.id]?.plainText ?? LazyText(""),
                         textKey: bodies.keys["interpretations/\(i.id)"]?.bytes)
        }
        let notices = site.notices.map { n in
            SearchRecord(url: SiteURL.notice(n.id), kind: "notice", title: n.title, number: nil,
                         date: n.start.iso, issue: nil, issuer: n.publisher, text: bodies.notices[n.id]?.text ?? "")
        }
        return documents + interpretations + notices + organisationRecords()
    }

    /// Leaders of the current division, units and committees, so a search for a name or a unit finds them.
    private func organisationRecords() -> [SearchRecord] {
        var records: [SearchRecord] = []
        if let division = site.currentDivision {
            records += division.leaders.map { leader in
                let units = leader.responsibilities.map { "\($0.kind.rawValue)\($0.unit.asWritten)" }
                return SearchRecord(url: SiteURL.leader(leader.id), kind: "leader", title: "\(leader.name)（\(leader.post)）",
                                    date: division.effective.iso, issuer: site.config.publisher,
                                    text: ([leader.duties] + leader.areas + units).joined(separator: "\n"))
            }
        }
        records += site.departments.departments.map { department in
            let who = site.currentDivision?.responsibilities(for: department.id)
                .map { "\($0.kind.rawValue)：\($0.leader.name)" } ?? []
            return SearchRecord(url: SiteURL.department(department.id), kind: "department", title: department.name,
                                text: (department.aliases + [department.kind ?? ""] + who).joined(separator: "\n"))
        }
        records += site.committees.map { committee in
            let people = (committee.members + committee.officeMembers).map { "\($0.role) \($0.name) \($0.post)" }
            return SearchRecord(url: SiteURL.committee(committee.id), kind: "committee", title: committee.name,
                                number: committee.source, date: committee.date?.iso,
                                text: (committee.duties + committee.officeDuties + people).joined(separator: "\n"))
        }
        return records
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
    /// The key each document's and interpretation's body is rendered from (`BodyCache.key`), by page folder
    /// (`documents/<id>`), when there is a cache.
    var keys: [String: BodyCache.Key] = [:]

    /// Drops the HTML, tables and text, once the pages are drawn and the open data and the search
    /// records have them: the link check reads only the links.
    mutating func keepOnlyLinks() { reduce { $0.linksOnly() } }

    private mutating func reduce(_ part: (RenderedBody) -> RenderedBody) {
        func reduce(_ bodies: inout [String: RenderedBody]) {
            for key in Array(bodies.keys) { bodies[key] = part(bodies[key]!) }
        }
        reduce(&documents)
        reduce(&interpretations)
        reduce(&notices)
    }

    /// The bodies as the open-data files publish them, by page folder (`documents/<id>`).
    var published: [String: PublishedBody] {
        // Unsorted (`all` sorts 10,000 ids): a dictionary has no order to keep.
        let bodies = groups.flatMap { folder, bodies in bodies.map { (folder, $0.key, $0.value) } }
        return Dictionary(uniqueKeysWithValues: bodies.map { folder, id, body in
            ("\(folder)/\(id)", PublishedBody(
                htmlText: body.htmlText, plainText: body.plainText,
                attachments: body.attachments.map { .init(label: $0.label, title: $0.title, html: $0.html) },
                tables: body.tables.map { .init(anchor: $0.anchor, caption: $0.table.caption,
                                                header: $0.table.header, rows: $0.table.rows) }))
        })
    }

    /// The bodies by output folder.
    private var groups: [(String, [String: RenderedBody])] {
        [("documents", documents), ("interpretations", interpretations), ("notices", notices)]
    }

    /// (output folder, id, body) for every body, in a stable order: the ids' UTF-8 bytes (sorting 10,000
    /// strings by `<` compared them through Unicode's normalization, some 6 ms of one core a call).
    var all: [(String, String, RenderedBody)] {
        groups.flatMap { folder, bodies in
            let ids = Array(bodies.keys)
            return UTF8Order.sortedIndices(ids).map { (folder, ids[$0], bodies[ids[$0]]!) }
        }
    }
}

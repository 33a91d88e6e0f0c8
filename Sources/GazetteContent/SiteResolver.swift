import Foundation
import GazetteModel
import GazetteParallel

/// Load, decode and resolve: turns a content folder into a complete, checked `Site`.
public enum SiteResolver {
    /// The result of reading a content folder: the site when it could be assembled, and every finding.
    public struct Outcome: Sendable {
        public let site: Site?
        public let diagnostics: Diagnostics
        public let fileCount: Int
    }

    public static func resolve(contentRoot: URL, today: Day) -> Outcome {
        var diagnostics = Diagnostics()
        let sources = ContentSources.load(root: contentRoot, diagnostics: &diagnostics)
        let site = resolve(sources, today: today, diagnostics: &diagnostics)
        return Outcome(site: site, diagnostics: diagnostics, fileCount: sources.fileCount)
    }

    /// Decodes and cross-checks sources already loaded; takes the documents and interpretations whose files
    /// did not change from `entries`, when given, and keeps the others there.
    public static func resolve(_ sources: ContentSources, today: Day, entries cache: EntryCache? = nil,
                               diagnostics: inout Diagnostics) -> Site? {
        guard let siteFile = sources.site,
              let config = SiteConfig.decode(siteFile, diagnostics: &diagnostics) else { return nil }
        var issues: [Issue] = []
        var documents: [Document] = []
        var interpretations: [Interpretation] = []
        var entryFiles: [(file: EntryFile, issueID: String)] = []
        for folder in sources.issues {
            guard let file = folder.issueFile,
                  let issue = Issue.decode(file, folder: folder.id, diagnostics: &diagnostics) else { continue }
            issues.append(issue)
            entryFiles += folder.entries.map { ($0, issue.id) }
        }
        // Decoding front matter is most of this stage: on every core, findings merged in content order.
        let decoded = Parallel.map(entryFiles) { entry -> (Entry?, Diagnostics, new: (key: RecordStore.Key, bytes: [UInt8])?) in
            let key = cache?.key(entry.file, issueID: entry.issueID, site: siteFile)
            if let key, let kept = cache?.entry(key, file: entry.file) { return (kept.entry, kept.findings, nil) }
            var found = Diagnostics()
            guard let file = entry.file.contentFile(diagnostics: &found) else { return (nil, found, nil) }
            let decoded = Entry.decode(file, issueID: entry.issueID, config: config, bodyDigest: entry.file.digest.body,
                                       diagnostics: &found)
            return (decoded, found, key.map { ($0, EntryCache.record(decoded, findings: found)) })
        }
        cache?.keep(decoded.compactMap(\.new))
        for (entry, found, _) in decoded {
            diagnostics.append(contentsOf: found)
            switch entry {
            case .document(let d)?: documents.append(d)
            case .interpretation(let i)?: interpretations.append(i)
            case nil: break
            }
        }
        issues.sort { ($0.year, $0.number) > ($1.year, $1.number) }
        var checker = CrossReferences(issues: issues, documents: documents, interpretations: interpretations)
        checker.check(diagnostics: &diagnostics)
        let calendar = WorkCalendar.decode(sources.calendar, diagnostics: &diagnostics)
        let drafts = sources.notices.compactMap { NoticeDraft.decode($0, diagnostics: &diagnostics) }
        let notices = NoticeResolver(documents: checker.orderedDocuments, calendar: calendar, config: config)
            .resolve(drafts, diagnostics: &diagnostics)
        let registry = DepartmentRegistry.decode(sources.departments, diagnostics: &diagnostics)
        let sourceLinks = SourceDocumentLinks(documents: checker.orderedDocuments)
        let divisions = sources.leadership.compactMap {
            Division.decode($0, registry: registry, diagnostics: &diagnostics)
        }.map { sourceLinks.link($0, diagnostics: &diagnostics) }
        let committees = sources.committees.compactMap {
            Committee.decode($0, registry: registry, diagnostics: &diagnostics)
        }.map { sourceLinks.link($0, diagnostics: &diagnostics) }
        return Site(config: config, issues: issues, documents: checker.orderedDocuments,
                    interpretations: checker.orderedInterpretations, notices: notices, calendar: calendar,
                    departments: registry, divisions: divisions, committees: committees, today: today)
    }
}

/// Links leadership and committee files to the published document they come from.
private struct SourceDocumentLinks {
    let byNumber: [DocumentNumber: String]

    init(documents: [Document]) {
        byNumber = Dictionary(documents.compactMap { d in d.number.map { ($0, d.id) } }, uniquingKeysWith: { a, _ in a })
    }

    /// The published document a `source` names; a `source` that is not a 发文字号 is a warning,
    /// one that is simply not published on this site is fine (many decisions are not printed).
    func id(of source: String, at location: SourceLocation, diagnostics: inout Diagnostics) -> String? {
        switch DocumentNumber.parse(source) {
        case .success(let (number, _)): return byNumber[number]
        case .failure(let error):
            diagnostics.warning("`source` 应为发文字号：\(error)", at: location)
            return nil
        }
    }

    func link(_ division: Division, diagnostics: inout Diagnostics) -> Division {
        var d = division
        d.sourceDocumentID = id(of: division.source, at: division.location, diagnostics: &diagnostics)
        return d
    }

    func link(_ committee: Committee, diagnostics: inout Diagnostics) -> Committee {
        var c = committee
        c.sourceDocumentID = id(of: committee.source, at: committee.location, diagnostics: &diagnostics)
        return c
    }
}

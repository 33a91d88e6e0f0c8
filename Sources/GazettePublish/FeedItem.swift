import GazetteModel

/// A document or interpretation as the feeds show it.
struct FeedItem {
    let kind: String
    let id: String
    let title: String
    let pageURL: String
    let jsonURL: String
    /// 发布日期: the date of its issue.
    let published: Day
    /// 成文日期, or the interpretation's date.
    let date: Day?
    let issuer: String
    /// The issuer code of the document (of the interpreted document, for an interpretation).
    let issuerCode: String?
    let documentNumber: String?
    let tags: [String]
    let html: String
    let text: String

    /// “阿政办发〔2023〕7号 · 阿尔山市人民政府办公室 · 成文日期 2023年3月8日”.
    var summary: String {
        var parts: [String] = []
        if kind == "interpretation" { parts.append("政策解读") }
        if let documentNumber { parts.append(documentNumber) }
        parts.append(issuer)
        if let date { parts.append((kind == "document" ? "成文日期 " : "日期 ") + date.chinese) }
        return parts.joined(separator: " · ")
    }
}

extension OpenData {
    /// Items per feed. A feed is polled by readers again and again: it carries what is new, not the
    /// archive (the whole archive of a large gazette would make a feed of hundreds of megabytes, which
    /// readers refuse). 100 items span several issues; the API and the download hold everything.
    public static let feedLimit = 100

    /// Every document and interpretation, newest first: by publication date, then date, then id,
    /// an interpretation right after its document. The feeds take the first `feedLimit` of theirs. Each
    /// item is made only when a feed that shows it is (`FeedEntry.item`): a rebuild keeps the feeds whose
    /// items are unchanged, and the feeds show a few hundred of the 10,000 documents.
    var feedEntries: [FeedEntry] {
        let documents = site.documents.compactMap { d -> FeedEntry? in
            guard let published = site.publicationDate(of: d) else { return nil }
            return FeedEntry(kind: "document", id: d.id, published: published, date: d.date,
                             issuerCode: site.config.issuerCode(of: d)) { [self] in
                let body = bodies["documents/\(d.id)"]
                return FeedItem(kind: "document", id: d.id, title: d.title, pageURL: url(SiteURL.document(d.id)),
                                jsonURL: url(SiteURL.apiDocument(d.id)), published: published, date: d.date,
                                issuer: d.issuer, issuerCode: site.config.issuerCode(of: d),
                                documentNumber: d.number?.description, tags: d.topics + [d.section],
                                html: body?.html ?? "", text: body?.text ?? "")
            }
        }
        let interpretations = site.interpretations.compactMap { i -> FeedEntry? in
            guard let published = site.issue(id: i.issueID)?.published else { return nil }
            let document = site.document(id: i.documentID)
            let code = document.flatMap(site.config.issuerCode(of:))
            return FeedEntry(kind: "interpretation", id: i.id, published: published, date: site.date(of: i),
                             issuerCode: code) { [self] in
                let body = bodies["interpretations/\(i.id)"]
                return FeedItem(kind: "interpretation", id: i.id, title: i.title, pageURL: url(SiteURL.interpretation(i.id)),
                                jsonURL: url(SiteURL.apiInterpretation(i.id)), published: published,
                                date: site.date(of: i), issuer: i.issuer ?? document?.issuer ?? site.config.publisher,
                                issuerCode: code, documentNumber: document?.number?.description,
                                tags: ["政策解读", i.section], html: body?.html ?? "", text: body?.text ?? "")
            }
        }
        return (documents + interpretations).sorted { a, b in
            if a.published != b.published { return a.published > b.published }
            if a.date != b.date { return (a.date ?? a.published) > (b.date ?? b.published) }
            if a.id != b.id { return a.id < b.id }
            return a.kind < b.kind
        }
    }
}

/// A document or interpretation as the feeds order and choose it, and how to make its item.
struct FeedEntry {
    let kind: String
    let id: String
    let published: Day
    let date: Day?
    let issuerCode: String?
    let item: () -> FeedItem
}

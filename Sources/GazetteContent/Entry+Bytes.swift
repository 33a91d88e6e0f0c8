import Foundation
import GazetteModel
import GazetteParallel

/// Documents and interpretations as bytes, for `EntryCache`: every stored field but the Markdown text, which
/// is cut from the file again. A field added to `Document` or `Interpretation` must be added here too:
/// `EntryCacheTests` checks that every entry of the seed and fixture content reads back equal.
extension ByteBuffer {
    mutating func document(_ d: Document) {
        string(d.id)
        optional(d.number) { $0.number($1) }
        string(d.title)
        string(d.issuer)
        strings(d.recipients)
        day(d.date)
        string(d.section)
        optional(d.page) { $0.varint($1) }
        strings(d.topics)
        string(d.status.rawValue)
        optional(d.supersedes) { $0.number($1) }
        strings(d.attachments)
        varint(d.noticeRules.count)
        for rule in d.noticeRules {
            string(rule.id)
            string(rule.name)
            varint(rule.workingDays)
            string(rule.quote)
            location(rule.location)
        }
        common(body: d.body, issueID: d.issueID, location: d.location, fields: d.fieldLocations)
    }

    mutating func interpretation(_ i: Interpretation) {
        string(i.title)
        string(i.interprets)
        string(i.documentID)
        optional(i.date) { $0.day($1) }
        optional(i.issuer)
        string(i.section)
        optional(i.page) { $0.varint($1) }
        common(body: i.body, issueID: i.issueID, location: i.location, fields: i.fieldLocations)
    }

    private mutating func common(body: MarkdownBody, issueID: String, location: SourceLocation, fields: [String: SourceLocation]) {
        varint(body.firstLine)
        string(body.path)
        string(issueID)
        self.location(location)
        varint(fields.count)
        for key in fields.keys.sorted() {
            string(key)
            self.location(fields[key]!)
        }
    }

    private mutating func strings(_ values: [String]) {
        varint(values.count)
        for value in values { string(value) }
    }

    private mutating func number(_ n: DocumentNumber) {
        string(n.agencyCode)
        varint(n.year)
        varint(n.serial)
    }

    private mutating func day(_ d: Day) {
        varint(d.year)
        varint(d.month)
        varint(d.day)
    }

    private mutating func location(_ l: SourceLocation) {
        string(l.path)
        varint(l.line)
        varint(l.column)
    }
}

extension ByteReader {
    mutating func document(body: MarkdownBody) -> Document? {
        guard let id = string(), let number = optional({ $0.documentNumber() }), let title = string(), let issuer = string(),
              let recipients = strings(), let date = day(), let section = string(), let page = optional({ $0.varint() }),
              let topics = strings(), let status = string().flatMap(DocumentStatus.init(rawValue:)),
              let supersedes = optional({ $0.documentNumber() }), let attachments = strings(), let ruleCount = varint() else { return nil }
        var rules: [NoticeRule] = []
        for _ in 0..<min(ruleCount, 10_000) {
            guard let id = string(), let name = string(), let days = varint(), let quote = string(), let at = location()
            else { return nil }
            rules.append(NoticeRule(id: id, name: name, workingDays: days, quote: quote, location: at))
        }
        guard rules.count == ruleCount, let common = common(body) else { return nil }
        var d = Document(id: id, number: number, title: title, issuer: issuer, recipients: recipients, date: date,
                         section: section, page: page, topics: topics, status: status, supersedes: supersedes,
                         attachments: attachments, noticeRules: rules, body: common.body, issueID: common.issueID,
                         location: common.location)
        d.fieldLocations = common.fields
        return d
    }

    mutating func interpretation(body: MarkdownBody) -> Interpretation? {
        guard let title = string(), let interprets = string(), let documentID = string(), let date = optional({ $0.day() }),
              let issuer = optionalString(), let section = string(), let page = optional({ $0.varint() }), let common = common(body)
        else { return nil }
        var i = Interpretation(title: title, interprets: interprets, documentID: documentID, date: date, issuer: issuer,
                               section: section, page: page, body: common.body, issueID: common.issueID,
                               location: common.location)
        i.fieldLocations = common.fields
        return i
    }

    private mutating func common(_ body: MarkdownBody)
        -> (body: MarkdownBody, issueID: String, location: SourceLocation, fields: [String: SourceLocation])? {
        guard let firstLine = varint(), let path = string(), let issueID = string(), let location = location(),
              let count = varint() else { return nil }
        var fields: [String: SourceLocation] = [:]
        fields.reserveCapacity(min(count, 10_000))
        for _ in 0..<min(count, 10_000) {
            guard let key = string(), let at = self.location(pathLike: location.path) else { return nil }
            fields[key] = at
        }
        guard fields.count == count, firstLine == body.firstLine, path == body.path else { return nil }
        return (body, issueID, location, fields)
    }

    private mutating func strings() -> [String]? {
        guard let count = varint() else { return nil }
        var values: [String] = []
        for _ in 0..<min(count, 100_000) {
            guard let value = string() else { return nil }
            values.append(value)
        }
        return values.count == count ? values : nil
    }

    private mutating func documentNumber() -> DocumentNumber? {
        guard let code = string(), let year = varint(), let serial = varint() else { return nil }
        return DocumentNumber(agencyCode: code, year: year, serial: serial)
    }

    private mutating func day() -> Day? {
        guard let y = varint(), let m = varint(), let d = varint() else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// A location, whose path is `known` itself when it has the same bytes: every field of an entry is in the
    /// entry's file, and made afresh for each field these paths were about a third of the strings decoded from
    /// a cached document (one per front-matter key, a dozen), where `ByteReader.string` was the top of a
    /// rebuild's profile of taking its 10,000 entries from the cache.
    private mutating func location(pathLike known: String? = nil) -> SourceLocation? {
        guard let bytes = stringBytes(), let line = varint(), let column = varint() else { return nil }
        let path: String
        if var known, known.utf8.count == bytes.count,
           // memcmp: the generic `elementsEqual` went byte by byte, a tenth of this decoding's samples.
           known.withUTF8({ k in bytes.withUnsafeBufferPointer { k.isEmpty || memcmp(k.baseAddress!, $0.baseAddress!, k.count) == 0 } }) {
            path = known
        } else {
            path = String(decoding: bytes, as: UTF8.self)
        }
        return SourceLocation(path: path, line: line, column: column)
    }
}

import GazetteModel

/// A Markdown file of an issue folder, decoded: a document or an interpretation.
enum Entry {
    case document(Document)
    case interpretation(Interpretation)

    /// Decodes one Markdown file of the issue folder `issueID`; its body is known by `bodyDigest` when the
    /// loader took one (`EntryDigest.body`), as a body taken from the entry cache is.
    static func decode(_ file: ContentFile, issueID: String, config: SiteConfig, bodyDigest: TextDigest? = nil,
                       diagnostics: inout Diagnostics) -> Entry? {
        let path = file.displayPath
        let parts: FrontMatter
        switch FrontMatter.split(file.text) {
        case .success(let p): parts = p
        case .failure(let e):
            diagnostics.error(e.message, at: SourceLocation(path: path, line: 1, column: 1))
            return nil
        }
        guard let yaml = YAMLValue.parse(parts.yaml, path: path, firstLine: parts.yamlFirstLine, diagnostics: &diagnostics),
              let map = YAMLMap(yaml, diagnostics: &diagnostics) else { return nil }
        let body = MarkdownBody(text: parts.body, firstLine: parts.bodyFirstLine, path: path, digest: bodyDigest)
        let reader = EntryReader(map: map, config: config, path: path)
        let kind = map.string("kind", required: true, diagnostics: &diagnostics)
        let entry: Entry?
        switch kind {
        case EntryKind.document.rawValue?:
            entry = reader.document(body: body, issueID: issueID, diagnostics: &diagnostics).map(Entry.document)
        case EntryKind.interpretation.rawValue?:
            entry = reader.interpretation(body: body, issueID: issueID, diagnostics: &diagnostics).map(Entry.interpretation)
        case let other?:
            diagnostics.error("`kind` 应为 document（公文）或 interpretation（政策解读），而不是“\(other)”",
                              at: map.location(of: "kind"))
            entry = nil
        case nil:
            entry = nil
        }
        // Without a known kind no key was read, so none can be called unknown.
        if kind.flatMap(EntryKind.init(rawValue:)) != nil { map.finish(diagnostics: &diagnostics) }
        switch entry {
        case .document(var d)?: d.fieldLocations = map.keyLocations; return .document(d)
        case .interpretation(var i)?: i.fieldLocations = map.keyLocations; return .interpretation(i)
        case nil: return nil
        }
    }
}

/// Reads the front matter keys of a document or an interpretation.
private struct EntryReader {
    let map: YAMLMap
    let config: SiteConfig
    let path: String

    func document(body: MarkdownBody, issueID: String, diagnostics: inout Diagnostics) -> Document? {
        let number = documentNumber("number", diagnostics: &diagnostics)
        let explicitID = map.string("id", diagnostics: &diagnostics)
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        let issuer = map.string("issuer", required: true, diagnostics: &diagnostics)
        let recipients = map.strings("recipients", diagnostics: &diagnostics)
        let date = map.day("date", required: true, diagnostics: &diagnostics)
        let section = map.string("section", required: true, diagnostics: &diagnostics)
        let page = map.int("page", range: 1...9999, diagnostics: &diagnostics)
        let topics = map.strings("topics", diagnostics: &diagnostics)
        let status = self.status(diagnostics: &diagnostics)
        let supersedes = documentNumber("supersedes", diagnostics: &diagnostics)
        let attachments = map.strings("attachments", diagnostics: &diagnostics)
        let rules = noticeRules(diagnostics: &diagnostics)

        if let number, let date, number.year != date.year {
            diagnostics.warning("发文字号的年份 \(number.year) 与成文日期 \(date.iso) 的年份不一致",
                                at: map.location(of: "number"))
        }
        if number != nil, explicitID != nil {
            diagnostics.warning("同时写了 `number` 和 `id`：网址将使用 `id`，而不是由发文字号生成", at: map.location(of: "id"))
        }
        let id: String?
        switch (number, explicitID) {
        case (let n?, nil): id = derivedID(n, diagnostics: &diagnostics)
        case (_, let given?):
            if Slug.isValid(given) { id = given } else {
                diagnostics.error("`id`“\(given)”\(Slug.rule)（它会成为网址的一部分）",
                                  at: map.location(of: "id"))
                id = nil
            }
        case (nil, nil):
            if map.child("number") == nil {
                diagnostics.error("缺少 `number`（发文字号）；没有发文字号的文件请写 `id`", at: map.location)
            }
            id = nil
        }
        guard let id, let title, let issuer, let date, let section else { return nil }
        return Document(id: id, number: number, title: title, issuer: issuer, recipients: recipients,
                        date: date, section: section, page: page, topics: topics, status: status,
                        supersedes: supersedes, attachments: attachments, noticeRules: rules,
                        body: body, issueID: issueID, location: SourceLocation(path: path))
    }

    func interpretation(body: MarkdownBody, issueID: String, diagnostics: inout Diagnostics) -> Interpretation? {
        let title = map.string("title", required: true, diagnostics: &diagnostics)
        let interprets = map.string("interprets", required: true, diagnostics: &diagnostics)
        let date = map.day("date", diagnostics: &diagnostics)
        let issuer = map.string("issuer", diagnostics: &diagnostics)
        let section = map.string("section", required: true, diagnostics: &diagnostics)
        let page = map.int("page", range: 1...9999, diagnostics: &diagnostics)
        guard let title, let interprets, let section else { return nil }
        // `interprets` names the document by its 发文字号, or by its id when it has none.
        var documentID = interprets
        if case .success(let (number, fixes)) = DocumentNumber.parse(interprets) {
            warnAboutFixes(fixes, raw: interprets, number: number, key: "interprets", diagnostics: &diagnostics)
            guard let derived = derivedID(number, key: "interprets", diagnostics: &diagnostics) else { return nil }
            documentID = derived
        } else if !Slug.isValid(interprets) {
            diagnostics.error("`interprets` 应为所解读文件的发文字号（如 阿政办发〔2023〕8号）", at: map.location(of: "interprets"))
            return nil
        }
        return Interpretation(title: title, interprets: interprets, documentID: documentID, date: date,
                              issuer: issuer, section: section, page: page, body: body, issueID: issueID,
                              location: SourceLocation(path: path))
    }

    // MARK: - Parts

    private func documentNumber(_ key: String, diagnostics: inout Diagnostics) -> DocumentNumber? {
        guard let raw = map.string(key, diagnostics: &diagnostics) else { return nil }
        switch DocumentNumber.parse(raw) {
        case .success(let (number, fixes)):
            warnAboutFixes(fixes, raw: raw, number: number, key: key, diagnostics: &diagnostics)
            return number
        case .failure(let error):
            diagnostics.error("`\(key)` 发文字号格式不正确“\(raw)”：\(error)", at: map.child(key)?.location ?? map.location)
            return nil
        }
    }

    private func warnAboutFixes(_ fixes: DocumentNumber.Normalisation, raw: String, number: DocumentNumber,
                                key: String, diagnostics: inout Diagnostics) {
        let at = map.child(key)?.location ?? map.location
        if fixes.contains(.lookAlikeBrackets) {
            diagnostics.warning("`\(key)` 发文字号“\(raw)”使用了近似括号，已规范为“\(number)”（GB/T 9704-2012 规定用六角括号〔〕）", at: at)
        }
        if fixes.contains(.whitespace) {
            diagnostics.warning("`\(key)` 发文字号“\(raw)”中有空格，已规范为“\(number)”", at: at)
        }
    }

    private func derivedID(_ number: DocumentNumber, key: String = "number",
                           diagnostics: inout Diagnostics) -> String? {
        guard let code = config.issuerCodes[number.agencyCode] else {
            diagnostics.error("机关代字“\(number.agencyCode)”未在 site.yaml 的 `issuer_codes` 中登记，无法生成网址",
                              at: map.location(of: key))
            return nil
        }
        return DocumentID.derive(number, code: code)
    }

    private func status(diagnostics: inout Diagnostics) -> DocumentStatus {
        guard let raw = map.string("status", diagnostics: &diagnostics) else { return .valid }
        guard let status = DocumentStatus(rawValue: raw) else {
            diagnostics.error("`status` 应为 有效、失效 或 废止，而不是“\(raw)”", at: map.location(of: "status"))
            return .valid
        }
        return status
    }

    private func noticeRules(diagnostics: inout Diagnostics) -> [NoticeRule] {
        var seen: Set<String> = []
        return map.maps("notice_rules", diagnostics: &diagnostics).compactMap { rule in
            defer { rule.finish(diagnostics: &diagnostics) }
            let id = rule.string("id", required: true, diagnostics: &diagnostics)
            let name = rule.string("name", required: true, diagnostics: &diagnostics)
            let days = rule.int("working_days", required: true, range: 1...365, diagnostics: &diagnostics)
            let quote = rule.string("quote", required: true, diagnostics: &diagnostics)
            guard let id, let name, let days, let quote else { return nil }
            guard Slug.isValid(id) else {
                diagnostics.error("公示规则 `id`“\(id)”\(Slug.rule)", at: rule.location(of: "id"))
                return nil
            }
            if !seen.insert(id).inserted {
                diagnostics.error("公示规则 `id`“\(id)”在本文件中重复", at: rule.location(of: "id"))
            }
            return NoticeRule(id: id, name: name, workingDays: days, quote: quote, location: rule.location)
        }
    }
}

/// Ids of documents derived from their 发文字号.
public enum DocumentID {
    /// 阿政办发〔2023〕7号 with code `azbf` → `azbf-2023-7`.
    public static func derive(_ number: DocumentNumber, code: String) -> String {
        "\(code)-\(number.year)-\(number.serial)"
    }
}

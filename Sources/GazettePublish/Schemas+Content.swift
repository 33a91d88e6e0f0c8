/// The schemas of the gazette's content: issues, documents, interpretations, notices, tables.
enum ContentSchemas {
    // MARK: - Shared parts

    static let link = Schema.object("A link to another page of the site and its JSON file.", [
        "id": .id("Id of the linked item."),
        "title": .string("Its title (for an issue: the gazette's title and the issue label)."),
        "path": .path("Its page, relative to the site root."),
        "url": .url("Its page, absolute."),
        "json_path": Schema.path("Its JSON file, relative to the site root; null when it has none.", suffix: ".json").nullable,
        "json_url": Schema.url("Its JSON file, absolute; null when it has none.").nullable,
    ])

    static let table = Schema.object("A table of the body (a ```table block), also published as CSV and JSON beside the page.", [
        "anchor": .id("Fragment id of the table on the page, e.g. table-1; also the base name of its files."),
        "caption": Schema.string("Caption (表题), or null when the table has none.").nullable,
        "header": .array("Column headings (表头).", of: .string("A heading.")),
        "rows": .array("Data rows, each as wide as the header.", of: .array("A row.", of: .string("A cell, as text."))),
        "csv_path": .path("The table as RFC 4180 CSV (UTF-8 with BOM), relative to the site root.", suffix: ".csv"),
        "csv_url": .url("The CSV file, absolute."),
        "json_path": .path("The table as JSON, relative to the site root.", suffix: ".json"),
        "json_url": .url("The table's JSON file, absolute."),
    ])

    static let attachment = Schema.object("One line of 附件说明 (attachment notes) with the attachment printed on the page, or an attachment printed without being listed.", [
        "number": Schema.integer("1-based position in 附件说明; null for a printed attachment it does not list.", minimum: 1).nullable,
        "name": Schema.string("The attachment's name as 附件说明 gives it; null when not listed.").nullable,
        "label": Schema.string("附件N: the label of the printed attachment; null when not printed.", pattern: "^附件[0-9]+$").nullable,
        "title": Schema.string("Title of the printed attachment; null when not printed.").nullable,
        "html": Schema.string("The printed attachment as HTML; null when not printed.").nullable,
        "interpretation_id": Schema.id("For the line 政策解读: the id of the published interpretation; else null.").nullable,
        "published": .boolean("Whether the site publishes the attachment (printed on the page, or the interpretation)."),
    ])

    static let documentNumber = Schema.string("发文字号 (document number) in canonical form with 〔〕, e.g. 阿政办发〔2023〕7号.",
                                              pattern: "^[^〔〕]+〔[0-9]{4}〕[1-9][0-9]*号$")

    // MARK: - Issues

    static let issueSummaryProperties: KeyValuePairs<String, Schema> = [
        "id": .string("Issue id: YYYY-NN, the folder name and URL slug.", pattern: "^[0-9]{4}-[0-9]{2}$"),
        "year": .integer("Year of the issue.", minimum: 1949),
        "number": .integer("第N期: number within the year.", minimum: 1),
        "total": .integer("总第N期: running number since the first issue.", minimum: 1),
        "label": .string("The label printed on the cover, e.g. 2023年第1期（总第9期）."),
        "published": .date("印发日期: the date the issue was printed, also the publication date of its documents."),
        "printed_by": .string("印发机关: the office that printed it."),
        "sections": .array("栏目: the sections of the table of contents, in order.", of: .string("A section name.")),
        "document_count": .integer("Documents in the issue.", minimum: 0),
        "interpretation_count": .integer("Policy interpretations in the issue.", minimum: 0),
        "path": .path("The issue's page, relative to the site root."),
        "url": .url("The issue's page, absolute."),
        "json_path": .path("This issue's JSON file, relative to the site root.", suffix: ".json"),
        "json_url": .url("This issue's JSON file, absolute."),
    ]

    static let issueSummary = Schema.object("One gazette issue (一期公报).", issueSummaryProperties)

    static let issue = Schema.object("One gazette issue with its table of contents.", Schema.merge(issueSummaryProperties, [
        "contents": .array("The table of contents, one entry per section in order.", of: .object("One section (栏目).", [
            "name": .string("The section's name."),
            "entries": .array("Documents and interpretations of the section, by page.", of: .object("One entry of the table of contents.", [
                "kind": .string("What the entry is.", oneOf: ["document", "interpretation"]),
                "id": .id("Id of the document or interpretation."),
                "document_number": documentNumber.nullable,
                "title": .string("Title."),
                "page": Schema.integer("公报页码: the page it starts on in the printed issue; null when unknown.", minimum: 1).nullable,
                "path": .path("Its page, relative to the site root."),
                "url": .url("Its page, absolute."),
                "json_path": .path("Its JSON file, relative to the site root.", suffix: ".json"),
                "json_url": .url("Its JSON file, absolute."),
            ])),
        ])),
    ]))

    static let issues = Schema.object("Every issue of the gazette, newest first.", [
        "count": .integer("Number of issues.", minimum: 0),
        "issues": .array("The issues, newest first.", of: issueSummary),
    ])

    // MARK: - Documents

    static let documentSummaryProperties: KeyValuePairs<String, Schema> = [
        "id": .id("Stable id, derived from the 发文字号 (阿政办发〔2023〕7号 → azbf-2023-7) or given by the editors."),
        "document_number": documentNumber.nullable,
        "number_parts": Schema.object("The parts of the 发文字号.", [
            "agency_code": .string("机关代字, e.g. 阿政办发."),
            "year": .integer("Year in the brackets.", minimum: 1949),
            "serial": .integer("Serial number (序号).", minimum: 1),
        ]).nullable,
        "title": .string("标题: the full title."),
        "type": Schema.string("文种: the kind of document, read from the end of the title (通知, 意见, 决定…); null when the title names none.",
                              oneOf: ["决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要"]).nullable,
        "issuer": .string("发文机关: the issuing authority."),
        "issuer_code": Schema.string("ASCII code of the 机关代字 (from site.yaml issuer_codes), e.g. azbf; the per-issuer feed is issuers/<code>/feed.xml. Null when the document has no number or the code is not configured.",
                                     pattern: "^[a-z0-9-]+$").nullable,
        "recipients": .array("主送机关: the addressees, in order.", of: .string("An addressee.")),
        "signing_date": .date("成文日期: the date the document was signed."),
        "publication_date": Schema.date("发布日期: the date of the issue it is published in.").nullable,
        "issue_id": .string("Id of the issue it is published in.", pattern: "^[0-9]{4}-[0-9]{2}$"),
        "section": .string("栏目: the section of the issue it is printed in."),
        "page": Schema.integer("公报页码: the page it starts on in the printed issue; null when unknown.", minimum: 1).nullable,
        "citation": Schema.string("How to cite it: gazette, issue and page.").nullable,
        "topics": .array("主题分类: subject categories.", of: .string("A topic.")),
        "status": .string("有效性: validity.", oneOf: ["有效", "失效", "废止"]),
        "status_code": .string("Validity as a stable ASCII code.", oneOf: ["valid", "expired", "repealed"]),
        "supersedes": documentNumber.nullable,
        "supersedes_id": Schema.id("Id of the superseded document when the site publishes it; else null.").nullable,
        "interpretation_id": Schema.id("Id of its policy interpretation (政策解读); null when none is published.").nullable,
        "path": .path("The document's page, relative to the site root."),
        "url": .url("The document's page, absolute."),
        "json_path": .path("The document's JSON file, relative to the site root.", suffix: ".json"),
        "json_url": .url("The document's JSON file, absolute."),
    ]

    static let documentSummary = Schema.object("The metadata of one document (公文).", documentSummaryProperties)

    static let document = Schema.object("One document with its body, attachments, tables and links.", Schema.merge(documentSummaryProperties, [
        "body_html": .string("正文: the body as HTML (attachments printed in full are in `attachments`)."),
        "body_text": .string("The whole text as plain text, attachments included, for search and analysis."),
        "attachments": .array("附件说明 line by line, with the attachments printed on the page.", of: attachment),
        "tables": .array("Tables of the body and attachments, in order.", of: table),
        "notice_rules": .array("Public notices (公示) this document mandates.", of: .object("A notice rule.", [
            "id": .id("Id of the rule within the document."),
            "reference": .string("How notices name the rule: 发文字号#id.", pattern: "#"),
            "name": .string("Name of the notice."),
            "working_days": .integer("公示期不少于N个工作日: the minimum period in working days.", minimum: 1),
            "quote": .string("The words of the document that mandate it."),
            "notices": .array("Notices published under the rule.", of: link),
        ])),
        "interpretation": link.nullable.described("Its policy interpretation; null when none is published."),
        "issue": link.nullable.described("The issue it is published in."),
    ]))

    static let documents = Schema.object("Every document of the gazette, in the order of the issues (newest first) and their tables of contents.", [
        "count": .integer("Number of documents.", minimum: 0),
        "documents": .array("The documents.", of: documentSummary),
    ])

    // MARK: - Interpretations

    static let interpretationSummaryProperties: KeyValuePairs<String, Schema> = [
        "id": .id("Stable id: the id of the interpreted document (one interpretation per document)."),
        "title": .string("Title."),
        "interprets": .string("The interpreted document's 发文字号 (or id) as written."),
        "document_id": .id("Id of the interpreted document."),
        "document_number": documentNumber.nullable,
        "date": Schema.date("Its date: its own, or the document's 成文日期.").nullable,
        "issuer": Schema.string("Who published it (the document's issuer when not printed).").nullable,
        "issue_id": .string("Id of the issue it is published in.", pattern: "^[0-9]{4}-[0-9]{2}$"),
        "section": .string("栏目: the section of the issue."),
        "page": Schema.integer("公报页码; null when unknown.", minimum: 1).nullable,
        "citation": Schema.string("How to cite it: gazette, issue and page.").nullable,
        "path": .path("Its page, relative to the site root."),
        "url": .url("Its page, absolute."),
        "json_path": .path("Its JSON file, relative to the site root.", suffix: ".json"),
        "json_url": .url("Its JSON file, absolute."),
    ]

    static let interpretation = Schema.object("One policy interpretation (政策解读) with its body.", Schema.merge(interpretationSummaryProperties, [
        "body_html": .string("The body as HTML."),
        "body_text": .string("The body as plain text."),
        "attachments": .array("Attachments printed with it.", of: attachment),
        "tables": .array("Its tables.", of: table),
        "document": link.nullable.described("The interpreted document."),
        "issue": link.nullable.described("The issue it is published in."),
    ]))

    static let interpretations = Schema.object("Every policy interpretation (政策解读).", [
        "count": .integer("Number of interpretations.", minimum: 0),
        "interpretations": .array("The interpretations.", of: .object("One interpretation.", interpretationSummaryProperties)),
    ])

    // MARK: - Notices

    static let notices = Schema.object("Public notices (公示) with their periods counted on the official working-day calendar.", [
        "as_of": .date("The build date: `status` is as of this day."),
        "count": .integer("Number of notices.", minimum: 0),
        "notices": .array("The notices, newest start first.", of: .object("One public notice.", [
            "id": .id("Stable id (the file name)."),
            "title": .string("Title."),
            "publisher": .string("Who publishes it."),
            "rule": .object("The rule of the policy that requires the notice.", [
                "reference": .string("发文字号#rule id, as the notice names it.", pattern: "#"),
                "document_id": .id("Id of the policy document."),
                "document_number": documentNumber.nullable,
                "rule_id": .id("Id of the rule within the policy."),
                "name": Schema.string("Name of the rule.").nullable,
                "required_working_days": Schema.integer("The minimum period the rule sets, in working days.", minimum: 1).nullable,
                "quote": Schema.string("The words of the policy that mandate it.").nullable,
            ]),
            "start": .date("First day of the period (counted as day 1 when it is a working day)."),
            "end": .date("Last working day of the period."),
            "end_computed": .boolean("True when `end` was computed from the rule, false when the notice states it."),
            "working_days": .integer("Working days in the period, start and end included.", minimum: 1),
            "skipped": .array("Days inside the period that are not working days, with why.", of: .object("A skipped day.", [
                "date": .date("The day."),
                "weekday": .integer("ISO weekday: 1 = Monday … 7 = Sunday.", minimum: 1, maximum: 7),
                "reason": .string("Why it is not a working day: 周末 (weekend) or the holiday's name (春节…)."),
            ])),
            "status": .string("Status as of `as_of`.", oneOf: ["即将开始", "公示中", "已结束"]),
            "status_code": .string("Status as a stable ASCII code.", oneOf: ["upcoming", "open", "ended"]),
            "contact": Schema.string("Where objections go; null when not stated.").nullable,
            "sample": .boolean("True for demonstration content (示例), not a real notice."),
            "body_html": .string("The body as HTML."),
            "body_text": .string("The body as plain text."),
            "tables": .array("Its tables.", of: table),
            "document": link.nullable.described("The policy document."),
            "path": .path("The notice's page, relative to the site root."),
            "url": .url("The notice's page, absolute."),
            "ics_path": .path("The notice as an iCalendar event, relative to the site root.", suffix: ".ics"),
            "ics_url": .url("The iCalendar file, absolute."),
        ])),
    ])

    // MARK: - Files beside pages

    static let tableFile = Schema.object("A table published beside its page as <anchor>.json.", [
        "caption": .string("Caption; the key is absent when the table has none."),
        "header": .array("Column headings.", of: .string("A heading.")),
        "rows": .array("Data rows.", of: .array("A row.", of: .string("A cell."))),
    ]).optional("caption")
}

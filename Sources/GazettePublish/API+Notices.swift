import GazetteModel

extension API {
    /// One 公示 in `notices.json`, with its period counted on the working-day calendar.
    struct Notice: Encodable {
        let id: String
        let title: String
        let publisher: String
        let rule: Rule
        /// First day of the period.
        let start: String
        /// Last working day of the period.
        let end: String
        /// True when `end` was computed from the rule rather than written.
        let endComputed: Bool
        let workingDays: Int
        let skipped: [SkippedDay]
        /// 公示中 / 即将开始 / 已结束 as of `as_of`.
        let status: String
        let statusCode: String
        @Nullable var contact: String?
        /// Demonstration content.
        let sample: Bool
        let bodyHTML: String
        let bodyText: String
        let tables: [Table]
        @Nullable var document: Link?
        let path: String
        let url: String
        let icsPath: String
        let icsURL: String
    }

    /// The rule a notice is made under, as the policy states it.
    struct Rule: Encodable {
        /// `阿政办发〔2023〕9号#village-plan`.
        let reference: String
        let documentID: String
        @Nullable var documentNumber: String?
        let ruleID: String
        @Nullable var name: String?
        @Nullable var requiredWorkingDays: Int?
        @Nullable var quote: String?
    }

    /// A day inside the period that is not a working day, and why.
    struct SkippedDay: Encodable {
        let date: String
        /// ISO weekday, 1 = Monday.
        let weekday: Int
        let reason: String
    }
}

extension OpenData {
    func notice(_ notice: Notice) -> API.Notice {
        let document = site.document(id: notice.documentID)
        let rule = document?.noticeRules.first { $0.id == notice.rule.ruleID }
        let status = notice.status(on: site.today)
        let body = bodies["notices/\(notice.id)"]
        let ics = SiteURL.notice(notice.id) + "notice.ics"
        return API.Notice(
            id: notice.id, title: notice.title, publisher: notice.publisher,
            rule: API.Rule(reference: notice.rule.description, documentID: notice.documentID,
                           documentNumber: document?.number?.description, ruleID: notice.rule.ruleID,
                           name: rule?.name, requiredWorkingDays: rule?.workingDays, quote: rule?.quote),
            start: notice.start.iso, end: notice.end.iso, endComputed: notice.endComputed,
            workingDays: notice.workingDays,
            skipped: notice.skipped.map { API.SkippedDay(date: $0.day.iso, weekday: $0.day.weekday, reason: $0.reason) },
            status: status.rawValue, statusCode: status.code, contact: notice.contact, sample: notice.sample,
            bodyHTML: body?.html ?? "", bodyText: body?.text ?? "", tables: tables(body, folder: "notices/\(notice.id)"),
            document: document.map(link), path: SiteURL.notice(notice.id), url: url(SiteURL.notice(notice.id)),
            icsPath: ics, icsURL: url(ics))
    }
}

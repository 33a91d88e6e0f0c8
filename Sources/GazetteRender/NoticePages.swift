import GazetteModel

/// `/notices/` and `/notices/<id>/`: public notices with their periods on the working-day calendar.
public struct NoticePages {
    let site: Site
    let layout: Layout

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
    }

    /// Open, upcoming and ended notices as of the build date, newest first.
    public func index() -> Page {
        let path = "notices/index.html"
        let title = "公示"
        let groups: [(Notice.Status, String)] = [(.open, "公示中"), (.upcoming, "即将开始"), (.ended, "已结束")]
        let extra: [String: Any] = [
            "today": site.today.chinese,
            "groups": groups.map { status, label in
                let notices = site.notices.filter { $0.status(on: site.today) == status }
                return ["label": label, "code": status.code, "count": notices.count,
                        "notices": notices.map(summary)] as [String: Any]
            },
        ]
        return Page(path: path, template: "notices", title: title,
                    context: layout.context(path: path, title: title, section: "notices", extra: extra))
    }

    /// One notice: period, skipped days, the rule and the words that mandate it, where to object.
    public func notice(_ notice: Notice, body: RenderedBody) -> Page {
        let path = SiteURL.notice(notice.id) + "index.html"
        var extra = summary(notice)
        extra["body"] = body.html
        extra["skipped"] = notice.skipped.map {
            ["date": $0.day.chinese, "iso": $0.day.iso, "weekday": Self.weekday($0.day), "reason": $0.reason]
        }
        extra["has_skipped"] = !notice.skipped.isEmpty
        extra["end_computed"] = notice.endComputed
        if let contact = notice.contact { extra["contact"] = contact }
        if let document = site.document(id: notice.documentID),
           let rule = document.noticeRules.first(where: { $0.id == notice.rule.ruleID }) {
            extra["rule"] = [
                "name": rule.name, "quote": rule.quote, "working_days": rule.workingDays,
                "document_title": document.title, "document_number": document.number?.description ?? "",
                "document_url": SiteURL.document(document.id),
            ]
        }
        return Page(path: path, template: "notice", title: notice.title,
                    context: layout.context(path: path, title: notice.title, section: "notices", extra: extra))
    }

    private func summary(_ notice: Notice) -> [String: Any] {
        let status = notice.status(on: site.today)
        return [
            "id": notice.id, "title": notice.title, "publisher": notice.publisher,
            "url": SiteURL.notice(notice.id), "ics": SiteURL.notice(notice.id) + "notice.ics",
            "start": notice.start.iso, "end": notice.end.iso,
            "start_chinese": notice.start.chinese, "end_chinese": notice.end.chinese,
            "period": notice.periodDescription, "working_days": notice.workingDays,
            "status": status.rawValue, "status_code": status.code, "sample": notice.sample,
        ]
    }

    static func weekday(_ day: Day) -> String {
        ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"][day.weekday - 1]
    }
}

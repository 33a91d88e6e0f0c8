import GazetteModel

/// iCalendar (RFC 5545) files of notice periods, so residents can put a deadline in their phone.
public enum ICalendar {
    /// One calendar holding an all-day event per notice.
    public static func calendar(name: String, notices: [Notice], site: SiteConfig, url: (Notice) -> String) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//\(escape(site.publisher))//gazette site generator//ZH",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:\(escape(name))",
        ]
        for notice in notices { lines += event(notice, site: site, url: url(notice)) }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    private static func event(_ notice: Notice, site: SiteConfig, url: String) -> [String] {
        let summary = "【公示】\(notice.title)" + (notice.sample ? "（示例）" : "")
        var description = "公示期：\(notice.periodDescription)\n发布单位：\(notice.publisher)\n依据：\(notice.rule.document)"
        if let contact = notice.contact { description += "\n异议途径：\(contact)" }
        return [
            "BEGIN:VEVENT",
            // Stable across builds: the id never changes, and the stamp is the notice's own start.
            "UID:notice-\(notice.id)@\(host(of: site.baseURL))",
            "DTSTAMP:\(compact(notice.start))T000000Z",
            "DTSTART;VALUE=DATE:\(compact(notice.start))",
            // DTEND of an all-day event is exclusive: the day after the last day.
            "DTEND;VALUE=DATE:\(compact(notice.end.adding(days: 1)))",
            "SUMMARY:\(escape(summary))",
            "DESCRIPTION:\(escape(description))",
            "URL:\(url)",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    }

    /// TEXT escaping of RFC 5545 §3.3.11.
    static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\r": break
            default: out.append(c)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        var result = ""
        var octets = 0
        for c in line {
            let size = String(c).utf8.count
            if octets + size > 75 {
                result += "\r\n "
                octets = 1
            }
            result.append(c)
            octets += size
        }
        return result
    }

    private static func compact(_ day: Day) -> String { day.iso.replacingDashes() }

    private static func host(of url: String) -> String {
        let afterScheme = url.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
        return afterScheme.map(String.init) ?? "gazette"
    }
}

private extension String {
    func replacingDashes() -> String { filter { $0 != "-" } }
}

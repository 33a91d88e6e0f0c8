import Foundation
import GazetteModel

/// The home page, the issue pages and the lists of issues and documents.
public struct ListPages {
    let site: Site
    let layout: Layout

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
    }

    /// `/`: the latest issue with its contents, then every issue.
    public func home() -> Page {
        let path = "index.html"
        var extra: [String: Any] = [
            "issues": site.issues.map(issueSummary),
            "document_count": site.documents.count,
            "interpretation_count": site.interpretations.count,
            "recent": site.documents.sorted { ($0.date, $0.id) > ($1.date, $1.id) }.prefix(6).map(documentRow),
        ]
        if let latest = site.issues.first {
            extra["latest"] = issueSummary(latest).merging(["sections": sections(of: latest)]) { a, _ in a }
        }
        return Page(path: path, template: "home", title: site.config.title,
                    context: layout.context(path: path, title: site.config.title, section: "home", extra: extra))
    }

    /// `/issues/<id>/`: the cover and the table of contents by section, with page numbers.
    public func issue(_ issue: Issue) -> Page {
        let path = SiteURL.issue(issue.id) + "index.html"
        let title = "\(site.config.title) \(issue.label)"
        let extra: [String: Any] = [
            "year": issue.year, "number": issue.number, "total": issue.total,
            "label": issue.label,
            "published_chinese": issue.published.chinese, "published": issue.published.iso,
            "printed_by": issue.printedBy,
            "sections": sections(of: issue),
        ]
        return Page(path: path, template: "issue", title: title,
                    context: layout.context(path: path, title: title, section: "issues", extra: extra))
    }

    /// `/issues/`: every issue, newest first.
    public func issues() -> Page {
        let path = SiteURL.issues + "index.html"
        let title = "历期公报"
        let byYear = Dictionary(grouping: site.issues, by: \.year)
        let years = byYear.keys.sorted(by: >).map { year in
            ["year": year, "issues": byYear[year]!.map(issueSummary)] as [String: Any]
        }
        return Page(path: path, template: "issues", title: title,
                    context: layout.context(path: path, title: title, section: "issues", extra: ["years": years]))
    }

    /// `/documents/`: every document, newest first, grouped by year and issuer.
    public func documents() -> Page {
        let path = SiteURL.documents + "index.html"
        let title = "文件"
        let byYear = Dictionary(grouping: site.documents, by: \.date.year)
        let years = byYear.keys.sorted(by: >).map { year -> [String: Any] in
            let docs = byYear[year]!
            let issuers = Dictionary(grouping: docs, by: \.issuer)
            return [
                "year": year,
                "count": docs.count,
                "issuers": issuers.keys.sorted().map { issuer in
                    ["issuer": issuer,
                     "documents": issuers[issuer]!.sorted { ($0.date, $0.id) > ($1.date, $1.id) }.map(documentRow)]
                        as [String: Any]
                },
            ]
        }
        return Page(path: path, template: "documents", title: title,
                    context: layout.context(path: path, title: title, section: "documents",
                                            extra: ["years": years, "count": site.documents.count]))
    }

    /// `/404.html`, served by the web server for any missing page: links are absolute from the base URL
    /// because it is shown at arbitrary depths.
    public func notFound() -> Page {
        let path = "404.html"
        var context = layout.context(path: path, title: "页面不存在", section: "", extra: [:])
        context["root"] = site.config.baseURLPath
        return Page(path: path, template: "404", title: "页面不存在", context: context)
    }

    /// `/help/elder/`: what 长辈模式 does and how to enlarge text without it.
    public func elderHelp() -> Page {
        let path = "help/elder/index.html"
        let title = "长辈模式和放大字体"
        return Page(path: path, template: "help-elder", title: title,
                    context: layout.context(path: path, title: title, section: "", extra: [:]))
    }

    // MARK: - Parts

    private func issueSummary(_ issue: Issue) -> [String: Any] {
        ["label": issue.label, "url": SiteURL.issue(issue.id), "year": issue.year, "number": issue.number,
         "total": issue.total, "published_chinese": issue.published.chinese, "published": issue.published.iso,
         "count": site.documents(in: issue).count]
    }

    private func sections(of issue: Issue) -> [[String: Any]] {
        let documents = site.documents(in: issue)
        return issue.sections.map { section in
            ["name": section,
             "entries": documents.filter { $0.section == section }.map(documentRow)]
        }
    }

    private func documentRow(_ document: Document) -> [String: Any] {
        var row: [String: Any] = [
            "title": document.title, "url": SiteURL.document(document.id), "date": document.date.iso,
            "date_chinese": document.date.chinese, "issuer": document.issuer,
        ]
        if let number = document.number { row["number"] = number.description }
        if let page = document.page { row["page"] = page }
        if let interpretation = site.interpretation(of: document.id) {
            row["interpretation_url"] = SiteURL.interpretation(interpretation.id)
        }
        return row
    }
}

extension SiteConfig {
    /// The path part of the base URL (`/gongbao/`), for pages shown at unknown depths.
    public var baseURLPath: String {
        guard let schemeEnd = baseURL.range(of: "://") else { return "/" }
        let afterHost = baseURL[schemeEnd.upperBound...].drop { $0 != "/" }
        return afterHost.isEmpty ? "/" : String(afterHost)
    }
}

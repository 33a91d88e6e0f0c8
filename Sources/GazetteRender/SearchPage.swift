import GazetteModel

/// `/search/`: the search page; the browser script does the searching.
public struct SearchPage {
    let site: Site
    let layout: Layout

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
    }

    public func page() -> Page {
        let path = "search/index.html"
        let title = "搜索"
        let extra: [String: Any] = [
            "issues": site.issues.map { ["id": $0.id, "label": $0.label] },
            "years": Array(Set(site.documents.map(\.date.year))).sorted(by: >).map { ["year": $0] },
            "issuers": Array(Set(site.documents.map(\.issuer))).sorted().map { ["issuer": $0] },
        ]
        return Page(path: path, template: "search", title: title,
                    context: layout.context(path: path, title: title, section: "search", extra: extra))
    }
}

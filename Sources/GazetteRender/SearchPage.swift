import GazetteModel

/// `/search/`: the search page; the browser script (theme/assets/search.js) does the searching.
/// The filters are plain form fields, so `?q=…&year=…` URLs can be shared; the script hides the values
/// that the index does not hold.
public struct SearchPage {
    let site: Site
    let layout: Layout

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
    }

    /// The facet values of search records, with their labels (see GazetteSearch's SearchRecord.kind).
    static let kinds: [(value: String, label: String)] = [
        ("document", "文件"), ("interpretation", "政策解读"), ("notice", "公示公告"),
        ("leader", "领导"), ("department", "单位"), ("committee", "议事协调机构"),
    ]

    public func page() -> Page {
        let path = "search/index.html"
        let title = "搜索"
        let issuers = Set(site.documents.map(\.issuer) + site.interpretations.compactMap(\.issuer))
        let extra: [String: Any] = [
            "issues": site.issues.map { ["id": $0.id, "label": $0.label] },
            "years": Array(Set(site.documents.map(\.date.year))).sorted(by: >).map { ["year": $0] },
            "issuers": issuers.sorted().map { ["issuer": $0] },
            "kinds": Self.kinds.map { ["value": $0.value, "label": $0.label] },
            "examples": ["庭院经济", "公益性岗位", "医保", site.documents.first?.number?.description ?? "阿政办发〔2023〕9号"]
                .map { ["text": $0] },
        ]
        return Page(path: path, template: "search", title: title,
                    context: layout.context(path: path, title: title, section: "search", extra: extra))
    }
}

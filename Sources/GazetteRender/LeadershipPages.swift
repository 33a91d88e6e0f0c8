import GazetteModel

/// `/leadership/`, `/leadership/<leader>/` and `/leadership/divisions/<date>/`: who is responsible for what.
public struct LeadershipPages {
    let site: Site
    let layout: Layout

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
    }

    /// The current matrix, its areas, a lookup, and links to past divisions.
    public func current() -> Page? {
        guard let division = site.currentDivision else { return nil }
        let path = SiteURL.leadership + "index.html"
        let title = "市政府领导工作分工"
        var extra = divisionContext(division)
        extra["history"] = site.divisions.reversed().map { d in
            ["date": d.effective.chinese, "url": SiteURL.division(d.id), "source": d.source,
             "current": d.id == division.id] as [String: Any]
        }
        // Listed even when there is only the current one: its dated page is the permanent
        // record, and nothing else links to it.
        extra["has_history"] = !site.divisions.isEmpty
        extra["lookup_json"] = LookupData.json(division: division, site: site)
        return Page(path: path, template: "leadership", title: title,
                    context: layout.context(path: path, title: title, section: "leadership", extra: extra))
    }

    /// Every division at its own date; a superseded one says so and lists what changed.
    public func division(_ division: Division) -> Page {
        let path = SiteURL.division(division.id) + "index.html"
        let title = "市政府领导工作分工（\(division.effective.chinese)起）"
        var extra = divisionContext(division)
        extra["is_archive"] = true
        if let next = site.divisions.first(where: { $0.effective > division.effective }) {
            extra["superseded_by"] = ["date": next.effective.chinese, "url": SiteURL.division(next.id), "source": next.source]
        }
        return Page(path: path, template: "division", title: title,
                    context: layout.context(path: path, title: title, section: "leadership", extra: extra))
    }

    /// One leader: duties, areas, units by relation, whom they assist and who assists them, committees.
    public func leader(_ leader: Leader, in division: Division) -> Page {
        let path = SiteURL.leader(leader.id) + "index.html"
        let title = "\(leader.name)（\(leader.post)）"
        let grouped = Responsibility.allCases.compactMap { kind -> [String: Any]? in
            let units = leader.responsibilities.filter { $0.kind == kind }
            guard !units.isEmpty else { return nil }
            return ["label": kind.rawValue, "code": kind.code, "units": units.map { item -> [String: Any] in
                var unit = unitLink(item.unit)
                if kind == .coOversees, let co = leader.coOversees.first(where: { $0.unit == item.unit }) {
                    unit["with"] = division.leader(id: co.with).map(personLink) ?? ["name": co.with]
                    if let written = co.asWritten { unit["as_written"] = written }
                }
                return unit
            }]
        }
        let assistedBy = division.leaders.filter { $0.assists.contains(leader.id) }
        let extra: [String: Any] = [
            "name": leader.name, "post": leader.post, "duties": leader.duties, "areas": leader.areas,
            "has_areas": !leader.areas.isEmpty, "other": leader.other ?? "",
            "groups": grouped,
            "assists": leader.assists.compactMap { division.leader(id: $0) }.map(personLink),
            "assisted_by": assistedBy.map(personLink),
            "committees": PeopleIndex(site: site).committeeRoles(of: leader.name),
            "division_date": division.effective.chinese,
            "source": division.source,
            "source_url": division.sourceDocumentID.map(SiteURL.document) ?? "",
        ]
        return Page(path: path, template: "leader", title: title,
                    context: layout.context(path: path, title: title, section: "leadership", extra: extra))
    }

    // MARK: - Parts

    private func divisionContext(_ division: Division) -> [String: Any] {
        let leaders = division.leaders
        let units = orderedUnits(division)
        var context: [String: Any] = [
            "effective": division.effective.chinese, "effective_iso": division.effective.iso,
            "source": division.source,
            "source_url": division.sourceDocumentID.map(SiteURL.document) ?? "",
            "leaders": leaders.map { leader -> [String: Any] in
                var link = personLink(leader)
                link["duties"] = leader.duties
                link["areas"] = leader.areas.joined(separator: "、")
                link["groups"] = Responsibility.allCases.compactMap { kind -> [String: Any]? in
                    let items = leader.responsibilities.filter { $0.kind == kind }
                    return items.isEmpty ? nil : ["label": kind.rawValue, "units": items.map { unitLink($0.unit) }]
                }
                return link
            },
            "rows": units.map { unit -> [String: Any] in
                var row = unitLink(unit)
                row["cells"] = leaders.map { leader -> [String: Any] in
                    let kinds = leader.responsibilities.filter { $0.unit.key == unit.key }.map(\.kind)
                    return ["label": kinds.map(\.rawValue).joined(separator: "、"), "leader": leader.name]
                }
                return row
            },
            "areas": areaRows(division),
        ]
        if let previous = site.division(before: division) {
            context["changes"] = DivisionChanges(from: previous, to: division, registry: site.departments).lines
            context["previous"] = ["date": previous.effective.chinese, "url": SiteURL.division(previous.id)]
        }
        return context
    }

    /// Units in the order they first appear in the document, each once.
    private func orderedUnits(_ division: Division) -> [UnitReference] {
        var seen: Set<String> = []
        return division.leaders.flatMap { $0.responsibilities.map(\.unit) }.filter { seen.insert($0.key).inserted }
    }

    private func areaRows(_ division: Division) -> [[String: Any]] {
        var order: [String] = []
        var byArea: [String: [Leader]] = [:]
        for leader in division.leaders {
            for area in leader.areas {
                if byArea[area] == nil { order.append(area) }
                byArea[area, default: []].append(leader)
            }
        }
        return order.map { ["area": $0, "leaders": byArea[$0]!.map(personLink)] }
    }

    func unitLink(_ unit: UnitReference) -> [String: Any] {
        var link: [String: Any] = ["name": unit.asWritten]
        if let id = unit.departmentID, let department = site.departments.department(id: id) {
            link["url"] = SiteURL.department(id)
            if department.name != unit.asWritten { link["full_name"] = department.name }
        }
        return link
    }

    func personLink(_ leader: Leader) -> [String: Any] {
        ["name": leader.name, "post": leader.post, "url": SiteURL.leader(leader.id), "id": leader.id]
    }
}

extension UnitReference {
    /// Identity for de-duplication: the registry id, or the words when unresolved.
    var key: String { departmentID ?? "?" + asWritten }
}

/// Who gained or lost which unit between two divisions.
struct DivisionChanges {
    let lines: [String]

    init(from old: Division, to new: Division, registry: DepartmentRegistry) {
        func name(_ id: String) -> String { registry.department(id: id)?.name ?? id }
        func leaderName(_ division: Division, _ id: String) -> String { division.leader(id: id)?.name ?? id }
        let gained = new.relations.subtracting(old.relations).sorted()
        let lost = old.relations.subtracting(new.relations).sorted()
        lines = gained.map { "\(leaderName(new, $0.leaderID)) 新增\($0.kind.rawValue) \(name($0.departmentID))" }
            + lost.map { "\(leaderName(old, $0.leaderID)) 不再\($0.kind.rawValue) \(name($0.departmentID))" }
    }
}

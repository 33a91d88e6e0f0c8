import Foundation
import GazetteModel

/// `/departments/`, `/committees/` and `/people/`.
public struct OrganisationPages {
    let site: Site
    let layout: Layout
    let leadership: LeadershipPages

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
        self.leadership = LeadershipPages(site: site)
    }

    /// Every unit, grouped by kind, with who oversees it now.
    public func departments() -> Page {
        let path = SiteURL.departments + "index.html"
        let title = "单位"
        let byKind = Dictionary(grouping: site.departments.departments) { $0.kind ?? "其他" }
        let groups = byKind.keys.sorted().map { kind -> [String: Any] in
            ["kind": kind, "departments": byKind[kind]!.map { d -> [String: Any] in
                let who = site.currentDivision?.responsibilities(for: d.id) ?? []
                return ["name": d.name, "url": SiteURL.department(d.id),
                        "who": who.map { ["name": $0.leader.name, "relation": $0.kind.rawValue] }]
            }]
        }
        return Page(path: path, template: "departments", title: title,
                    context: layout.context(path: path, title: title, section: "leadership",
                                            extra: ["groups": groups, "count": site.departments.departments.count]))
    }

    /// Which units each document names (in its title, recipients or text), computed once for all unit pages.
    public func unitsNamed(byDocumentTexts texts: [String: String]) -> [String: Set<String>] {
        let matcher = NameMatcher(names: site.departments.departments.flatMap { d in
            ([d.name] + d.aliases).map { ($0, d.id) }
        })
        var byUnit: [String: Set<String>] = [:]
        for document in site.documents {
            let text = document.title + "\n" + document.recipients.joined(separator: "、") + "\n" + (texts[document.id] ?? "")
            for unit in matcher.ids(in: text) { byUnit[unit, default: []].insert(document.id) }
        }
        return byUnit
    }

    /// One unit: who is responsible for it, its committees, the documents that issue or name it.
    /// `naming` holds the ids of the documents that name it.
    public func department(_ department: Department, naming: Set<String>) -> Page {
        let path = SiteURL.department(department.id) + "index.html"
        let division = site.currentDivision
        let who = division?.responsibilities(for: department.id) ?? []
        let names = [department.name] + department.aliases
        let committees = site.committees.compactMap { c -> [String: Any]? in
            let members = (c.members + c.officeMembers).filter { $0.departmentID == department.id }
            let hosts = c.officeUnit?.departmentID == department.id
            guard hosts || !members.isEmpty else { return nil }
            return ["name": c.name, "url": SiteURL.committee(c.id), "hosts_office": hosts,
                    "members": members.map { ["name": $0.name, "role": $0.role, "post": $0.post] }]
        }
        let documents = site.documents.filter { names.contains($0.issuer) || naming.contains($0.id) }
        let extra: [String: Any] = [
            "name": department.name, "kind": department.kind ?? "", "aliases": department.aliases.joined(separator: "、"),
            "has_aliases": !department.aliases.isEmpty,
            "who": who.map { ["name": $0.leader.name, "post": $0.leader.post, "url": SiteURL.leader($0.leader.id),
                              "relation": $0.kind.rawValue, "code": $0.kind.code] },
            "has_who": !who.isEmpty,
            "division_date": division?.effective.chinese ?? "",
            "committees": committees, "has_committees": !committees.isEmpty,
            "documents": documents.map { d in
                ["title": d.title, "url": SiteURL.document(d.id), "number": d.number?.description ?? "",
                 "issued": names.contains(d.issuer)] as [String: Any]
            },
            "has_documents": !documents.isEmpty,
        ]
        return Page(path: path, template: "department", title: department.name,
                    context: layout.context(path: path, title: department.name, section: "leadership", extra: extra))
    }

    public func committees() -> Page {
        let path = SiteURL.committees + "index.html"
        let title = "议事协调机构"
        let items = site.committees.map { c -> [String: Any] in
            ["name": c.name, "url": SiteURL.committee(c.id), "source": c.source,
             "date": c.date?.chinese ?? "", "count": c.members.count]
        }
        return Page(path: path, template: "committees", title: title,
                    context: layout.context(path: path, title: title, section: "leadership", extra: ["committees": items]))
    }

    /// One committee: members by role, the office, duties, the source document.
    public func committee(_ committee: Committee) -> Page {
        let path = SiteURL.committee(committee.id) + "index.html"
        var extra: [String: Any] = [
            "name": committee.name, "source": committee.source,
            "source_url": committee.sourceDocumentID.map(SiteURL.document) ?? "",
            "roles": roleGroups(committee.members), "office_roles": roleGroups(committee.officeMembers),
            "has_office_members": !committee.officeMembers.isEmpty,
            "duties": committee.duties, "has_duties": !committee.duties.isEmpty,
            "office_duties": committee.officeDuties, "has_office_duties": !committee.officeDuties.isEmpty,
            "office_head": committee.officeHead ?? "",
        ]
        if let established = committee.established { extra["established"] = established.chinese }
        if let adjusted = committee.adjusted { extra["adjusted"] = adjusted.chinese }
        if let unit = committee.officeUnit { extra["office_unit"] = leadership.unitLink(unit) }
        if let liaison = committee.liaison { extra["liaison"] = ["name": liaison.name, "post": liaison.post] }
        return Page(path: path, template: "committee", title: committee.name,
                    context: layout.context(path: path, title: committee.name, section: "leadership", extra: extra))
    }

    /// Every named person, with each post and role and a link to where it comes from.
    public func people() -> Page {
        let path = SiteURL.people + "index.html"
        let title = "人员"
        let people = PeopleIndex(site: site).people.map { person -> [String: Any] in
            ["name": person.name, "appearances": person.appearances.map {
                ["role": $0.role, "post": $0.post, "source": $0.source, "url": $0.url]
            }]
        }
        return Page(path: path, template: "people", title: title,
                    context: layout.context(path: path, title: title, section: "leadership",
                                            extra: ["people": people, "count": people.count]))
    }

    /// Members grouped by role, roles in order of first appearance.
    private func roleGroups(_ members: [CommitteeMember]) -> [[String: Any]] {
        var order: [String] = []
        var byRole: [String: [CommitteeMember]] = [:]
        for m in members {
            if byRole[m.role] == nil { order.append(m.role) }
            byRole[m.role, default: []].append(m)
        }
        return order.map { role in
            ["role": role, "members": byRole[role]!.map { m -> [String: Any] in
                var item: [String: Any] = ["name": m.name, "post": m.post]
                if let id = m.departmentID { item["unit_url"] = SiteURL.department(id) }
                if let leader = site.currentDivision?.leaders.first(where: { $0.name == m.name }) {
                    item["leader_url"] = SiteURL.leader(leader.id)
                }
                return item
            }]
        }
    }
}

import GazetteModel

/// Every named person across the leadership and committee files, with where each is named.
struct PeopleIndex {
    let site: Site

    struct Appearance {
        let role: String
        let post: String
        let source: String
        let url: String
    }

    /// Name → appearances, names in order of first appearance (leaders first).
    var people: [(name: String, appearances: [Appearance])] {
        var order: [String] = []
        var byName: [String: [Appearance]] = [:]
        func add(_ name: String, _ appearance: Appearance) {
            if byName[name] == nil { order.append(name) }
            byName[name, default: []].append(appearance)
        }
        for division in site.divisions.reversed() {
            let current = division.id == site.currentDivision?.id
            for leader in division.leaders {
                add(leader.name, Appearance(
                    role: leader.post, post: leader.duties,
                    source: "市政府领导工作分工（\(division.effective.chinese)起\(current ? "" : "，已被取代")）",
                    url: current ? SiteURL.leader(leader.id) : SiteURL.division(division.id)))
            }
        }
        for committee in site.committees {
            let url = SiteURL.committee(committee.id)
            for m in committee.members { add(m.name, Appearance(role: m.role, post: m.post, source: committee.name, url: url)) }
            for m in committee.officeMembers {
                add(m.name, Appearance(role: "办公室" + m.role, post: m.post, source: committee.name, url: url))
            }
            if let head = committee.officeHead, !committee.officeMembers.contains(where: { $0.name == head }) {
                add(head, Appearance(role: "办公室主任", post: "", source: committee.name, url: url))
            }
            if let liaison = committee.liaison {
                add(liaison.name, Appearance(role: liaison.role, post: liaison.post, source: committee.name, url: url))
            }
        }
        return order.map { ($0, byName[$0]!) }
    }

    /// The committees a person sits on, with role and post.
    func committeeRoles(of name: String) -> [[String: Any]] {
        site.committees.flatMap { committee in
            (committee.members + committee.officeMembers).filter { $0.name == name }.map {
                ["committee": committee.name, "url": SiteURL.committee(committee.id), "role": $0.role, "post": $0.post]
            }
        }
    }
}

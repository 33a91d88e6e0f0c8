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
        site.people.map { person in
            (person.name, person.appearances.map { appearance in
                switch appearance.source {
                case let .division(id, effective, leaderID, current):
                    return Appearance(role: appearance.role, post: appearance.post,
                                      source: "市政府领导工作分工（\(effective.chinese)起\(current ? "" : "，已被取代")）",
                                      url: current ? SiteURL.leader(leaderID) : SiteURL.division(id))
                case let .committee(id, name):
                    return Appearance(role: appearance.role, post: appearance.post, source: name,
                                      url: SiteURL.committee(id))
                }
            })
        }
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

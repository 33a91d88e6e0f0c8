import GazetteModel

extension API {
    /// One organisation of the registry in `departments.json`.
    struct Department: Encodable {
        let id: String
        let name: String
        let aliases: [String]
        @Nullable var kind: String?
        /// Who is responsible for it in the division in force.
        let responsible: [Responsible]
        let committees: [CommitteeSeat]
        /// Documents whose 发文机关 is this unit by name or alias (`Ids`: snake_case of `IDs` would be `i_ds`).
        let issuedDocumentIds: [String]
        let path: String
        let url: String
    }

    struct Responsible: Encodable {
        let leaderID: String
        let leaderName: String
        let post: String
        let relation: String
        let relationCode: String
    }

    /// A committee the unit belongs to (by a member's post) or houses the office of.
    struct CommitteeSeat: Encodable {
        let committeeID: String
        let committeeName: String
        let hostsOffice: Bool
        let members: [Member]
    }

    /// A committee (领导小组, 委员会, 工作专班) in `committees.json`.
    struct Committee: Encodable {
        let id: String
        let name: String
        let source: String
        @Nullable var sourceDocumentID: String?
        @Nullable var established: String?
        @Nullable var adjusted: String?
        @Nullable var officeUnit: Unit?
        @Nullable var officeHead: String?
        @Nullable var liaison: Member?
        let duties: [String]
        let officeDuties: [String]
        let members: [Member]
        let officeMembers: [Member]
        let path: String
        let url: String
    }

    struct Member: Encodable {
        let role: String
        let name: String
        let post: String
        @Nullable var departmentID: String?
    }

    /// A person in `people.json`: the name, and every post or role with its source.
    struct Person: Encodable {
        let name: String
        /// Ids of this person as a leader in any division.
        let leaderIds: [String]
        let appearances: [Appearance]
    }

    struct Appearance: Encodable {
        let role: String
        let post: String
        /// `division` or `committee`.
        let sourceKind: String
        /// The division's date or the committee's id.
        let sourceID: String
        let sourceTitle: String
        /// False when the division has been superseded.
        let current: Bool
        @Nullable var leaderID: String?
        let path: String
        let url: String
    }
}

extension OpenData {
    func department(_ department: Department) -> API.Department {
        let who = site.currentDivision?.responsibilities(for: department.id) ?? []
        let names = Set([department.name] + department.aliases)
        let seats = site.committees.compactMap { c -> API.CommitteeSeat? in
            let members = (c.members + c.officeMembers).filter { $0.departmentID == department.id }
            let hosts = c.officeUnit?.departmentID == department.id
            guard hosts || !members.isEmpty else { return nil }
            return API.CommitteeSeat(committeeID: c.id, committeeName: c.name, hostsOffice: hosts,
                                     members: members.map(member))
        }
        return API.Department(
            id: department.id, name: department.name, aliases: department.aliases, kind: department.kind,
            responsible: who.map {
                API.Responsible(leaderID: $0.leader.id, leaderName: $0.leader.name, post: $0.leader.post,
                                relation: $0.kind.rawValue, relationCode: $0.kind.code)
            },
            committees: seats, issuedDocumentIds: site.documents.filter { names.contains($0.issuer) }.map(\.id),
            path: SiteURL.department(department.id), url: url(SiteURL.department(department.id)))
    }

    func committee(_ committee: Committee) -> API.Committee {
        API.Committee(
            id: committee.id, name: committee.name, source: committee.source,
            sourceDocumentID: committee.sourceDocumentID, established: committee.established?.iso,
            adjusted: committee.adjusted?.iso, officeUnit: committee.officeUnit.map(unit),
            officeHead: committee.officeHead, liaison: committee.liaison.map(member),
            duties: committee.duties, officeDuties: committee.officeDuties,
            members: committee.members.map(member), officeMembers: committee.officeMembers.map(member),
            path: SiteURL.committee(committee.id), url: url(SiteURL.committee(committee.id)))
    }

    func person(_ person: Person) -> API.Person {
        var leaderIds: [String] = []
        let appearances = person.appearances.map { appearance -> API.Appearance in
            switch appearance.source {
            case let .division(id, effective, leaderID, current):
                if !leaderIds.contains(leaderID) { leaderIds.append(leaderID) }
                let page = current ? SiteURL.leader(leaderID) : SiteURL.division(id)
                return API.Appearance(role: appearance.role, post: appearance.post, sourceKind: "division",
                                      sourceID: id, sourceTitle: "市政府领导工作分工（\(effective.chinese)起）",
                                      current: current, leaderID: leaderID, path: page, url: url(page))
            case let .committee(id, name):
                return API.Appearance(role: appearance.role, post: appearance.post, sourceKind: "committee",
                                      sourceID: id, sourceTitle: name, current: true, leaderID: nil,
                                      path: SiteURL.committee(id), url: url(SiteURL.committee(id)))
            }
        }
        return API.Person(name: person.name, leaderIds: leaderIds, appearances: appearances)
    }

    private func member(_ member: CommitteeMember) -> API.Member {
        API.Member(role: member.role, name: member.name, post: member.post, departmentID: member.departmentID)
    }
}

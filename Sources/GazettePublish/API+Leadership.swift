import GazetteModel

extension API {
    /// One division of work (市政府领导工作分工) in `leadership.json`.
    struct Division: Encodable {
        /// The effective date, `YYYY-MM-DD`.
        let id: String
        let effective: String
        /// 发文字号 of the document that made it.
        let source: String
        @Nullable var sourceDocumentID: String?
        /// True for the division in force on the build date.
        let current: Bool
        @Nullable var supersededBy: String?
        @Nullable var supersedes: String?
        let leaders: [Leader]
        /// Every relation whose unit resolves to the registry, sorted by unit, kind and leader.
        let relations: [Relation]
        let path: String
        let url: String
    }

    /// One leader of a division, each relation as written with the unit it resolves to.
    struct Leader: Encodable {
        let id: String
        let name: String
        let post: String
        let duties: String
        let areas: [String]
        let presides: [Unit]
        let oversees: [Unit]
        let coOversees: [CoOversight]
        /// Ids of the leaders this one assists (协助).
        let assists: [String]
        /// Ids of the leaders who assist this one.
        let assistedBy: [String]
        let liaises: [Unit]
        @Nullable var other: String?
        let path: String
        let url: String
    }

    /// 协助分管: a unit overseen together with another leader.
    struct CoOversight: Encodable {
        let unit: Unit
        /// Id of the leader who oversees it.
        let with: String
        @Nullable var asWritten: String?
    }

    /// A leader's responsibility for a registry unit.
    struct Relation: Encodable {
        let departmentID: String
        let leaderID: String
        /// 主持 / 分管 / 协助分管 / 联系.
        let relation: String
        let relationCode: String
    }
}

extension OpenData {
    func division(_ division: Division) -> API.Division {
        let current = site.currentDivision?.id == division.id
        let next = site.divisions.first { $0.effective > division.effective }
        // The division's own page: its URL stays the same when a newer division supersedes it.
        let page = SiteURL.division(division.id)
        return API.Division(
            id: division.id, effective: division.effective.iso, source: division.source,
            sourceDocumentID: division.sourceDocumentID, current: current, supersededBy: next?.id,
            supersedes: site.division(before: division)?.id,
            leaders: division.leaders.map { leader($0, in: division, current: current) },
            relations: division.relations.sorted().map {
                API.Relation(departmentID: $0.departmentID, leaderID: $0.leaderID, relation: $0.kind.rawValue,
                             relationCode: $0.kind.code)
            },
            path: page, url: url(page))
    }

    private func leader(_ leader: Leader, in division: Division, current: Bool) -> API.Leader {
        // A superseded division has no page per leader: its leaders link to the division's page.
        let page = current ? SiteURL.leader(leader.id) : SiteURL.division(division.id)
        return API.Leader(
            id: leader.id, name: leader.name, post: leader.post, duties: leader.duties, areas: leader.areas,
            presides: leader.presides.map(unit), oversees: leader.oversees.map(unit),
            coOversees: leader.coOversees.map { API.CoOversight(unit: unit($0.unit), with: $0.with, asWritten: $0.asWritten) },
            assists: leader.assists,
            assistedBy: division.leaders.filter { $0.assists.contains(leader.id) }.map(\.id),
            liaises: leader.liaises.map(unit), other: leader.other, path: page, url: url(page))
    }
}

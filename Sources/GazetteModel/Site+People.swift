/// A person named in the leadership or committee files, with every place they are named.
public struct Person: Sendable {
    /// One mention: a post in a division of work or a role in a committee.
    public struct Appearance: Sendable, Equatable {
        /// Where the mention comes from.
        public enum Source: Sendable, Equatable {
            /// A leader of a division of work; `current` when it is the division in force.
            case division(id: String, effective: Day, leaderID: String, current: Bool)
            /// A member, office member, office head or liaison of a committee.
            case committee(id: String, name: String)
        }

        /// 副市长, 组长, 办公室主任 …
        public let role: String
        /// The post as written (for a leader: the lead sentence of the duties).
        public let post: String
        public let source: Source
    }

    public let name: String
    public let appearances: [Appearance]
}

extension Site {
    /// Every named person, in order of first appearance: the leaders of the newest division
    /// first, then older divisions, then committee members. Names are the identity: the files
    /// give people no other.
    public var people: [Person] {
        var order: [String] = []
        var byName: [String: [Person.Appearance]] = [:]
        func add(_ name: String, _ role: String, _ post: String, _ source: Person.Appearance.Source) {
            if byName[name] == nil { order.append(name) }
            byName[name, default: []].append(Person.Appearance(role: role, post: post, source: source))
        }
        for division in divisions.reversed() {
            let current = division.id == currentDivision?.id
            for leader in division.leaders {
                add(leader.name, leader.post, leader.duties,
                    .division(id: division.id, effective: division.effective, leaderID: leader.id, current: current))
            }
        }
        for committee in committees {
            let source = Person.Appearance.Source.committee(id: committee.id, name: committee.name)
            for m in committee.members { add(m.name, m.role, m.post, source) }
            for m in committee.officeMembers { add(m.name, "办公室" + m.role, m.post, source) }
            if let head = committee.officeHead, !committee.officeMembers.contains(where: { $0.name == head }) {
                add(head, "办公室主任", "", source)
            }
            if let liaison = committee.liaison { add(liaison.name, liaison.role, liaison.post, source) }
        }
        return order.map { Person(name: $0, appearances: byName[$0]!) }
    }
}

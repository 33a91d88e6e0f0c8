import GazetteModel

/// The data behind the “who is responsible?” lookup box, embedded in the matrix page so
/// the lookup works from a static file with no server.
enum LookupData {
    static func json(division: Division, site: Site) -> String {
        func person(_ leader: Leader, _ relation: String) -> JSONText {
            .object(["name": .string(leader.name), "post": .string(leader.post),
                     "url": .string(SiteURL.leader(leader.id)), "relation": .string(relation)])
        }
        var units: [String: (fields: [String: JSONText], who: [JSONText])] = [:]
        var order: [String] = []
        for leader in division.leaders {
            for item in leader.responsibilities {
                let key = item.unit.key
                if units[key] == nil {
                    order.append(key)
                    let department = item.unit.departmentID.flatMap(site.departments.department(id:))
                    units[key] = (fields: [
                        "name": .string(department?.name ?? item.unit.asWritten),
                        "names": .array((department.map { [$0.name] + $0.aliases } ?? [item.unit.asWritten]).map(JSONText.string)),
                        "url": .string(item.unit.departmentID.map(SiteURL.department) ?? ""),
                    ], who: [])
                }
                units[key]!.who.append(person(leader, item.kind.rawValue))
            }
        }
        var areas: [String: [JSONText]] = [:]
        var areaOrder: [String] = []
        for leader in division.leaders {
            for area in leader.areas {
                if areas[area] == nil { areaOrder.append(area) }
                areas[area, default: []].append(person(leader, "负责"))
            }
        }
        let payload = JSONText.object([
            "units": .array(order.map { key in .object(units[key]!.fields.merging(["who": .array(units[key]!.who)]) { a, _ in a }) }),
            "areas": .array(areaOrder.map { .object(["name": .string($0), "who": .array(areas[$0]!)]) }),
        ])
        // Inside <script> the text must not be able to close the element or open a comment.
        return payload.text(scriptSafe: true)
    }
}

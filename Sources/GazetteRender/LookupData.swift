import Foundation
import GazetteModel

/// The data behind the “who is responsible?” lookup box, embedded in the matrix page so
/// the lookup works from a static file with no server.
enum LookupData {
    static func json(division: Division, site: Site) -> String {
        var units: [String: [String: Any]] = [:]
        var order: [String] = []
        for leader in division.leaders {
            for item in leader.responsibilities {
                let key = item.unit.key
                if units[key] == nil {
                    order.append(key)
                    let department = item.unit.departmentID.flatMap(site.departments.department(id:))
                    units[key] = [
                        "name": department?.name ?? item.unit.asWritten,
                        "names": department.map { [$0.name] + $0.aliases } ?? [item.unit.asWritten],
                        "url": item.unit.departmentID.map(SiteURL.department) ?? "",
                        "who": [[String: String]](),
                    ]
                }
                var who = units[key]!["who"] as! [[String: String]]
                who.append(["name": leader.name, "post": leader.post, "url": SiteURL.leader(leader.id),
                            "relation": item.kind.rawValue])
                units[key]!["who"] = who
            }
        }
        var areas: [String: [[String: String]]] = [:]
        var areaOrder: [String] = []
        for leader in division.leaders {
            for area in leader.areas {
                if areas[area] == nil { areaOrder.append(area) }
                areas[area, default: []].append(["name": leader.name, "post": leader.post,
                                                  "url": SiteURL.leader(leader.id), "relation": "负责"])
            }
        }
        let payload: [String: Any] = [
            "units": order.map { units[$0]! },
            "areas": areaOrder.map { ["name": $0, "who": areas[$0]!] as [String: Any] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        // Inside <script> the text must not be able to close the element or open a comment.
        return String(decoding: data, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
            .replacingOccurrences(of: ">", with: "\\u003e")
            .replacingOccurrences(of: "&", with: "\\u0026")
    }
}

/// The schemas of the leadership matrix, the unit registry, committees and people.
enum OrganisationSchemas {
    static let unit = Schema.object("A unit as the source names it, with the registry entry it resolves to.", [
        "name": .string("The unit's name as written in the source."),
        "department_id": Schema.id("Id in departments.json; null when the name resolves to no registry entry.").nullable,
        "department_name": Schema.string("The registry's full name; null when unresolved.").nullable,
    ])

    static let member = Schema.object("A member of a committee or of its office.", [
        "role": .string("Role in the committee: 主任, 组长, 副组长, 成员 …"),
        "name": .string("The person's name."),
        "post": .string("The post as written (市财政局局长)."),
        "department_id": Schema.id("The unit the post names, when the registry knows it; else null.").nullable,
    ])

    static let relationCodes = ["presides", "oversees", "co_oversees", "liaises"]
    static let relationNames = ["主持", "分管", "协助分管", "联系"]

    static let leader = Schema.object("One leader of a division of work.", [
        "id": .id("Stable id of the leader (pinyin of the name)."),
        "name": .string("Name."),
        "post": .string("Post: 市长, 副市长, 调研员 …"),
        "duties": .string("The lead sentence of the duties, as written."),
        "areas": .array("负责…等方面工作: the areas of work, as written.", of: .string("An area.")),
        "presides": .array("主持: units whose work the leader presides over.", of: unit),
        "oversees": .array("分管: units the leader oversees.", of: unit),
        "co_oversees": .array("协助分管: units overseen together with another leader.", of: .object("A co-oversight.", [
            "unit": unit,
            "with": .id("Id of the leader who oversees the unit."),
            "as_written": Schema.string("The document's words when they name a field of work rather than the unit; else null.").nullable,
        ])),
        "assists": .array("协助: ids of the leaders this one assists.", of: .id("A leader id.")),
        "assisted_by": .array("Ids of the leaders who assist this one.", of: .id("A leader id.")),
        "liaises": .array("联系: units the leader liaises with.", of: unit),
        "other": Schema.string("Other duties (完成市长交办的其他工作); null when none.").nullable,
        "path": .path("The leader's page (the division's page for a superseded division), relative to the site root."),
        "url": .url("That page, absolute."),
    ])

    static let leadership = Schema.object("Every division of work among the city's leaders (市政府领导工作分工), oldest first.", [
        "current_division_id": Schema.date("Id of the division in force on the build date; null when there is none.").nullable,
        "count": .integer("Number of divisions.", minimum: 0),
        "divisions": .array("The divisions, oldest first.", of: .object("One division of work.", [
            "id": .date("Id: the effective date."),
            "effective": .date("The date it takes effect."),
            "source": .string("发文字号 of the document that made it."),
            "source_document_id": Schema.id("Id of that document when the site publishes it; else null.").nullable,
            "current": .boolean("True for the division in force on the build date."),
            "superseded_by": Schema.date("Id of the next division; null for the newest.").nullable,
            "supersedes": Schema.date("Id of the previous division; null for the oldest.").nullable,
            "leaders": .array("Leaders in the order of the document.", of: leader),
            "relations": .array("The matrix as a list: every leader–unit relation whose unit resolves to the registry.", of: .object("One relation.", [
                "department_id": .id("Id of the unit in departments.json."),
                "leader_id": .id("Id of the leader."),
                "relation": .string("How the leader stands to the unit.", oneOf: relationNames),
                "relation_code": .string("The relation as a stable ASCII code.", oneOf: relationCodes),
            ])),
            "path": .path("The division's page, relative to the site root."),
            "url": .url("The division's page, absolute."),
        ])),
    ])

    static let departments = Schema.object("The registry of organisations named in the leadership and committee files.", [
        "current_division_id": Schema.date("The division `responsible` is taken from; null when there is none.").nullable,
        "count": .integer("Number of units.", minimum: 0),
        "departments": .array("The units, in the order of the registry.", of: .object("One unit.", [
            "id": .id("Stable ASCII id."),
            "name": .string("Full official name."),
            "aliases": .array("Other names the documents use for it.", of: .string("An alias.")),
            "kind": Schema.string("Kind of body: 政府工作部门, 镇, 街道办事处 …; null when not stated.").nullable,
            "responsible": .array("Who is responsible for the unit in the current division, and how.", of: .object("A responsible leader.", [
                "leader_id": .id("Id of the leader."),
                "leader_name": .string("Name of the leader."),
                "post": .string("Post of the leader."),
                "relation": .string("How the leader stands to the unit.", oneOf: relationNames),
                "relation_code": .string("The relation as a stable ASCII code.", oneOf: relationCodes),
            ])),
            "committees": .array("Committees the unit belongs to (through a member's post) or houses the office of.", of: .object("A committee seat.", [
                "committee_id": .id("Id of the committee."),
                "committee_name": .string("Name of the committee."),
                "hosts_office": .boolean("True when the committee's office is set up in this unit (办公室设在…)."),
                "members": .array("Members whose post names this unit.", of: member),
            ])),
            "issued_document_ids": .array("Ids of documents whose 发文机关 is this unit (by name or alias).", of: .id("A document id.")),
            "path": .path("The unit's page, relative to the site root."),
            "url": .url("The unit's page, absolute."),
        ])),
    ])

    static let committees = Schema.object("Leading groups, committees and task forces (议事协调机构).", [
        "count": .integer("Number of committees.", minimum: 0),
        "committees": .array("The committees, by id.", of: .object("One committee.", [
            "id": .id("Stable id (the file name)."),
            "name": .string("Full name."),
            "source": .string("发文字号 of the document that set it up or adjusted it."),
            "source_document_id": Schema.id("Id of that document when the site publishes it; else null.").nullable,
            "established": Schema.date("成立日期, when the source founded it; else null.").nullable,
            "adjusted": Schema.date("调整日期, when the source adjusted an existing body; else null.").nullable,
            "office_unit": unit.nullable.described("办公室设在…: the unit that houses its office; null when none."),
            "office_head": Schema.string("办公室主任: head of the office; null when not named.").nullable,
            "liaison": member.nullable.described("联络员: the liaison; null when none."),
            "duties": .array("Its duties, as written.", of: .string("A duty.")),
            "office_duties": .array("The office's duties, as written.", of: .string("A duty.")),
            "members": .array("Members in the order of the document.", of: member),
            "office_members": .array("Staff of the office, in order.", of: member),
            "path": .path("The committee's page, relative to the site root."),
            "url": .url("The committee's page, absolute."),
        ])),
    ])

    static let people = Schema.object("Every person named in the leadership and committee files, with each post and role.", [
        "count": .integer("Number of people.", minimum: 0),
        "people": .array("People in order of first appearance: current leaders first.", of: .object("One person.", [
            "name": .string("Name: the identity of a person (the files give no other)."),
            "leader_ids": .array("Ids of this person as a leader in any division.", of: .id("A leader id."), unique: true),
            "appearances": .array("Every mention, with its source.", of: .object("One mention.", [
                "role": .string("Post in the division (副市长) or role in the committee (组长, 办公室主任…)."),
                "post": .string("For a leader: the lead sentence of the duties; for a member: the post as written."),
                "source_kind": .string("Where the mention comes from.", oneOf: ["division", "committee"]),
                "source_id": .string("Id of the division (its date) or of the committee."),
                "source_title": .string("Title of the source."),
                "current": .boolean("False when the source is a superseded division."),
                "leader_id": Schema.id("Leader id for a mention in a division; else null.").nullable,
                "path": .path("The page of the mention, relative to the site root."),
                "url": .url("That page, absolute."),
            ])),
        ])),
    ])
}

import Foundation
import Testing
@testable import GazettePublish
import GazetteModel

/// The open data of the seed site: the API, its catalog and schemas, the downloads, the
/// sitemap, and the data links of the pages. (Tests/site/test_open_data.py validates the same
/// output with jsonschema and feedparser.)
@Suite("Open data")
struct OpenDataTests {
    static let site = BuiltSite.seed
    static let base = "https://www.example.gov.cn/gongbao/"

    static func json(_ path: String) throws -> [String: Any] {
        let data = try #require(site.files[path], "\(path) was not published")
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    // MARK: - Catalog and schemas

    @Test func catalogListsEveryAPIFileAndNothingElse() throws {
        #expect(Self.site.errors.isEmpty, "\(Self.site.errors)")
        let catalog = try Self.json("api/v1/index.json")
        let endpoints = try #require(catalog["endpoints"] as? [[String: Any]])
        let listed = Set(endpoints.flatMap { $0["paths"] as? [String] ?? [] })
        let published = Set(Self.site.files.keys.filter {
            ($0.hasPrefix("api/v1/") && !$0.hasPrefix("api/v1/schema/")) || $0.hasSuffix(".json") && $0.contains("/table-")
        })
        #expect(listed == published)
        for endpoint in endpoints {
            let schema = try #require(endpoint["schema_path"] as? String)
            #expect(Self.site.exists(schema), "\(schema)")
        }
    }

    @Test func catalogCountsMatchTheLists() throws {
        let endpoints = try #require(try Self.json("api/v1/index.json")["endpoints"] as? [[String: Any]])
        for endpoint in endpoints where endpoint["templated"] as? Bool == false && endpoint["name"] as? String != "index" {
            let path = try #require(endpoint["path"] as? String)
            let file = try Self.json(path)
            #expect(file["count"] as? Int == endpoint["count"] as? Int, "\(path)")
        }
        #expect(endpoints.first { $0["name"] as? String == "document" }?["count"] as? Int == 8)
    }

    /// A light check of what the Python suite validates in full: every object's keys are the
    /// properties its schema requires, no more and no fewer.
    @Test func everyAPIFileHasExactlyTheKeysOfItsSchema() throws {
        for path in Self.site.files.keys.sorted() where path.hasPrefix("api/v1/") && !path.hasPrefix("api/v1/schema/") {
            let file = try Self.json(path)
            let schemaURL = try #require(file["$schema"] as? String)
            #expect(schemaURL.hasPrefix(Self.base))
            let schema = try Self.json(String(schemaURL.dropFirst(Self.base.count)))
            #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
            var problems: [String] = []
            Self.checkKeys(file, against: schema, at: path, problems: &problems)
            #expect(problems.isEmpty, "\(problems.prefix(5))")
        }
    }

    static func checkKeys(_ value: Any, against schema: [String: Any], at place: String, problems: inout [String]) {
        if let object = value as? [String: Any], let properties = schema["properties"] as? [String: Any] {
            let required = Set(schema["required"] as? [String] ?? [])
            let keys = Set(object.keys)
            if !required.isSubset(of: keys) { problems.append("\(place): missing \(required.subtracting(keys).sorted())") }
            if schema["additionalProperties"] as? Bool == false, !keys.isSubset(of: Set(properties.keys)) {
                problems.append("\(place): unexpected \(keys.subtracting(properties.keys).sorted())")
            }
            for (key, child) in object {
                if let childSchema = properties[key] as? [String: Any] {
                    checkKeys(child, against: childSchema, at: "\(place).\(key)", problems: &problems)
                }
            }
        } else if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (index, item) in array.enumerated() { checkKeys(item, against: items, at: "\(place)[\(index)]", problems: &problems) }
        }
    }

    // MARK: - Content

    @Test func documentFileHasMetadataBodyTablesAndLinks() throws {
        let document = try Self.json("api/v1/documents/azbf-2023-9.json")
        #expect(document["document_number"] as? String == "阿政办发〔2023〕9号")
        #expect(document["type"] as? String == "通知")
        #expect(document["issuer_code"] as? String == "azbf")
        #expect(document["signing_date"] as? String == "2023-03-08")
        #expect(document["publication_date"] as? String == "2023-03-29")
        #expect(document["page"] as? Int == 46)
        #expect(document["url"] as? String == Self.base + "documents/azbf-2023-9/")
        #expect((document["body_text"] as? String)?.contains("庭院经济") == true)
        #expect((document["tables"] as? [Any])?.count == 7)
        let interpretation = try #require(document["interpretation"] as? [String: Any])
        #expect(interpretation["json_path"] as? String == "api/v1/interpretations/azbf-2023-9.json")
        let rules = try #require(document["notice_rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["village-plan", "town-plan", "acceptance"])
        #expect((rules[0]["notices"] as? [Any])?.isEmpty == false)
    }

    @Test func noticesCarryTheirComputedPeriodsAndStatusAsOfTheBuildDate() throws {
        let file = try Self.json("api/v1/notices.json")
        #expect(file["as_of"] as? String == "2026-11-29")
        let notices = try #require(file["notices"] as? [[String: Any]])
        let xikou = try #require(notices.first { $0["id"] as? String == "xikou-village-plan-2023" })
        #expect(xikou["start"] as? String == "2023-03-20")
        #expect(xikou["end"] as? String == "2023-03-24")
        #expect(xikou["working_days"] as? Int == 5)
        #expect(xikou["status_code"] as? String == "ended")
        #expect(xikou["sample"] as? Bool == true)
        let acrossHoliday = try #require(notices.first { notice in
            (notice["skipped"] as? [[String: Any]])?.contains { $0["reason"] as? String != "周末" } == true
        })
        #expect((acrossHoliday["rule"] as? [String: Any])?["required_working_days"] as? Int == 5)
    }

    @Test func leadershipResolvesEveryRelationToUnitIds() throws {
        let file = try Self.json("api/v1/leadership.json")
        #expect(file["current_division_id"] as? String == "2023-01-17")
        let division = try #require((file["divisions"] as? [[String: Any]])?.first)
        let relations = try #require(division["relations"] as? [[String: String]])
        func who(_ unit: String, _ code: String) -> [String] {
            relations.filter { $0["department_id"] == unit && $0["relation_code"] == code }.compactMap { $0["leader_id"] }
        }
        #expect(who("audit", "oversees") == ["wang-xiaohuan"])
        #expect(who("audit", "co_oversees") == ["sun-baichuan"])
        #expect(who("housing-urban-rural", "co_oversees") == ["zhao-pengqi"])
        let people = try Self.json("api/v1/people.json")
        #expect((people["people"] as? [[String: Any]])?.first?["name"] as? String == "王晓欢")
    }

    // MARK: - Downloads

    @Test func downloadsPageListsTheSizeAndSHA256OfEachFile() throws {
        let page = try #require(Self.site.text("downloads/index.html"))
        let sums = try #require(Self.site.text("downloads/SHA256SUMS"))
        for path in ["downloads/gazette-data.zip", "downloads/documents.csv"] {
            let data = try #require(Self.site.files[path])
            let hash = SHA256.hex(data)
            #expect(page.contains("data-file=\"\(path)\" data-size=\"\(data.count)\" data-sha256=\"\(hash)\""))
            #expect(sums.contains("\(hash)  \((path as NSString).lastPathComponent)\n"))
        }
    }

    @Test func archiveHoldsTheDataFilesSortedAndIdenticalToThePublishedOnes() throws {
        let zip = try #require(Self.site.files["downloads/gazette-data.zip"])
        let entries = try ZipDirectory(zip).entries
        let names = entries.map(\.name)
        #expect(names == names.sorted())
        #expect(names.contains("api/v1/index.json"))
        #expect(names.contains("api/v1/schema/document.schema.json"))
        #expect(names.contains("feed.json"))
        #expect(names.contains("downloads/documents.csv"))
        #expect(names.contains("documents/azbf-2023-9/table-1.csv"))
        for entry in entries {
            let published = try #require(Self.site.files[entry.name], "\(entry.name) is not published")
            #expect(entry.size == published.count, "\(entry.name)")
            #expect(entry.crc32 == ZipDirectory.crc32(published), "\(entry.name)")
        }
        let expected = Self.site.files.keys.filter {
            $0.hasPrefix("api/v1/") || $0 == "feed.json" || $0 == "downloads/documents.csv" || $0.contains("/table-")
        }
        #expect(Set(names) == Set(expected))
    }

    @Test func twoBuildsOfTheSameContentAreByteIdentical() throws {
        let again = BuiltSite(content: Repository.seedContent)
        #expect(Set(again.files.keys) == Set(Self.site.files.keys))
        for path in Self.site.files.keys.sorted() { #expect(again.files[path] == Self.site.files[path], "\(path)") }
    }

    // MARK: - Pages and sitemap

    @Test func sitemapListsEveryHTMLPageButTheErrorPage() throws {
        let sitemap = try #require(Self.site.text("sitemap.xml"))
        let listed = Set(sitemap.components(separatedBy: "<loc>").dropFirst().compactMap {
            $0.components(separatedBy: "</loc>").first.map { String($0.dropFirst(Self.base.count)) }
        })
        let pages = Set(Self.site.files.keys.filter { $0.hasSuffix(".html") && $0 != "404.html" }.map {
            $0.hasSuffix("index.html") ? String($0.dropLast("index.html".count)) : $0
        })
        #expect(listed == pages)
        #expect(listed.contains("downloads/"))
        #expect(Self.site.text("robots.txt")?.contains("Sitemap: \(Self.base)sitemap.xml") == true)
    }

    @Test func everyPageLinksTheFeedsInItsHead() throws {
        for (path, data) in Self.site.files where path.hasSuffix(".html") && path != "404.html" {
            let head = String(decoding: data, as: UTF8.self).components(separatedBy: "</head>")[0]
            let root = String(repeating: "../", count: path.split(separator: "/").count - 1)
            #expect(head.contains("type=\"application/atom+xml\" title=\"阿尔山市人民政府公报（Atom）\" href=\"\(root)feed.xml\""), "\(path)")
            #expect(head.contains("type=\"application/feed+json\""), "\(path)")
        }
    }

    @Test func documentPageEmbedsLegislationJSONLDAndLinksItsJSON() throws {
        let html = try #require(Self.site.text("documents/azbf-2023-9/index.html"))
        #expect(html.contains("<a href=\"../../api/v1/documents/azbf-2023-9.json\" type=\"application/json\">本文件的数据（JSON）</a>"))
        let script = try #require(html.between("<script type=\"application/ld+json\">", "</script>"))
        #expect(!script.contains("<"))
        let ld = try #require(try JSONSerialization.jsonObject(with: Data(script.utf8)) as? [String: Any])
        #expect(ld["@type"] as? String == "Legislation")
        #expect(ld["legislationIdentifier"] as? String == "阿政办发〔2023〕9号")
        #expect(ld["legislationDate"] as? String == "2023-03-08")
        #expect(ld["legislationType"] as? String == "通知")
        #expect(ld["legislationLegalForce"] as? String == "InForce")
        #expect((ld["legislationJurisdiction"] as? [String: Any])?["name"] as? String == "阿尔山市")
    }
}

/// The central directory of a ZIP file: enough to list its entries without unpacking.
struct ZipDirectory {
    struct Entry {
        let name: String
        let size: Int
        let crc32: UInt32
    }

    struct Malformed: Error {}

    let entries: [Entry]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        guard let end = stride(from: bytes.count - 22, through: 0, by: -1).first(where: { u32($0) == 0x0605_4b50 }) else {
            throw Malformed()
        }
        var offset = u32(end + 16)
        var entries: [Entry] = []
        for _ in 0..<u16(end + 10) {
            guard u32(offset) == 0x0201_4b50 else { throw Malformed() }
            let nameLength = u16(offset + 28), extra = u16(offset + 30), comment = u16(offset + 32)
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            entries.append(Entry(name: name, size: u32(offset + 24), crc32: UInt32(u32(offset + 16))))
            offset += 46 + nameLength + extra + comment
        }
        self.entries = entries
    }

    /// CRC-32 (ISO 3309), as ZIP records it.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

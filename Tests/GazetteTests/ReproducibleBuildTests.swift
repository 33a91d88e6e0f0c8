import Foundation
import Testing
import GazetteBuild
import GazetteModel

/// `SOURCE_DATE_EPOCH` (https://reproducible-builds.org/specs/source-date-epoch/) is the build
/// date when `--today` is not given: two builds with the same epoch are byte-identical.
@Suite("Reproducible builds")
struct ReproducibleBuildTests {
    @Test(arguments: [
        ("1700000000", "2023-11-15"),  // 2023-11-14 22:13 UTC is the 15th in China (UTC+8)
        ("1699977599", "2023-11-14"),  // 15:59:59 UTC: one second before midnight in China
        ("1699977600", "2023-11-15"),  // 16:00:00 UTC: midnight in China
        ("0", "1970-01-01"),
    ])
    func epochIsReadAsTheDayInChina(epoch: String, day: String) throws {
        #expect(try BuildOptions.defaultToday(environment: ["SOURCE_DATE_EPOCH": epoch]) == Day(iso: day))
    }

    @Test(.enabled(if: SiteCommandLine.executable != nil, "the `site` executable has not been built"))
    func twoBuildsWithTheSameEpochAreByteIdenticalAndShowItsDate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try InlineSite(InlineSite.base + """

        -- notices/plan.md --
        ---
        title: 某村庭院经济项目计划公示
        publisher: 某村村民委员会
        rule: 测政办发〔2023〕9号#village-plan
        start: 2023-03-20
        ---
        公示内容。
        """, in: folder).root
        // 2023-03-22 02:00 UTC, 10:00 in China: the notice is in its period that day.
        let epoch = ["SOURCE_DATE_EPOCH": "1679450400"]
        var trees: [[String: Data]] = []
        for (name, jobs) in [("first", "1"), ("second", "4")] {
            let output = folder.url.appendingPathComponent(name)
            let result = try RunningSite.run(["build", "--content", content.path, "--theme", Repository.theme.path,
                                              "--output", output.path, "--jobs", jobs], environment: epoch)
            #expect(result.status == 0, "\(result.stderr)")
            trees.append(fileTree(at: output))
        }
        let (first, second) = (trees[0], trees[1])
        #expect(first.count > 20)
        #expect(first.keys.sorted() == second.keys.sorted())
        for (path, data) in first where second[path] != data { Issue.record("\(path) differs between the two builds") }

        let notices = String(decoding: try #require(first["notices/index.html"]), as: UTF8.self)
        #expect(notices.contains("2023年3月22日"), "the build date is shown on the notice board")
        let api = try #require(first["api/v1/notices.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: api) as? [String: Any])
        #expect(json["as_of"] as? String == "2023-03-22")
    }
}

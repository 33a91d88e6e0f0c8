import Foundation
import GazetteModel
import Testing

/// Public notices built by the real pipeline from inline sites.
@Suite struct NoticeTests {
    @Test func periodIsComputedOnWorkingDaysAcrossQingming() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base + """

        -- notices/plan.md --
        ---
        title: 某村庭院经济项目计划公示
        publisher: 某村村民委员会
        rule: 测政办发〔2023〕9号#village-plan
        start: 2023-03-31
        contact: 举报电话：0000
        ---
        公示内容。
        """, in: folder)
        let build = TestBuild(content: site.root, into: folder)
        #expect(build.errors.isEmpty, "\(build.errors)")
        let page = try #require(build.text("notices/plan/index.html"))
        #expect(page.contains("2023年3月31日至2023年4月7日，共5个工作日"))
        #expect(page.contains("2023年4月5日</time>（星期三）清明节"))
        let ics = try #require(build.text("notices/plan/notice.ics"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20230331\r\n"))
        #expect(ics.contains("DTEND;VALUE=DATE:20230408\r\n"), "DTEND is the day after the last day")
        #expect(ics.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 75 }, "lines are folded at 75 octets")
        let policy = try #require(build.text("documents/cszbf-2023-9/index.html"))
        #expect(policy.contains("notices/plan/"), "the policy lists the notices made under its rules")
    }

    @Test func anExplicitEndShorterThanTheRuleFailsTheBuildAtTheEndLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base + """

        -- notices/short.md --
        ---
        title: 公示期过短的公示
        publisher: 某村村民委员会
        rule: 测政办发〔2023〕9号#village-plan
        start: 2023-03-31
        end: 2023-04-06
        ---
        正文。
        """, in: folder)
        let build = TestBuild(content: site.root, into: folder)
        #expect(!build.report.published)
        #expect(build.diagnosticLines.contains {
            $0.hasPrefix("notices/short.md:6:6: error: 公示期过短：2023-03-31 至 2023-04-06 只有 4 个工作日")
        }, "\(build.diagnosticLines)")
    }

    @Test func unknownRulesPoliciesEarlyStartsAndUncoveredDatesAreErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        func notice(_ name: String, rule: String, start: String) -> String {
            "\n-- notices/\(name).md --\n---\ntitle: 公示\npublisher: 某村\nrule: \(rule)\nstart: \(start)\n---\n正文。"
        }
        let site = try InlineSite(InlineSite.base
            + notice("no-rule", rule: "测政办发〔2023〕9号#town-plan", start: "2023-03-20")
            + notice("no-policy", rule: "测政办发〔2023〕99号#village-plan", start: "2023-03-20")
            + notice("too-early", rule: "测政办发〔2023〕9号#village-plan", start: "2023-03-01")
            + notice("uncovered", rule: "测政办发〔2023〕9号#village-plan", start: "2023-12-27"), in: folder)
        let lines = TestBuild(content: site.root, into: folder).diagnosticLines
        #expect(lines.contains { $0.hasPrefix("notices/no-rule.md:4:7: error: “测政办发〔2023〕9号”没有 id 为“town-plan”的公示规则") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("notices/no-policy.md:4:7: error: `rule` 所指的政策文件“测政办发〔2023〕99号”不存在") })
        #expect(lines.contains { $0.hasPrefix("notices/too-early.md:5:8: error: 公示开始日期 2023-03-01 早于政策文件的成文日期 2023-03-08") })
        #expect(lines.contains { $0.hasPrefix("notices/uncovered.md:5:8: error: 无法计算公示期：2024-01-01 不在已载入的节假日安排之内") })
    }
}

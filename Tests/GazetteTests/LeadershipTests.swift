import Foundation
import GazetteModel
import Testing

/// The leadership matrix, from the real seed content and from a two-division fixture.
@Suite struct LeadershipTests {
    @Test func seedMatrixAnswersWhoIsResponsibleForAuditAndHousing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let build = TestBuild(content: Repository.seedContent, into: folder)
        #expect(build.errors.isEmpty)
        #expect(!build.warnings.contains { $0.message.contains("不在 departments.yaml 中") },
                "every unit of the seed resolves through the registry")
        let audit = try #require(build.text("departments/audit/index.html"))
        #expect(audit.contains("分管</span> <a href=\"../../leadership/wang-xiaohuan/\">王晓欢</a>"))
        #expect(audit.contains("协助分管</span> <a href=\"../../leadership/sun-baichuan/\">孙百川</a>"))
        let housing = try #require(build.text("departments/housing-urban-rural/index.html"))
        #expect(housing.contains("协助分管</span> <a href=\"../../leadership/zhao-pengqi/\">赵鹏启</a>"))
        let matrix = try #require(build.text("leadership/index.html"))
        #expect(matrix.occurrences(of: "<th scope=\"col\"><a href=\"../leadership/") == 14, "one column per leader")
        for leader in ["wang-xiaohuan", "sun-baichuan", "yang-guiying"] {
            #expect(build.exists("leadership/\(leader)/index.html"))
        }
        #expect(build.exists("committees/yiwu-jiaoyu/index.html"))
        let people = try #require(build.text("people/index.html"))
        #expect(people.contains("包额尔德木图"), "the liaison of the 专班 is a named person too")
    }

    @Test func aNewerDivisionSupersedesTheOlderOneAndListsWhatChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        // Two SAMPLE divisions, for this test only: in the second, 李四 takes over 审计局 from 张三.
        let site = try InlineSite(InlineSite.base + """

        -- departments.yaml --
        - {id: audit, name: 测试市审计局, aliases: [审计局]}
        - {id: finance, name: 测试市财政局, aliases: [财政局]}
        -- leadership/2023-01-01.yaml --
        source: 测政办发〔2023〕9号
        effective: 2023-01-01
        leaders:
          - {id: zhang-san, name: 张三, post: 市长, duties: 主持全面工作。, oversees: [审计局, 财政局]}
          - {id: li-si, name: 李四, post: 副市长, duties: 协助市长工作。, assists: [zhang-san], liaises: [财政局]}
        -- leadership/2023-06-01.yaml --
        source: 测政办发〔2023〕9号
        effective: 2023-06-01
        leaders:
          - {id: zhang-san, name: 张三, post: 市长, duties: 主持全面工作。, oversees: [财政局]}
          - {id: li-si, name: 李四, post: 副市长, duties: 协助市长工作。, assists: [zhang-san], oversees: [审计局], liaises: [财政局]}
        """, in: folder)
        let build = TestBuild(content: site.root, into: folder)
        #expect(build.errors.isEmpty, "\(build.errors)")
        let old = try #require(build.text("leadership/divisions/2023-01-01/index.html"))
        #expect(old.contains("已被取代"))
        let current = try #require(build.text("leadership/index.html"))
        #expect(current.contains("李四 新增分管 测试市审计局"))
        #expect(current.contains("张三 不再分管 测试市审计局"))
        let audit = try #require(build.text("departments/audit/index.html"))
        #expect(audit.contains(">李四</a>") && !audit.contains(">张三</a>"), "unit pages follow the current division")
    }

    @Test func unknownUnitsAndLeaderIdsWarnDuplicateLeaderIdsAreErrors() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = try InlineSite(InlineSite.base + """

        -- departments.yaml --
        - {id: audit, name: 测试市审计局, aliases: [审计局]}
        -- leadership/2023-01-01.yaml --
        source: 测政办发〔2023〕9号
        effective: 2023-01-01
        leaders:
          - {id: zhang-san, name: 张三, post: 市长, oversees: [审计局, 不存在局]}
          - {id: li-si, name: 李四, post: 副市长, assists: [wang-wu]}
          - {id: li-si, name: 李四, post: 副市长}
        -- committees/group.yaml --
        name: 测试领导小组
        source: 测政办发〔2023〕9号
        established: 2023-01-01
        members:
          - {role: 组长, name: 张三, post: 市长}
          - {role: 成员, name: 张三, post: 市长}
        """, in: folder)
        let lines = TestBuild(content: site.root, into: folder).diagnosticLines
        #expect(lines.contains { $0.hasPrefix("leadership/2023-01-01.yaml:4:57: warning: 单位“不存在局”不在 departments.yaml 中") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("leadership/2023-01-01.yaml:5:38: warning: `assists` 中的领导 id“wang-wu”未在本文件中定义") })
        #expect(lines.contains { $0.hasPrefix("leadership/2023-01-01.yaml:6:6: error: 领导 `id`“li-si”重复") })
        #expect(lines.contains { $0.hasPrefix("committees/group.yaml:6:16: warning: “张三”在 `members` 中出现两次") })
    }
}

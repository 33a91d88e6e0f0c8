import Foundation

/// A content tree written inline, Hugo-style:
///
///     -- site.yaml --
///     title: …
///     -- issues/2023-01/issue.yaml --
///     …
///
/// so a test shows the whole site it builds.
struct InlineSite {
    let root: URL

    /// Writes the files of `tree` below `folder/content`.
    init(_ tree: String, in folder: TemporaryFolder) throws {
        root = folder.url.appendingPathComponent("content")
        var path: String?
        var lines: [Substring] = []
        func flush() throws {
            guard let path else { return }
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        for line in tree.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                try flush()
                path = String(line.dropFirst(3).dropLast(3))
                lines = []
            } else {
                lines.append(line)
            }
        }
        try flush()
    }

    /// The smallest valid site: one issue, one policy with a five-working-day notice rule,
    /// and the 2023 calendar; tests append the files they are about.
    static let base = """
    -- site.yaml --
    title: 测试市人民政府公报
    publisher: 测试市人民政府办公室
    base_url: https://example.gov.cn/
    issuer_codes: {测政办发: cszbf}
    -- issues/2023-01/issue.yaml --
    year: 2023
    number: 1
    total: 1
    published: 2023-03-29
    printed_by: 测试市人民政府办公室
    sections: [政府办公室文件]
    -- issues/2023-01/policy.md --
    ---
    kind: document
    number: 测政办发〔2023〕9号
    title: 关于印发庭院经济实施方案的通知
    issuer: 测试市人民政府办公室
    date: 2023-03-08
    section: 政府办公室文件
    page: 1
    notice_rules:
      - id: village-plan
        name: 村级计划公示
        working_days: 5
        quote: 公示5个工作日
    ---
    经村民代表大会审议同意后进行公示5个工作日。
    -- calendar/2023.yaml --
    year: 2023
    source: 国务院办公厅关于2023年部分节假日安排的通知
    holidays:
      - {name: 春节, from: 2023-01-21, to: 2023-01-27}
      - {name: 清明节, from: 2023-04-05, to: 2023-04-05}
    workdays: [2023-01-28, 2023-01-29]
    """
}

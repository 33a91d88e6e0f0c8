import Foundation
@testable import GazetteBuild
import GazetteModel
import Testing

/// The build cache: unchanged files are reused, changed inputs invalidate exactly their pages,
/// and a cached build is byte-identical to a clean one.
@Suite struct IncrementalBuildTests {
    private func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    private func build(_ content: URL, _ theme: URL, _ output: URL, jobs: Int = 2) -> BuildReport {
        SiteBuilder(options: BuildOptions(contentRoot: content, themeRoot: theme, outputRoot: output,
                                          today: fixedToday, jobs: jobs), log: { _ in }).build()
    }

    @Test func aSecondBuildRewritesNothingAndATemplateChangeRedrawsOnlyItsPages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let theme = folder.url.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: Repository.theme, to: theme)
        let output = folder.url.appendingPathComponent("public")

        let first = build(Repository.seedContent, theme, output)
        #expect(first.published && first.reusedCount == 0)
        let documentPage = output.appendingPathComponent("documents/azbf-2023-9/index.html")
        let noticePage = output.appendingPathComponent("notices/xikou-village-plan-2023/index.html")
        let documentInode = inode(documentPage), noticeInode = inode(noticePage)

        let second = build(Repository.seedContent, theme, output)
        #expect(second.reusedCount == second.fileCount, "nothing changed, so nothing is written again")
        #expect(inode(documentPage) == documentInode, "an unchanged file keeps its inode: it was not rewritten")

        let template = theme.appendingPathComponent("templates/notice.mustache")
        try (String(contentsOf: template, encoding: .utf8) + "<!-- changed -->\n").write(to: template, atomically: true, encoding: .utf8)
        let third = build(Repository.seedContent, theme, output)
        #expect(third.fileCount - third.reusedCount == 4, "exactly the four notice pages use notice.mustache")
        #expect(inode(documentPage) == documentInode)
        #expect(inode(noticePage) != noticeInode)
    }

    @Test func cachedAndCleanBuildsAreByteIdenticalAcrossJobCounts() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let cached = folder.url.appendingPathComponent("cached/public")
        let clean = folder.url.appendingPathComponent("clean/public")
        _ = build(Repository.seedContent, Repository.theme, cached, jobs: 2)
        _ = build(Repository.seedContent, Repository.theme, cached, jobs: 2)
        let report = build(Repository.seedContent, Repository.theme, clean, jobs: 1)
        #expect(report.reusedCount == 0)
        let a = fileTree(at: cached), b = fileTree(at: clean)
        #expect(a.count == b.count && a.count > 100)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a where b[path] != data { Issue.record("\(path) differs between cached and clean builds") }
    }
}

/// The cache trusts equal hashes of a file's bytes: any change to them, in a whole word, in the tail or in
/// the length alone, must change the hash.
@Test func aChangedFileNeverKeepsItsHash() {
    func hash(_ bytes: [UInt8]) -> String {
        var h = ContentHash()
        h.add(data: Data(bytes))
        return h.hex
    }
    let base = Array("{\"title\":\"关于印发阿尔山市庭院经济实施方案的通知\",\"number\":\"阿政办发〔2023〕9号\"}".utf8)
    #expect(hash(base) == hash(base))
    var hashes: Set<String> = [hash(base), hash([]), hash(base + [0]), hash([0] + base), hash(Array(base.dropLast()))]
    for i in [0, 7, 8, 15, base.count - 1] {
        var changed = base
        changed[i] ^= 0x01
        hashes.insert(hash(changed))
    }
    #expect(hashes.count == 10)
}

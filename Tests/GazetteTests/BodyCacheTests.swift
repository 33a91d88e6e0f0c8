import Foundation
@testable import GazetteBuild
import GazetteContent
import GazetteModel
import GazetteParallel
import GazetteRender
import Testing

/// A body taken from the cache is read from its record's first bytes, its HTML and text left in the file
/// until they are shown: what it shows must be what rendering gave, however long its head, and the texts
/// must stay readable after the cache file is written afresh under them.
struct BodyCacheTests {
    private func render(_ text: String, path: String) -> (key: BodyCache.Key, body: RenderedBody, findings: Diagnostics) {
        let source = MarkdownBody(text: text, firstLine: 8, path: path)
        var findings = Diagnostics()
        let body = Markdown.render(source, diagnostics: &findings)
        return (BodyCache.key(source), body, findings)
    }

    private func expectSame(_ kept: (body: RenderedBody, findings: Diagnostics)?, _ made: (key: BodyCache.Key, body: RenderedBody, findings: Diagnostics)) {
        #expect(kept?.body.html == made.body.html)
        #expect(kept?.body.text == made.body.text)
        #expect(kept?.body.attachments.map { [$0.label, $0.title, $0.anchor, $0.html] } == made.body.attachments.map { [$0.label, $0.title, $0.anchor, $0.html] })
        #expect(kept?.body.tables.map(\.table.rows) == made.body.tables.map(\.table.rows))
        #expect(kept?.body.links.map(\.url) == made.body.links.map(\.url))
        #expect(kept?.findings.all == made.findings.all)
    }

    @Test func bodiesFromTheCacheShowWhatRenderingGave() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("public.bodies")
        // A plain body; one with a finding, a table and a link; one whose 60 attachments make a head far
        // longer than the bytes read first.
        let attachments = (1...60).map { "# 附件\($0) 第\($0)项实施细则的较长标题，用于撑大记录头部\n\n附件\($0)正文。" }.joined(separator: "\n\n")
        let made = [
            render("第一段。\n\n第二段，含“引号”。", path: "issues/2023-01/a.md"),
            render("**公示报备**。\n\n<div>块</div>\n\n```table 表一\n项目,金额\n甲,1\n```\n\n[链接](/documents/x/)", path: "issues/2023-01/b.md"),
            render("正文。\n\n" + attachments, path: "issues/2023-01/c.md"),
        ]
        #expect(made[1].findings.all.count >= 1 && !made[1].body.tables.isEmpty)
        #expect(made[2].body.attachments.count == 60)
        let first = BodyCache(file: file)
        #expect(made.allSatisfy { first.body($0.key) == nil })
        first.store(made)

        let second = BodyCache(file: file)
        let kept = made.map { second.body($0.key) }
        #expect(second.hits == 3)
        for (kept, made) in zip(kept, made) { expectSame(kept, made) }
    }

    /// A cache file no longer in memory (another program's run pushed it out) is told apart from one that is
    /// (where the file system lets its pages go: not on tmpfs), and its bodies come back the same. (That
    /// it is then read ahead is a matter of time, measured in docs/benchmarks.md.)
    @Test func aCacheNoLongerInMemoryReadsBackTheSameBodies() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("public.bodies")
        let made = (1...40).map { n in
            render(String(repeating: "第\(n)件的正文，用于撑大缓存文件。", count: 200), path: "issues/2023-01/\(n).md")
        }
        BodyCache(file: file).store(made)
        func mapped() throws -> MappedFile { try #require(OpenFile(path: file.path).flatMap(MappedFile.init)) }
        #expect(try mapped().residentShare() == 1, "a file just written is in memory")
        // Written to disk, then its pages let go (where the file system keeps pages apart from memory, as ext4).
        let fd = open(file.path, O_RDONLY)
        fsync(fd)
        posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
        close(fd)
        let share = try mapped().residentShare()
        if share < 1 { #expect(share < 0.5, "a file let go is told apart") }

        let cache = BodyCache(file: file)
        for made in made { expectSame(cache.body(made.key), made) }
        #expect(cache.hits == made.count)
    }

    @Test func textsTakenFromTheCacheStayReadableWhenItIsWrittenAfresh() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("public.bodies")
        let long = String(repeating: "本段文字用于使缓存中不再使用的记录超过一兆字节。", count: 30_000)
        let used = render("仍在使用的正文。", path: "issues/2023-01/a.md")
        let gone = render(long, path: "issues/2023-01/b.md")
        let first = BodyCache(file: file)
        first.store([gone, used])  // the long one first, so the written-afresh file holds the other elsewhere

        // Only one small body is taken: the next store writes the file afresh without the long one.
        let second = BodyCache(file: file)
        let taken = try #require(second.body(used.key))
        let sizeBefore = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        let added = render("新的正文。", path: "issues/2023-01/c.md")
        second.store([added])
        let sizeAfter = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        #expect(sizeAfter < sizeBefore / 10, "the file was written afresh without the long body")
        // The text taken before is read now, from the file the build had open.
        expectSame(taken, used)

        let third = BodyCache(file: file)
        expectSame(third.body(used.key), used)
        expectSame(third.body(added.key), added)
        #expect(third.body(gone.key) == nil)
    }
}

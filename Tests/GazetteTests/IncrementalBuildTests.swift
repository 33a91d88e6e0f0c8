import Foundation
@testable import GazetteBuild
import GazetteParallel
import GazetteModel
import GazetteContent
import Testing

/// The build cache: unchanged files are reused, changed inputs invalidate exactly their pages,
/// and a cached build is byte-identical to a clean one.
@Suite struct IncrementalBuildTests {
    private func inode(_ url: URL) -> UInt64? {
        var info = stat()
        return stat(url.path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    private func build(_ content: URL, _ theme: URL, _ output: URL, jobs: Int = 2, today: Day = fixedToday) -> BuildReport {
        SiteBuilder(options: BuildOptions(contentRoot: content, themeRoot: theme, outputRoot: output,
                                          today: today, jobs: jobs), log: { _ in }).build()
    }

    private func renderDetail(_ report: BuildReport) -> String {
        report.stages.first { $0.name == "render" }?.detail ?? ""
    }

    /// A copy of the repository's theme in `folder`, for tests that edit it.
    private func copiedTheme(in folder: TemporaryFolder) throws -> URL {
        let theme = folder.url.appendingPathComponent("theme")
        try FileManager.default.copyItem(at: Repository.theme, to: theme)
        return theme
    }

    /// Builds `content` afresh into `folder`/clean and expects `output`, a rebuilt site, to hold exactly its files.
    private func expectSameAsClean(_ content: URL, _ theme: URL, _ output: URL, in folder: TemporaryFolder, _ when: String) {
        let clean = folder.url.appendingPathComponent("clean/public")
        try? FileManager.default.removeItem(at: clean.deletingLastPathComponent())
        _ = build(content, theme, clean)
        let a = fileTree(at: output), b = fileTree(at: clean)
        #expect(a.keys.sorted() == b.keys.sorted(), "\(when)")
        for (path, data) in a where b[path] != data { Issue.record("\(when): \(path) differs between the rebuilt and the clean site") }
    }

    private func append(_ text: String, to file: URL) throws {
        try (String(contentsOf: file, encoding: .utf8) + text).write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func aSecondBuildRewritesNothingAndATemplateChangeRedrawsOnlyItsPages() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let theme = try copiedTheme(in: folder)
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
        try append("<!-- changed -->\n", to: template)
        let third = build(Repository.seedContent, theme, output)
        #expect(third.fileCount - third.reusedCount == 4, "exactly the four notice pages use notice.mustache")
        #expect(inode(documentPage) == documentInode)
        #expect(inode(noticePage) != noticeInode)
    }

    /// The cache file reads back what was written, paths with spaces and all; a file cut short or of
    /// another format is no cache (a full build follows), never a wrong one.
    @Test func theCacheFileReadsBackWhatWasWrittenAndRejectsATornOne() throws {
        let files = ["index.html": BuildCache.Entry(key: "ab12", size: 5628),
                     "documents/a b/index.html": BuildCache.Entry(key: "cd34", size: 0)]
        let steps = ["search": BuildCache.Step(key: "ef56", files: ["search/meta.json", "search/t/0.gz"]),
                     "open-data": BuildCache.Step(key: "0a1b", files: ["api/v1/index.json"], note: #"{"files":[]}"#)]
        let data = CacheFile.write(files: files, steps: steps)
        let read = try #require(CacheFile.read(data))
        #expect(read.files == files)
        #expect(read.steps == steps)
        #expect(CacheFile.read(data.dropLast(3)) == nil, "cut short")
        let text = String(decoding: data, as: UTF8.self)
        #expect(CacheFile.read(Data(text.replacingOccurrences(of: "search/t/0.gz\n", with: "").utf8)) == nil,
                "a step missing one of its files")
        #expect(CacheFile.read(Data("{\"files\": {}}".utf8)) == nil, "the JSON of earlier versions")
    }

    /// Pages are drawn as soon as their contexts are made, before the rest of the site: a theme without
    /// one of its templates must still fail the build, with one error per missing template, and leave the
    /// published site as it was.
    @Test func aMissingTemplateFailsTheBuildOnceAndKeepsTheLastGoodSite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let theme = try copiedTheme(in: folder)
        let output = folder.url.appendingPathComponent("public")
        #expect(build(Repository.seedContent, theme, output).published)
        let before = fileTree(at: output)

        for name in ["notice", "downloads"] {
            try FileManager.default.removeItem(at: theme.appendingPathComponent("templates/\(name).mustache"))
        }
        let broken = build(Repository.seedContent, theme, output)
        #expect(!broken.published)
        let errors = broken.diagnostics.sorted.filter { $0.severity == .error }.map(\.message)
        #expect(errors == ["主题缺少模板 downloads.mustache", "主题缺少模板 notice.mustache"], "\(errors)")
        #expect(fileTree(at: output) == before, "the last good site is untouched")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(siblings == [".gazette-cache", "public", "theme"], "no staging folder is left")
    }

    /// The search index depends only on what it indexes: a template change keeps it whole, a changed body
    /// updates the files it is in, and the rebuilt site equals a clean build of the changed content.
    @Test func theSearchIndexIsRebuiltOnlyWhenWhatItIndexesChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repository.seedContent, to: content)
        let theme = try copiedTheme(in: folder)
        let output = folder.url.appendingPathComponent("site/public")
        _ = build(content, theme, output)
        func searchInodes() -> [String: UInt64] {
            let folder = output.appendingPathComponent("search")
            return fileTree(at: folder).keys.reduce(into: [:]) { $0[$1] = inode(folder.appendingPathComponent($1)) }
        }
        let first = searchInodes()
        #expect(first.count > 10)

        let template = theme.appendingPathComponent("templates/document.mustache")
        try append("<!-- changed -->\n", to: template)
        let afterTemplate = build(content, theme, output)
        #expect(afterTemplate.published)
        #expect(searchInodes() == first, "a template change keeps every file of the index")
        #expect(renderDetail(afterTemplate).contains("search index unchanged"),
                "and the index is not built again")

        let document = content.appendingPathComponent("issues/2023-01/azbf-2023-7.md")
        try append("\n新增一句用于检验索引重建的正文。\n", to: document)
        let afterBody = build(content, theme, output)
        #expect(afterBody.published)
        #expect(renderDetail(afterBody).hasSuffix("(search index updated)"), "\(renderDetail(afterBody))")
        #expect(!renderDetail(afterBody).contains("open data"), "a changed body makes the open data again")
        let rebuilt = searchInodes()
        #expect(rebuilt.keys.sorted() == first.keys.sorted())
        #expect(rebuilt.contains { first[$0.key] != $0.value }, "a changed body rewrites the index's files it is in")
        #expect(rebuilt.filter { first[$0.key] == $0.value }.count > rebuilt.count / 2, "and keeps the others")
        func expectSameAsClean(_ when: String) {
            self.expectSameAsClean(content, theme, output, in: folder, when)
            #expect(fileTree(at: output).keys.contains { $0.hasPrefix("search/") && $0 != "search/index.html" })
        }
        expectSameAsClean("after one body changed")

        // A second update appends its texts to the first's.
        try append("\n再增一句。\n", to: content.appendingPathComponent("issues/2023-01/azf-2023-3.md"))
        #expect(renderDetail(build(content, theme, output)).hasSuffix("(search index updated)"))
        expectSameAsClean("after a second update")

        // A published file of the index edited by hand is not patched as if it were the build's: the index is
        // built in full.
        let shard = try #require(fileTree(at: output).keys.sorted().first { $0.hasPrefix("search/t/") })
        try Data("edited by hand".utf8).write(to: output.appendingPathComponent(shard))
        try append("\n三增一句。\n", to: document)
        let afterHandEdit = build(content, theme, output)
        #expect(afterHandEdit.published)
        #expect(renderDetail(afterHandEdit).hasSuffix("data files"), "\(renderDetail(afterHandEdit))")
        expectSameAsClean("after a shard was edited by hand")
    }

    /// What the site key covers: everything but the bodies of documents and interpretations, so that a body edit
    /// keeps it and any other edit changes it.
    @Test func theSiteKeyChangesWithEverythingButAnEntrysBody() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repository.seedContent, to: content)
        func key(today: Day = fixedToday) -> String {
            var diagnostics = Diagnostics()
            let sources = ContentSources.load(root: content, diagnostics: &diagnostics)
            return SiteBuilder.siteKey(sources, today: today)
        }
        let entry = content.appendingPathComponent("issues/2023-01/azbf-2023-7.md")
        let original = key()
        try append("\n正文新增一句。\n", to: entry)
        #expect(key() == original, "a body edit keeps the site key")
        #expect(key(today: Day(iso: "2026-11-30")!) != original, "the build date is part of the site")

        let text = try String(contentsOf: entry, encoding: .utf8)
        try text.replacingOccurrences(of: "\n---\n", with: "\n# 注释\n---\n", options: [], range: text.range(of: "\n---\n"))
            .write(to: entry, atomically: true, encoding: .utf8)
        #expect(key() != original, "a front-matter line moves the body's first line: the site changes")
        try text.write(to: entry, atomically: true, encoding: .utf8)
        #expect(key() == original)

        let notices = content.appendingPathComponent("notices")
        let notice = try #require(FileManager.default.contentsOfDirectory(atPath: notices.path).sorted().first)
        try append("\n公示正文新增一句。\n", to: notices.appendingPathComponent(notice))
        #expect(key() != original, "a notice is part of the site, body and all")
    }

    /// A document's page is made only when the site or its own body changed: after a body edit no other
    /// document's or interpretation's page is made or written, and after a title edit every page that shows
    /// the title is; each time the site equals a clean build.
    @Test func aBodyEditRedrawsOnlyItsDocumentsPageAndATitleEditEveryPageShowingIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repository.seedContent, to: content)
        let output = folder.url.appendingPathComponent("site/public")
        _ = build(content, Repository.theme, output)
        func entryPages() -> [String: UInt64] {
            fileTree(at: output).keys.filter { ($0.hasPrefix("documents/") || $0.hasPrefix("interpretations/")) && $0.hasSuffix("/index.html") && $0.split(separator: "/").count == 3 }
                .reduce(into: [:]) { $0[$1] = inode(output.appendingPathComponent($1)) }
        }
        func expectSameAsClean(_ when: String) { self.expectSameAsClean(content, Repository.theme, output, in: folder, when) }
        func apiFiles() -> [String: UInt64] {
            fileTree(at: output).keys.filter { $0.hasPrefix("api/") }
                .reduce(into: [:]) { $0[$1] = inode(output.appendingPathComponent($1)) }
        }
        let before = entryPages()
        let apiBefore = apiFiles()
        #expect(before.count == 10, "the seed has eight documents and two interpretations")

        try append("\n新增一句用于检验页面重绘的正文。\n", to: content.appendingPathComponent("issues/2023-01/azbf-2023-7.md"))
        #expect(build(content, Repository.theme, output).published)
        let afterBody = entryPages()
        let redrawn = afterBody.filter { before[$0.key] != $0.value }.keys.sorted()
        #expect(redrawn == ["documents/azbf-2023-7/index.html"], "\(redrawn)")
        // The lists and the other items' files are kept by the site's key, which a body edit leaves as it was.
        let rewritten = apiFiles().filter { apiBefore[$0.key] != $0.value }.keys.sorted()
        #expect(rewritten == ["api/v1/documents/azbf-2023-7.json"], "\(rewritten)")
        expectSameAsClean("after a body edit")

        // The title of azf-2023-3 is shown on its own page and its neighbours' (上一篇, 下一篇).
        let file = content.appendingPathComponent("issues/2023-01/azf-2023-3.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "title: 阿尔山市人民政府关于调整政府市长、副市长工作分工的通知",
                                      with: "title: 阿尔山市人民政府关于调整市长、副市长工作分工的通知")
            .write(to: file, atomically: true, encoding: .utf8)
        let apiBeforeTitle = apiFiles()
        #expect(build(content, Repository.theme, output).published)
        let rewrittenForTitle = Set(apiFiles().filter { apiBeforeTitle[$0.key] != $0.value }.keys)
        #expect(rewrittenForTitle.isSuperset(of: ["api/v1/documents.json", "api/v1/documents/azf-2023-3.json"]),
                "\(rewrittenForTitle.sorted())")
        expectSameAsClean("after a title edit")
    }

    /// The theme's assets are listed in the cache with the site's files, so that an asset taken out of the
    /// theme (a whole folder of them too) goes from the published site when it is updated in place.
    @Test func anAssetTakenOutOfTheThemeGoesFromThePublishedSite() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let theme = try copiedTheme(in: folder)
        let output = folder.url.appendingPathComponent("public")
        #expect(build(Repository.seedContent, theme, output).published)
        let extra = theme.appendingPathComponent("assets/extra.css"), old = theme.appendingPathComponent("assets/old")
        try "a {}".write(to: extra, atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        try "b {}".write(to: old.appendingPathComponent("x.css"), atomically: false, encoding: .utf8)
        #expect(build(Repository.seedContent, theme, output).published)
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/old/x.css").path))
        #expect(build(Repository.seedContent, theme, output).published, "the published folders noted")

        try FileManager.default.removeItem(at: extra)
        try FileManager.default.removeItem(at: old)
        let after = build(Repository.seedContent, theme, output)
        #expect(after.published && after.reusedCount > 0, "updated in place")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/extra.css").path))
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("assets/old").path))
        expectSameAsClean(Repository.seedContent, theme, output, in: folder, "after the assets went")
    }

    /// A rebuild reads only the entry files whose `stat` changed (`KnownFiles`), takes the others' front
    /// matter and bodies from the caches, and still equals a clean build; without the body cache it reads the
    /// unread files' bodies from disk and renders them again.
    @Test func aRebuildReadsOnlyTheEntryFilesThatChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repository.seedContent, to: content)
        // A file changed within a second of a build is read again by the next one: let the copies age.
        Thread.sleep(forTimeInterval: 2.1)
        let output = folder.url.appendingPathComponent("site/public")
        func load(_ report: BuildReport) -> String { report.stages.first { $0.name == "load" }?.detail ?? "" }
        func expectSameAsClean(_ when: String) { self.expectSameAsClean(content, Repository.theme, output, in: folder, when) }
        let first = build(content, Repository.theme, output)
        #expect(first.published && !load(first).contains("not read"), "\(load(first))")
        let second = build(content, Repository.theme, output)
        #expect(load(second).hasSuffix("(10 unchanged, not read)"), "\(load(second))")
        #expect(second.reusedCount == second.fileCount)

        try append("\n新增一句用于检验只读改动文件的正文。\n", to: content.appendingPathComponent("issues/2023-01/azbf-2023-7.md"))
        let third = build(content, Repository.theme, output)
        #expect(third.published && load(third).hasSuffix("(9 unchanged, not read)"), "\(load(third))")
        expectSameAsClean("after a body edit, nine files not read")

        try FileManager.default.removeItem(at: BuildCache.file(for: output, "bodies"))
        try append("\n再加一句。\n", to: content.appendingPathComponent("issues/2023-01/azf-2023-3.md"))
        let fourth = build(content, Repository.theme, output)
        #expect(fourth.published && load(fourth).hasSuffix("(8 unchanged, not read)"), "\(load(fourth))")
        expectSameAsClean("with the bodies of unread files rendered from disk")
    }

    /// The open data depends on the content and the build date alone: a theme edit keeps all of it, with
    /// the downloads page drawn from the kept manifest, and the site equals a clean build; a new date
    /// (notice status is as of the build date) makes it again.
    @Test func theOpenDataIsKeptWholeWhenOnlyTheThemeChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let theme = try copiedTheme(in: folder)
        let output = folder.url.appendingPathComponent("site/public")
        #expect(renderDetail(build(Repository.seedContent, theme, output)).hasSuffix("data files"))

        for (file, addition) in [("templates/downloads.mustache", "<!-- changed -->\n"), ("assets/site.css", "/* changed */\n")] {
            let url = theme.appendingPathComponent(file)
            try append(addition, to: url)
        }
        let afterTheme = build(Repository.seedContent, theme, output)
        #expect(afterTheme.published)
        #expect(renderDetail(afterTheme).hasSuffix("(open data and search index unchanged)"), "\(renderDetail(afterTheme))")
        let clean = folder.url.appendingPathComponent("clean/public")
        _ = build(Repository.seedContent, theme, clean)
        let a = fileTree(at: output), b = fileTree(at: clean)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a where b[path] != data { Issue.record("\(path) differs between the rebuilt and the clean site") }
        let sums = String(decoding: a["downloads/SHA256SUMS"] ?? Data(), as: UTF8.self)
        let archiveSum = try #require(sums.split(separator: "\n").first { $0.hasSuffix("gazette-data.zip") }?.prefix(64))
        #expect(String(decoding: a["downloads/index.html"] ?? Data(), as: UTF8.self).contains(String(archiveSum)),
                "the downloads page, drawn from the kept manifest, shows the archive's checksum")

        let nextDay = build(Repository.seedContent, theme, output, today: Day(iso: "2026-11-30")!)
        #expect(nextDay.published)
        #expect(!renderDetail(nextDay).contains("open data"), "\(renderDetail(nextDay))")
    }

    /// Bodies come from the cache when their Markdown is unchanged, with the findings rendering them gave:
    /// a rebuild reports what a clean build reports and publishes the same bytes, even when the cache file
    /// was torn by a build killed while appending to it.
    @Test func bodiesAreTakenFromTheCacheWithTheirFindings() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repository.seedContent, to: content)
        let document = content.appendingPathComponent("issues/2023-01/azbf-2023-7.md")
        try append("\n**公示报备。**镇政府于公示结束后报备。\n", to: document)
        let output = folder.url.appendingPathComponent("site/public")
        let first = build(content, Repository.theme, output)
        let bold = first.diagnostics.all.filter { $0.message.contains("加粗标记") }
        #expect(bold.count == 1, "the seed with one bold mark that does not take: \(bold)")
        let bodies = folder.url.appendingPathComponent("site/.gazette-cache/public.bodies")
        let stored = try Data(contentsOf: bodies)

        try append("\n新增一句。\n", to: content.appendingPathComponent("issues/2023-01/azf-2023-3.md"))
        let second = build(content, Repository.theme, output)
        #expect(second.diagnostics.all == first.diagnostics.all, "a body from the cache reports its findings again")
        let grown = try Data(contentsOf: bodies)
        #expect(grown.count > stored.count && grown.prefix(stored.count) == stored,
                "the one changed body is appended; the others are not written again")

        // A torn last record (a build killed while appending) is cut off, not read, and the build is right.
        try grown.dropLast(5).write(to: bodies)
        try append("\n再增一句。\n", to: document)
        let third = build(content, Repository.theme, output)
        #expect(third.published)
        let clean = folder.url.appendingPathComponent("clean/public")
        let cleanReport = build(content, Repository.theme, clean)
        #expect(third.diagnostics.all == cleanReport.diagnostics.all)
        let a = fileTree(at: output), b = fileTree(at: clean)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, data) in a where b[path] != data { Issue.record("\(path) differs between the rebuilt and the clean site") }
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

import Foundation
@testable import GazetteContent
import GazetteModel
import GazetteParallel
import GazetteRender
import Testing

/// A rebuild knows the entry files whose `stat` is unchanged (`KnownFiles`) without reading them: what it
/// takes for them must be what reading them gives, a changed file must be read, and a file that may have
/// changed unseen (just before the build, or whose text is not its bytes) must never be trusted.
@Suite struct KnownFilesTests {
    /// A copy of the seed content, to edit.
    private func copiedSeed(in folder: TemporaryFolder) throws -> URL {
        let content = folder.url.appendingPathComponent("content")
        try FileManager.default.copyItem(at: Repository.seedContent, to: content)
        return content
    }

    /// Loads `content` as a build does, reading starting `after` seconds from now (a start in the future
    /// makes every file old enough to be known again by its `stat`).
    private func load(_ content: URL, known: KnownFiles?, after seconds: Int = 10) -> ContentSources {
        var start = StatSignature.now()
        start.tv_sec += seconds
        var diagnostics = Diagnostics()
        let sources = ContentSources.load(root: content, known: known, start: start, diagnostics: &diagnostics)
        #expect(!diagnostics.hasErrors)
        return sources
    }

    private func saved(_ sources: ContentSources, in folder: TemporaryFolder, generator: String = "test") -> KnownFiles {
        let file = folder.url.appendingPathComponent("cache/public.files")
        KnownFiles.save(sources, to: file, generator: generator)
        return KnownFiles(file: file, generator: "test")
    }

    private func site(_ sources: ContentSources, entries: EntryCache? = nil) -> Site? {
        var diagnostics = Diagnostics()
        return SiteResolver.resolve(sources, today: fixedToday, entries: entries, diagnostics: &diagnostics)
    }

    @Test func unchangedFilesAreNotReadAndResolveToWhatReadingThemGives() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try copiedSeed(in: folder)
        let read = load(content, known: nil)
        #expect(read.entryFiles.count == 10 && read.entryFiles.allSatisfy { $0.text != nil })

        let known = saved(read, in: folder)
        let again = load(content, known: known)
        #expect(again.entryFiles.allSatisfy { $0.text == nil }, "no entry file is read again")
        #expect(again.entryFiles.map(\.digest) == read.entryFiles.map(\.digest))

        // Through the entry cache, as a build takes them: the bodies are read from the files when asked for.
        let entries = EntryCache(file: folder.url.appendingPathComponent("cache/public.entries"), generator: "test")
        let fresh = try #require(site(read, entries: entries))
        entries.save()
        let kept = EntryCache(file: folder.url.appendingPathComponent("cache/public.entries"), generator: "test")
        let fromKnown = try #require(site(again, entries: kept))
        #expect(kept.hits == 10)
        #expect(fromKnown.documents == fresh.documents, "fields and bodies (compared by their Markdown)")
        #expect(fromKnown.interpretations == fresh.interpretations)
        #expect(fromKnown.documents.map(\.body.digest) == fresh.documents.map(\.body.digest))
        // And without a cache the unread files are read when decoded.
        #expect(try #require(site(again)).documents == fresh.documents)

        // Another executable's file is not trusted.
        #expect(load(content, known: saved(read, in: folder, generator: "other")).entryFiles.allSatisfy { $0.text != nil })
    }

    @Test func aChangedFileIsReadAgainAndTheOthersAreNot() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try copiedSeed(in: folder)
        let known = saved(load(content, known: nil), in: folder)
        let edited = content.appendingPathComponent("issues/2023-01/azbf-2023-7.md")
        try (String(contentsOf: edited, encoding: .utf8) + "\n新增一句。\n").write(to: edited, atomically: false, encoding: .utf8)
        let renamed = content.appendingPathComponent("issues/2023-01/azbf-2023-9.md")
        // Put back by a tool that writes a new file with the old one's size and modification time and renames
        // it over the old one: only the inode (and its change time) tell.
        let copy = folder.url.appendingPathComponent("copy.md")
        try FileManager.default.copyItem(at: renamed, to: copy)
        var info = stat()
        #expect(stat(renamed.path, &info) == 0)
        var times = [info.st_atim, info.st_mtim]
        #expect(utimensat(AT_FDCWD, copy.path, &times, 0) == 0)
        #expect(rename(copy.path, renamed.path) == 0)

        let again = load(content, known: known)
        let read = again.entryFiles.filter { $0.text != nil }.map(\.relativePath)
        #expect(read == ["issues/2023-01/azbf-2023-7.md", "issues/2023-01/azbf-2023-9.md"], "\(read)")
        let body = try #require(again.entryFiles.first { $0.relativePath.hasSuffix("azbf-2023-7.md") }).body
        #expect(body.text.hasSuffix("新增一句。\n"))
    }

    @Test func filesChangedJustBeforeTheBuildAndFilesWhoseTextIsNotTheirBytesAreReadAgain() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try copiedSeed(in: folder)
        // Copied a moment ago: within a second of reading, a second change could leave the same `stat`.
        let justNow = load(content, known: nil, after: 0)
        #expect(load(content, known: saved(justNow, in: folder)).entryFiles.allSatisfy { $0.text != nil })

        let file = content.appendingPathComponent("issues/2023-01/azbf-2023-7.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: file)
        let known = saved(load(content, known: nil), in: folder)
        let again = load(content, known: known)
        #expect(again.entryFiles.filter { $0.text != nil }.map(\.relativePath) == ["issues/2023-01/azbf-2023-7.md"],
                "a CRLF file is read with its line ends changed, so its digests are not of its bytes")
    }

    @Test func aFileChangedAfterItWasLookedAtIsAnErrorNotAMixedPage() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let content = try copiedSeed(in: folder)
        let again = load(content, known: saved(load(content, known: nil), in: folder))
        let entry = try #require(again.entryFiles.first { $0.relativePath.hasSuffix("azbf-2023-7.md") })
        #expect(entry.text == nil && entry.body.markdown != nil)

        let file = content.appendingPathComponent("issues/2023-01/azbf-2023-7.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "。", with: "；").write(to: file, atomically: false, encoding: .utf8)
        #expect(entry.body.markdown == nil, "the body is no longer what its digest was taken of")
        var diagnostics = Diagnostics()
        _ = Markdown.render(entry.body, diagnostics: &diagnostics)
        #expect(diagnostics.all.filter { $0.severity == .error }.map(\.message) == [MarkdownBody.changedWhileBuilding])
        #expect(diagnostics.all.first?.location.path == entry.displayPath)
        var decoding = Diagnostics()
        #expect(entry.contentFile(diagnostics: &decoding) == nil)
        #expect(decoding.all.map(\.message) == [MarkdownBody.changedWhileBuilding])
    }
}

import Foundation
import Testing
@testable import GazetteBuild
import GazetteParallel

/// Putting a build's files in place: a rebuild with few changes updates the published folder in place
/// (kept files untouched, changed files renamed over the old, files the site no longer has removed,
/// with any folder left empty); a rebuild with many swaps the whole folder. Either way the published
/// folder ends up holding exactly the build's files, and nothing is left beside it.
@Suite("Output tree")
struct OutputTreeTests {
    private func inode(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
    }

    private func publish(_ destination: URL, inPlaceLimit: Int = OutputTree.defaultInPlaceLimit,
                         write: [String: String], keep: [String] = []) throws {
        let tree = try OutputTree(destination: destination, inPlaceLimit: inPlaceLimit)
        for (path, text) in write { try tree.write(text, to: path) }
        for path in keep {
            let size = try #require(try FileManager.default.attributesOfItem(atPath: destination.appendingPathComponent(path).path)[.size] as? Int)
            #expect(tree.reusePublished(path, size: size), "\(path) is kept")
        }
        try tree.commit()
    }

    private func contents(_ destination: URL) -> [String: String] {
        fileTree(at: destination).mapValues { String(decoding: $0, as: UTF8.self) }
    }

    private func leftovers(beside destination: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: destination.deletingLastPathComponent().path)
            .filter { $0 != destination.lastPathComponent }
    }

    @Test(arguments: [OutputTree.defaultInPlaceLimit, 0])
    func aRebuildLeavesExactlyItsFiles(inPlaceLimit: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("public")
        try publish(site, write: ["index.html": "首页", "documents/a/index.html": "甲", "documents/b/index.html": "乙",
                                  "old/file.txt": "旧"])
        let kept = inode(site.appendingPathComponent("index.html").path)
        // Put there by hand: the published folder is the build's output, nothing else.
        try "手放".write(to: site.appendingPathComponent("stray.txt"), atomically: false, encoding: .utf8)

        try publish(site, inPlaceLimit: inPlaceLimit,
                    write: ["documents/a/index.html": "甲（改）", "documents/c/index.html": "丙"],
                    keep: ["index.html", "documents/b/index.html"])

        #expect(contents(site) == ["index.html": "首页", "documents/a/index.html": "甲（改）",
                                   "documents/b/index.html": "乙", "documents/c/index.html": "丙"])
        #expect(inode(site.appendingPathComponent("index.html").path) == kept, "a kept file is not rewritten")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("old").path), "an emptied folder goes")
        #expect(try leftovers(beside: site).isEmpty)
    }

    /// A file large enough to have its writeback started as soon as it is staged (the data archive) is put in
    /// place whole, over its last version and when the folder is swapped, and a discarded build's copy never
    /// is. (That the rename no longer waits for the writeback is a matter of time, measured in
    /// docs/benchmarks.md.)
    @Test(arguments: [OutputTree.defaultInPlaceLimit, 0])
    func aLargeFileWrittenBackEarlyIsPutInPlaceWhole(inPlaceLimit: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("public")
        let path = "downloads/gazette-data.zip"
        func bytes(_ seed: UInt8) -> [Data] {
            // Several parts, as the archive is written, straddling the size that starts a writeback.
            (0..<3).map { part in Data((0..<(OutputTree.writebackSize / 2 + 7)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ part) ^ seed }) }
        }
        func published() -> Data? { FileManager.default.contents(atPath: site.appendingPathComponent(path).path) }
        for seed: UInt8 in [1, 2] {
            let tree = try OutputTree(destination: site, inPlaceLimit: inPlaceLimit)
            try tree.write(parts: bytes(seed), to: path)
            try tree.write("首页", to: "index.html")
            try tree.commit()
            #expect(published() == bytes(seed).reduce(Data(), +), "build \(seed)")
        }
        let discarded = try OutputTree(destination: site, inPlaceLimit: inPlaceLimit)
        try discarded.write(parts: bytes(3), to: path)
        discarded.discard()
        #expect(published() == bytes(2).reduce(Data(), +), "a discarded build's archive never goes in place")
        #expect(try leftovers(beside: site).isEmpty)
    }

    /// A link put into the published folder by hand is removed as a link: what it points at, outside the
    /// site, is never walked into nor deleted.
    @Test(arguments: [OutputTree.defaultInPlaceLimit, 0])
    func aLinkInThePublishedFolderGoesWithoutItsTarget(inPlaceLimit: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("public")
        let outside = folder.url.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try "别处".write(to: outside.appendingPathComponent("keep.txt"), atomically: false, encoding: .utf8)
        try publish(site, write: ["index.html": "首页", "documents/a/index.html": "甲"])
        try FileManager.default.createSymbolicLink(atPath: site.appendingPathComponent("documents/linked").path,
                                                   withDestinationPath: outside.path)
        try publish(site, inPlaceLimit: inPlaceLimit, write: ["documents/a/index.html": "甲（改）"], keep: ["index.html"])
        #expect(contents(site) == ["index.html": "首页", "documents/a/index.html": "甲（改）"])
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: site.appendingPathComponent("documents/linked").path)) == nil)
        #expect(FileManager.default.fileExists(atPath: outside.appendingPathComponent("keep.txt").path))
    }

    /// A published file is read back whole, and only when it holds the number of bytes the cache noted:
    /// read, or (as large as the data archive) mapped.
    @Test(arguments: [300_000, FileBytes.mappedSize + 4_097])
    func aPublishedFileReadsBackOnlyAtItsSize(count: Int) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("archive.zip").path
        let bytes = Data((0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 12) })
        try bytes.write(to: URL(fileURLWithPath: file))
        #expect(FileBytes.file(file, size: bytes.count) == bytes)
        #expect(FileBytes.file(file, size: bytes.count - 1) == nil, "a longer file than noted")
        #expect(FileBytes.file(file, size: bytes.count + 1) == nil, "a shorter file than noted")
        #expect(FileBytes.file(file + ".gone", size: 0) == nil)
        try Data().write(to: URL(fileURLWithPath: file))
        #expect(FileBytes.file(file, size: 0) == Data())
    }

    /// A file written from parts (the data archive) holds them end to end: more parts than one `writev`
    /// takes, empty ones, tiny ones (whose bytes `Data` keeps inline) and slices of a larger buffer. Its
    /// cache key is the key of the same bytes in one piece, so the next build knows the file by either.
    @Test func aFileWrittenFromPartsHoldsThemEndToEnd() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let big = Data((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) })
        var parts: [Data] = []
        for i in 0..<300 {
            switch i % 4 {
            case 0: parts.append(Data())
            case 1: parts.append(Data([UInt8(i & 0xFF), 1, 2]))
            case 2: parts.append(big[(i * 997)..<(i * 997 + i * 3)])
            default: parts.append(Data(repeating: UInt8(i & 0xFF), count: 5000 + i))
            }
        }
        let joined = parts.reduce(into: Data()) { $0.append($1) }
        let file = folder.url.appendingPathComponent("archive.zip").path
        try FileBytes.write(parts: parts, to: file)
        #expect(FileBytes.file(file, size: joined.count) == joined)
        var a = ContentHash(), b = ContentHash()
        a.add(parts: parts)
        b.add(data: joined)
        #expect(a.hex == b.hex)
        var c = ContentHash()
        c.add(parts: [joined.prefix(5), joined.dropFirst(5)])
        #expect(c.hex == b.hex, "cut inside a word")
    }

    /// With the folders noted (`PublishedFolders`) and the last site's files given, an update in place
    /// removes the files the site no longer has wherever they are, and reads only the folders whose `stat`
    /// changed: a stray in a folder noted as it is now stays (nothing read it), one in a changed folder goes.
    @Test func anUpdateReadsOnlyTheFoldersThatChanged() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("public")
        let noted = folder.url.appendingPathComponent("cache/public.folders")
        func publish(_ write: [String: String], keep: [String], last: [String]) throws {
            let tree = try OutputTree(destination: site, foldersFile: noted)
            for (path, text) in write { try tree.write(text, to: path) }
            for path in keep {
                let size = try #require(try FileManager.default.attributesOfItem(atPath: site.appendingPathComponent(path).path)[.size] as? Int)
                #expect(tree.reusePublished(path, size: size))
            }
            let listed = Set(last)
            try tree.commit(last: LastSite(files: last, had: { listed.contains($0) }, sameCount: last.count == write.count + keep.count))
        }
        let first = ["index.html": "首页", "a/index.html": "甲", "b/index.html": "乙", "b/c/index.html": "丙", "old/file.txt": "旧"]
        try publish(first, keep: [], last: [])
        let swapped = try #require(PublishedFolders(file: noted), "a whole new folder is noted as it is put in place").folders
        #expect(Set(swapped.keys) == ["", "a", "b", "b/c", "old"])
        let root = open(site.path, O_RDONLY | O_DIRECTORY)
        #expect(swapped.allSatisfy { PublishedFolders.signature(root, $0.key) == $0.value }, "each as it is now")
        close(root)
        try publish(["a/index.html": "甲（改）"], keep: ["index.html", "b/index.html", "b/c/index.html", "old/file.txt"],
                    last: Array(first.keys))
        let notedFolders = try #require(PublishedFolders(file: noted)).folders
        #expect(Set(notedFolders.keys) == ["", "a", "b", "b/c", "old"], "every folder noted after the update too")

        // By hand: a stray in b/c, whose folder is then noted as it is now; one at the top and a new folder.
        try "手放".write(to: site.appendingPathComponent("b/c/stray.txt"), atomically: false, encoding: .utf8)
        var folders = notedFolders
        let top = open(site.path, O_RDONLY | O_DIRECTORY)
        folders["b/c"] = PublishedFolders.signature(top, "b/c")
        close(top)
        PublishedFolders(folders: folders).save(to: noted)
        try "手放".write(to: site.appendingPathComponent("stray.txt"), atomically: false, encoding: .utf8)
        // In the folder of a file the next site drops: the folder must still go.
        try "手放".write(to: site.appendingPathComponent("old/stray.txt"), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(at: site.appendingPathComponent("zz/sub"), withIntermediateDirectories: true)
        try "手放".write(to: site.appendingPathComponent("zz/sub/x.html"), atomically: false, encoding: .utf8)

        try publish(["b/index.html": "乙（改）", "d/index.html": "丁"], keep: ["index.html", "a/index.html", "b/c/index.html"],
                    last: Array(first.keys))
        #expect(contents(site) == ["index.html": "首页", "a/index.html": "甲（改）", "b/index.html": "乙（改）",
                                   "b/c/index.html": "丙", "b/c/stray.txt": "手放", "d/index.html": "丁"],
                "old/file.txt removed though its folder was unchanged; the strays of changed folders gone; b/c not read")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("old").path), "emptied of its stray, it goes")
        let now = try #require(PublishedFolders(file: noted)).folders
        #expect(Set(now.keys) == ["", "a", "b", "b/c", "d"], "\(now.keys.sorted())")
        #expect(try leftovers(beside: site) == ["cache"])
    }

    /// The build's own files (its cache) are replaced whole, through a temporary file beside them that does
    /// not stay, and a file that cannot be written leaves the old one as it was.
    @Test func aCacheFileIsReplacedWhole() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("public.cache").path
        try FileBytes.replace(file, with: Data("旧".utf8))
        try FileBytes.replace(file, with: Data("新的缓存".utf8))
        #expect(FileManager.default.contents(atPath: file) == Data("新的缓存".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["public.cache"])
        #expect(throws: (any Error).self) { try FileBytes.replace(folder.url.path + "/gone/x.cache", with: Data()) }
        #expect(FileManager.default.contents(atPath: file) == Data("新的缓存".utf8))
    }

    @Test func aFileAndAFolderCanTradePlaces() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("public")
        try publish(site, write: ["a/b.html": "文件夹里的文件", "c": "文件"])
        try publish(site, write: ["a": "现在是文件", "c/d.html": "现在是文件夹"])
        #expect(contents(site) == ["a": "现在是文件", "c/d.html": "现在是文件夹"])
        #expect(try leftovers(beside: site).isEmpty)
    }

    @Test func aDiscardedBuildLeavesThePublishedFolderAsItWas() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let site = folder.url.appendingPathComponent("public")
        try publish(site, write: ["index.html": "首页"])
        let tree = try OutputTree(destination: site)
        try tree.write("新", to: "index.html")
        try tree.write("新", to: "new.html")
        tree.discard()
        #expect(contents(site) == ["index.html": "首页"])
        #expect(try leftovers(beside: site).isEmpty)
    }

    /// Once a build has found errors while rendering, the sink records paths for the link check but
    /// writes nothing more into the staging folder.
    @Test func aSinkToldToStopWritingOnlyRecordsPaths() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let tree = try OutputTree(destination: folder.url.appendingPathComponent("public"))
        defer { tree.discard() }
        let sink = OutputSink(tree: tree, cache: BuildCache(for: tree.destination), jobs: 2)
        sink.files([OutputFile(path: "a.json", text: "1")])
        sink.stopWriting()
        sink.files([OutputFile(path: "b.json", text: "2")])
        #expect(sink.step("step", key: { "k" }, run: { write in write([(path: "c.json", data: Data("3".utf8))]); return nil }).ran)
        #expect(sink.allPaths == ["a.json", "b.json", "c.json"])
        #expect(fileTree(at: tree.staging).keys.sorted() == ["a.json"])
    }

    /// The open data and the search index are made at the same time through one sink: each step keeps
    /// exactly the files it wrote, so a rebuild that keeps one of them whole keeps its files and no other.
    @Test func stepsRunAtTheSameTimeEachKeepOnlyTheirOwnFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let destination = folder.url.appendingPathComponent("public")
        func files(_ step: String) -> [(path: String, data: Data)] {
            (0..<200).map { (path: "\(step)/\($0).json", data: Data("\(step) \($0)".utf8)) }
        }
        let first = try OutputTree(destination: destination)
        let cache = BuildCache(for: destination)
        let sink = OutputSink(tree: first, cache: cache, jobs: 2)
        _ = Parallel.both({
            sink.step("one", key: { "a" }) { write in for file in files("one") { write([file]) }; return nil }
        }, {
            sink.step("two", key: { "b" }) { write in for file in files("two") { write([file]) }; return nil }
        })
        try first.commit()
        cache.save()

        let second = try OutputTree(destination: destination)
        defer { second.discard() }
        let again = OutputSink(tree: second, cache: BuildCache(for: destination), jobs: 2)
        let step = again.step("one", key: { "a" }) { _ in
            Issue.record("an unchanged step is kept, not run")
            return nil
        }
        #expect(!step.ran)
        #expect(again.allPaths == files("one").map(\.path), "the kept step is exactly its own files, in order")
    }

    /// An updatable step gets its last state and reads back its last files, but only those still as the
    /// build wrote them; what it updates replaces them, what it removes is gone, and the rest is kept.
    @Test func anUpdatableStepReadsOnlyItsUntouchedFilesAndKeepsTheRest() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let destination = folder.url.appendingPathComponent("public")
        let tree = try OutputTree(destination: destination)
        let cache = BuildCache(for: destination)
        let files = (0..<4).map { (path: "s/\($0).bin", data: Data("file \($0)".utf8)) }
        let outcome = OutputSink(tree: tree, cache: cache, jobs: 2).updatableStep("s", key: { "1" }, update: { _, _ in
            Issue.record("a first run has nothing to update")
            return nil
        }) { write in
            write(files)
            return BuildCache.State(index: Data("index 1".utf8), texts: Data("texts".utf8), textsOffset: 0)
        }
        #expect(outcome == .ran)
        try tree.commit()
        cache.save()
        // Same size, other bytes: only the cache's key tells it from the build's.
        try Data("FILE 2".utf8).write(to: destination.appendingPathComponent("s/2.bin"))

        let second = try OutputTree(destination: destination)
        let secondCache = BuildCache(for: destination)
        let sink = OutputSink(tree: second, cache: secondCache, jobs: 2)
        let updated = sink.updatableStep("s", key: { "2" }, update: { state, read in
            #expect(state.index == Data("index 1".utf8))
            #expect(state.texts(1..<4) == Data("ext".utf8))
            #expect(read("s/1.bin") == Data("file 1".utf8))
            #expect(read("s/2.bin") == nil, "a file edited since the last build is not read")
            #expect(read("other/1.bin") == nil, "nor one that is not the step's")
            return OutputSink.StepUpdate(files: [(path: "s/1.bin", data: Data("new 1".utf8))], removed: ["s/3.bin"],
                                         state: BuildCache.State(index: Data("index 2".utf8), texts: Data("++".utf8), textsOffset: 5))
        }) { _ in
            Issue.record("an update that succeeds does not run the step")
            return nil
        }
        #expect(updated == .updated(written: 1, removed: 1))
        #expect(Set(sink.allPaths) == ["s/0.bin", "s/1.bin", "s/2.bin"])
        try second.commit()
        secondCache.save()
        #expect(FileManager.default.contents(atPath: destination.appendingPathComponent("s/1.bin").path) == Data("new 1".utf8))
        #expect(!FileManager.default.fileExists(atPath: destination.appendingPathComponent("s/3.bin").path))
        let state = try #require(BuildCache(for: destination).previousState("s"))
        #expect(state.index == Data("index 2".utf8))
        #expect(state.texts(0..<7) == Data("texts++".utf8), "an update's texts are appended at the offset it gives")
    }
}

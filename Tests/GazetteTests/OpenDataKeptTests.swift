import Foundation
import Testing
@testable import GazettePublish
import GazetteContent
import GazetteModel

/// A rebuild makes only the API files whose fingerprint changed, and lays the data archive out from the
/// last one's entries for the others: its files and archive must be what a build from nothing gives.
@Suite("Open data kept by fingerprint")
struct OpenDataKeptTests {
    /// A sink that keeps what it published, as the build's does: a keyed file is kept when its key is the
    /// one it was last written with, and the last archive reads back (unless `archiveReadsBack` is off).
    final class KeepingSink: DataSink, @unchecked Sendable {
        var files: [String: Data] = [:]
        var keys: [String: String] = [:]
        var archiveReadsBack = true
        private(set) var made: [String] = []
        private let lock = NSLock()

        func write(_ batch: [(path: String, data: Data)]) {
            lock.withLock { for file in batch { files[file.path] = file.data; keys[file.path] = nil } }
        }

        func write(keyed batch: [(path: String, key: String)], make: @escaping (Int) -> Data) -> [Data?] {
            batch.indices.map { i in
                let (path, key) = batch[i]
                if lock.withLock({ keys[path] == key && files[path] != nil }) { return nil }
                let data = make(i)
                lock.withLock {
                    made.append(path)
                    files[path] = data
                    keys[path] = key
                }
                return data
            }
        }

        func published(_ path: String) -> Data? { archiveReadsBack ? lock.withLock { files[path] } : nil }

        func startRun() { lock.withLock { made = [] } }
    }

    static let site: Site = {
        var diagnostics = Diagnostics()
        let sources = ContentSources.load(root: Repository.seedContent, diagnostics: &diagnostics)
        return SiteResolver.resolve(sources, today: Day(iso: "2026-11-29")!, diagnostics: &diagnostics)!
    }()

    static let pages = ["index.html", "documents/azbf-2023-7/"]

    /// The files a build from nothing publishes for these bodies.
    func fresh(_ bodies: [String: PublishedBody]) -> [String: Data] {
        var files: [String: Data] = [:]
        _ = OpenData(site: Self.site, bodies: bodies).publish(pages: Self.pages) { batch in
            for file in batch { files[file.path] = file.data }
        }
        return files
    }

    /// Names the files that differ, rather than printing them all.
    func expectSame(_ files: [String: Data], _ expected: [String: Data], _ when: String) {
        #expect(files.keys.sorted() == expected.keys.sorted(), "\(when)")
        for (path, data) in files where expected[path] != data { Issue.record("\(when): \(path) differs from a fresh build") }
    }

    func body(_ text: String) -> PublishedBody {
        PublishedBody(html: "<p>\(text)</p>", text: text, attachments: [], tables: [])
    }

    @Test func aRebuildMakesOnlyTheChangedDocumentsFileAndTheSameArchive() throws {
        let document = try #require(Self.site.documents.first)
        let folder = "documents/\(document.id)"
        let sink = KeepingSink()
        let before = [folder: body("原文。")]
        let first = OpenData(site: Self.site, bodies: before).publish(pages: Self.pages, sink: sink)
        #expect(sink.made.count > Self.site.documents.count, "the first build makes every API file")
        expectSame(sink.files, fresh(before), "after the first build")

        sink.startRun()
        let again = OpenData(site: Self.site, bodies: before).publish(pages: Self.pages, sink: sink)
        #expect(sink.made == [], "nothing changed, so no API file is made again")
        expectSame(sink.files, fresh(before), "when nothing changed (the archive is laid out from the last one's entries)")
        #expect(again.files.map(\.sha256) == first.files.map(\.sha256))

        sink.startRun()
        let after = [folder: body("原文。新增一句。")]
        let changed = OpenData(site: Self.site, bodies: after).publish(pages: Self.pages, sink: sink)
        #expect(sink.made == [SiteURL.apiDocument(document.id)], "only the edited document's file is made")
        expectSame(sink.files, fresh(after), "after one body changed")
        #expect(changed.files.map(\.sha256) != first.files.map(\.sha256), "the archive holds the new file")
    }

    /// With the site's key and each item's inputs (what the build gives), a body edit makes the edited
    /// document's file and the feeds that show it, and nothing else: the lists, the schemas, the sitemap and
    /// documents.csv are kept by the site's key. The files, the archive and the downloads' checksums are
    /// still a fresh build's; a new site key makes the lists again.
    @Test func withTheSiteKeyABodyEditMakesOnlyItsFileAndTheFeedsShowingIt() throws {
        let document = try #require(Self.site.documents.first)
        let folder = "documents/\(document.id)"
        let folders = Self.site.documents.map { "documents/\($0.id)" } + Self.site.interpretations.map { "interpretations/\($0.id)" }
        func inputs(_ bodies: [String: PublishedBody]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: folders.map { ($0, "site-1 \($0) \(bodies[$0]?.text ?? "")") })
        }
        func publish(_ bodies: [String: PublishedBody], siteKey: String, into sink: KeepingSink) -> DownloadManifest {
            OpenData(site: Self.site, bodies: bodies, siteKey: siteKey, inputs: inputs(bodies)).publish(pages: Self.pages, sink: sink)
        }
        let sink = KeepingSink()
        let before = [folder: body("原文。")]
        _ = publish(before, siteKey: "site-1", into: sink)
        expectSame(sink.files, fresh(before), "after the first build")

        sink.startRun()
        let after = [folder: body("原文。新增一句。")]
        let manifest = publish(after, siteKey: "site-1", into: sink)
        let code = try #require(Self.site.config.issuerCode(of: document))
        #expect(Set(sink.made) == [SiteURL.apiDocument(document.id), SiteURL.jsonFeed, SiteURL.atomFeed, SiteURL.issuerFeed(code)],
                "\(sink.made.sorted())")
        expectSame(sink.files, fresh(after), "after one body changed")
        let freshManifest = OpenData(site: Self.site, bodies: after).publish(pages: Self.pages) { _ in }
        #expect(manifest.files.map(\.sha256) == freshManifest.files.map(\.sha256), "the kept documents.csv is described by its bytes")

        sink.startRun()
        _ = publish(after, siteKey: "site-2", into: sink)
        #expect(sink.made.contains(SiteURL.api + "documents.json"), "another site key makes the lists again")
        expectSame(sink.files, fresh(after), "after the site key changed")
    }

    /// When the last archive does not read back (edited or removed by hand), kept files are made again for
    /// the archive's sake, and the archive is still the one a fresh build lays out.
    @Test func anArchiveThatDoesNotReadBackIsLaidOutFromFilesMadeAgain() throws {
        let sink = KeepingSink()
        let bodies = [String: PublishedBody]()
        _ = OpenData(site: Self.site, bodies: bodies).publish(pages: Self.pages, sink: sink)
        sink.archiveReadsBack = false
        sink.startRun()
        _ = OpenData(site: Self.site, bodies: bodies).publish(pages: Self.pages, sink: sink)
        #expect(sink.made == [], "the published files are still kept")
        expectSame(sink.files, fresh(bodies), "when the last archive does not read back")

        // An archive whose bytes were cut short reads back as nothing, not as fewer entries.
        let archive = try #require(sink.files[DataArchive.path])
        #expect(ZipReader.entries(of: archive)?.count ?? 0 > Self.site.documents.count)
        #expect(ZipReader.entries(of: archive.prefix(archive.count / 2)) == nil)
        #expect(ZipReader.entries(of: archive.dropFirst(7)) == nil)
    }
}

import Foundation
@testable import GazetteContent
import GazetteModel
import Testing

/// Decoded front matter taken from the cache must be what decoding gives: the same documents and
/// interpretations, every field (a field added to the model but not to `Entry+Bytes.swift` fails here), and
/// the same findings.
struct EntryCacheTests {
    private func resolve(_ content: URL, cache: EntryCache?) -> (site: Site?, diagnostics: [Diagnostic]) {
        var diagnostics = Diagnostics()
        let sources = ContentSources.load(root: content, diagnostics: &diagnostics)
        let site = SiteResolver.resolve(sources, today: fixedToday, entries: cache, diagnostics: &diagnostics)
        return (site, diagnostics.all)
    }

    @Test(arguments: ["seed", "valid", "mistakes"])
    func entriesFromTheCacheAreWhatDecodingGives(_ name: String) throws {
        let content = name == "seed" ? Repository.seedContent : Repository.fixtures.appendingPathComponent(name)
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("entries")
        let fresh = resolve(content, cache: nil)
        let first = EntryCache(file: file, generator: "test")
        _ = resolve(content, cache: first)
        #expect(first.hits == 0)
        first.save()

        let second = EntryCache(file: file, generator: "test")
        let cached = resolve(content, cache: second)
        #expect(second.hits > 0, "the second run takes the files from the cache")
        #expect(cached.diagnostics == fresh.diagnostics, "with the findings decoding gave")
        #expect(cached.site?.documents == fresh.site?.documents)
        #expect(cached.site?.interpretations == fresh.site?.interpretations)
        if name != "mistakes" { #expect(fresh.site?.documents.isEmpty == false) }

        second.save()
        let otherExecutable = EntryCache(file: file, generator: "another")
        _ = resolve(content, cache: otherExecutable)
        #expect(otherExecutable.hits == 0, "another executable decodes again")
    }
}

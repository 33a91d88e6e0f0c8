import Foundation
import Testing
@testable import GazetteSearch

/// An updated index must be, byte for byte, the index `build` makes of the same records: every test builds
/// the old records, updates to the new ones, and compares the files with a build of the new ones.
struct IndexUpdateTests {
    /// The files of a build, by path, and what it keeps for an update.
    private static func built(_ records: [SearchRecord]) -> (files: [String: Data], state: SearchIndex.Kept) {
        var files: [String: Data] = [:]
        let state = SearchIndex.build(records, keepState: true) { batch in
            for file in batch { files[file.path] = file.data }
        }
        return (files, state!)
    }

    private static func update(_ records: [SearchRecord], _ kept: SearchIndex.Kept, texts: [UInt8]? = nil,
                               published: @escaping (String) -> [UInt8]?) -> Result<SearchIndex.Update, SearchIndex.Declined> {
        let texts = texts ?? kept.texts
        return SearchIndex.updating(records, index: kept.index, texts: { $0.upperBound <= texts.count ? Array(texts[$0]) : nil },
                                    published: published)
    }

    /// Updates the index of `old` to `new`; nil when the update declined. Checks the result against a build.
    private static func updated(_ old: [SearchRecord], _ new: [SearchRecord],
                                sourceLocation: SourceLocation = #_sourceLocation) -> SearchIndex.Update? {
        let (files, state) = built(old)
        let result = Self.update(new, state, published: { files[$0].map(Array.init) })
        guard case .success(let update) = result else {
            if case .failure(let reason) = result { print("update declined: \(reason.rawValue)") }
            return nil
        }
        var patched = files
        for path in update.removed {
            #expect(patched[path] != nil, "removes \(path), which was not there", sourceLocation: sourceLocation)
            patched[path] = nil
        }
        for file in update.files { patched[file.path] = file.data }
        let (expected, expectedState) = built(new)
        #expect(patched.keys.sorted() == expected.keys.sorted(), sourceLocation: sourceLocation)
        let different = expected.keys.filter { patched[$0] != expected[$0] }.sorted()
        #expect(different.isEmpty, "files differ from a build: \(different.prefix(5))", sourceLocation: sourceLocation)
        // The kept index is a build's but for where the changed texts lie (appended after the others).
        #expect(update.kept.textsOffset == state.texts.count, sourceLocation: sourceLocation)
        let keptTexts = state.texts + update.kept.texts
        let updatedState = SearchIndexState(encoded: update.kept.index), builtState = SearchIndexState(encoded: expectedState.index)
        #expect(updatedState?.lengths == builtState?.lengths, sourceLocation: sourceLocation)
        #expect(updatedState?.records.map(\.digest) == builtState?.records.map(\.digest), sourceLocation: sourceLocation)
        #expect(updatedState.map { s in s.records.allSatisfy { SearchIndexState.tokenized(Array(keptTexts[$0.span]), of: $0) != nil } } == true,
                "every record's kept text reads back", sourceLocation: sourceLocation)
        return update
    }

    /// A few hundred documents sharing phrases, so that the frequent tokens' postings and positions are large
    /// enough to have files of their own, and some documents run to several snippet pages.
    static let corpus: [SearchRecord] = {
        var random = SeededRandom(seed: 8)
        let phrases = ["各镇人民政府要加强组织领导", "明确责任分工", "确保各项任务落到实处", "庭院经济", "公益性岗位",
                       "医疗保障", "乡村振兴", "COVID-19 防控", "第2023号", "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ", "就业困难人员", "。\n"]
        return (0..<300).map { i in
            let count = i % 37 == 0 ? 900 : Int.random(in: 5...80, using: &random)
            let text = (0..<count).map { _ in phrases.randomElement(using: &random)! }.joined()
            return SearchRecord(url: "documents/d-\(i)/", kind: i % 5 == 0 ? "interpretation" : "document",
                                title: "关于\(phrases[i % phrases.count])的通知（\(i)）", number: "阿政发〔2023〕\(i)号",
                                date: "2023-\(String(format: "%02d", i % 12 + 1))-01", issue: "2023-0\(i % 4 + 1)",
                                issuer: "阿尔山市人民政府", text: text)
        }
    }()

    private static func editing(_ ids: [Int], _ edit: (inout SearchRecord) -> Void) -> [SearchRecord] {
        var records = corpus
        for id in ids { edit(&records[id]) }
        return records
    }

    @Test func aSentenceAddedToOneBody() throws {
        let new = Self.editing([17]) { r in
            let middle = r.text.index(r.text.startIndex, offsetBy: r.text.count / 2)
            r.text.insert(contentsOf: "本次修改用于增量构建测试。", at: middle)
        }
        let update = try #require(Self.updated(Self.corpus, new))
        #expect(update.files.contains { $0.path.hasPrefix("search/t/") })
        #expect(update.files.contains { $0.path.hasPrefix("search/x/") })
        #expect(update.files.count < 400, "an edit rewrites a few shards, not the index: \(update.files.count) files")
    }

    @Test func aNewWordAndAChangedTitle() throws {
        let new = Self.editing([3]) { r in
            r.title = "关于试行新办法的通知"
            r.text += "Hummingbird 试点。"
        }
        #expect(Self.updated(Self.corpus, new) != nil)
    }

    // A long edit moves the average length, and with it the impacts of many documents of this small corpus
    // (the update then declines); these move text from one document to another, so the total stays about
    // the same.

    @Test func aBodyEmptiedIntoAnother() throws {
        // Document 5 loses every token, some of which only it had; document 6 gains them.
        var new = Self.corpus
        new[6].text += "\n" + new[5].text
        new[5].text = ""
        #expect(Self.updated(Self.corpus, new) != nil)
    }

    @Test func aLongBodyLosingPagesToAnother() throws {
        // Documents 0 and 37 run to several snippet pages: one loses two pages' worth, and their files, and
        // the other gains them.
        var new = Self.corpus
        let cut = Array(new[0].text.unicodeScalars.suffix(2500))
        new[0].text = String(String.UnicodeScalarView(new[0].text.unicodeScalars.dropLast(2500)))
        new[37].text += String(String.UnicodeScalarView(cut))
        let update = try #require(Self.updated(Self.corpus, new))
        #expect(update.removed.contains { $0.hasPrefix("search/r/") })
        #expect(update.files.count { $0.path.hasPrefix("search/r/") } > 2)
    }

    @Test func severalDocumentsAtOnce() throws {
        let new = Self.editing([1, 2, 40, 41, 299]) { r in r.text = "明确责任分工。" + r.text.dropFirst(12) }
        #expect(Self.updated(Self.corpus, new) != nil)
    }

    /// Records whose texts have keys (a build's bodies have their cache keys) are told apart by the keys: a
    /// rebuild does not read the texts of 10,000 unchanged bodies to find the one that changed.
    @Test func recordsWithTextKeysAreToldApartByTheirKeys() throws {
        func keyed(_ records: [SearchRecord], version: (Int) -> UInt8) -> [SearchRecord] {
            records.enumerated().map { i, r in
                var r = r
                r.textKey = [UInt8(i & 0xFF), UInt8(i >> 8), version(i)]
                return r
            }
        }
        let old = keyed(Self.corpus) { _ in 0 }
        // 17: a new text and a new key; 18: a new key for the same text (a body moved in its file).
        var new = keyed(Self.corpus) { $0 == 17 || $0 == 18 ? 1 : 0 }
        new[17].text += "本次修改用于增量构建测试。"
        let update = try #require(Self.updated(old, new))
        #expect(update.files.contains { $0.path.hasPrefix("search/t/") })

        // The key stands for the text: with it unchanged, a changed text is not looked at.
        let (files, state) = Self.built(old)
        var unchangedKey = old
        unchangedKey[17].text += "本次修改。"
        let kept = try Self.update(unchangedKey, state, published: { files[$0].map(Array.init) }).get()
        #expect(kept.files.isEmpty && kept.removed.isEmpty)
    }

    @Test func nothingChanged() throws {
        let update = try #require(Self.updated(Self.corpus, Self.corpus.reversed()))
        #expect(update.files.isEmpty && update.removed.isEmpty)
    }

    @Test func declinesWhatMovesIDsOrFacets() {
        let (files, state) = Self.built(Self.corpus)
        let read: (String) -> [UInt8]? = { files[$0].map(Array.init) }
        #expect(throws: SearchIndex.Declined.recordsMoved) { try Self.update(Array(Self.corpus.dropLast()), state, published: read).get() }
        #expect(throws: SearchIndex.Declined.recordsMoved) {
            try Self.update(Self.editing([9]) { $0.date = "2024-01-01" }, state, published: read).get()
        }
        #expect(throws: SearchIndex.Declined.recordsMoved) {
            try Self.update(Self.editing([9]) { $0.issuer = "阿尔山市人民政府办公室" }, state, published: read).get()
        }
        #expect(throws: SearchIndex.Declined.tooMany) {
            try Self.update(Self.editing(Array(0..<20)) { $0.text += "。" }, state, published: read).get()
        }
    }

    @Test func declinesWhenAPublishedShardIsMissingOrTorn() {
        let (files, state) = Self.built(Self.corpus)
        let new = Self.editing([17]) { $0.text += "本次修改。" }
        let read: (String) -> [UInt8]? = { files[$0].map(Array.init) }
        #expect(throws: SearchIndex.Declined.unreadable) {
            try Self.update(new, state, published: { $0.hasPrefix("search/t/") ? nil : read($0) }).get()
        }
        #expect(throws: SearchIndex.Declined.unreadable) {
            try Self.update(new, state, published: { path in read(path).map { path.hasPrefix("search/x/") ? Array($0.dropLast(3)) : $0 } }).get()
        }
        // Kept texts that are not the ones the index names (their digests differ).
        var texts = state.texts
        for record in SearchIndexState(encoded: state.index)!.records { texts[record.span.upperBound - 1] ^= 1 }
        #expect(throws: SearchIndex.Declined.unreadable) { try Self.update(new, state, texts: texts, published: read).get() }
        var torn = state
        torn.index.removeLast()
        #expect(throws: SearchIndex.Declined.noState) { try Self.update(new, torn, published: read).get() }
    }

    /// Random edits (a stretch of text cut, or pasted from another document) to one to three documents.
    @Test(arguments: 1...12) func randomEdits(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        var new = Self.corpus
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let id = Int.random(in: 0..<new.count, using: &random)
            var scalars = Array(new[id].text.unicodeScalars)
            let at = Int.random(in: 0...scalars.count, using: &random)
            if Bool.random(using: &random), at < scalars.count {
                scalars.removeSubrange(at..<min(scalars.count, at + Int.random(in: 1...200, using: &random)))
            } else {
                let source = Array(Self.corpus.randomElement(using: &random)!.text.unicodeScalars)
                let start = Int.random(in: 0..<max(1, source.count), using: &random)
                scalars.insert(contentsOf: source[start..<min(source.count, start + 120)], at: at)
            }
            new[id].text = String(String.UnicodeScalarView(scalars))
        }
        // An edit can move an unchanged document's impacts, and then the update rightly declines; on this
        // corpus these edits do not.
        #expect(Self.updated(Self.corpus, new) != nil)
    }
}

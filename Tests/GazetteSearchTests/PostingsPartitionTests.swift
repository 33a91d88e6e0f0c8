import Testing
@testable import GazetteSearch

/// The postings are built in partitions, each log reading only the n-grams that start in its group of
/// units. Split into any number of partitions, the logs must hold together exactly the tokens, postings and
/// positions of one log that reads everything: a unit left out of its group, or put in two, would drop
/// results for some words or count them twice.
@Test(arguments: [2, 3, 8])
func partitionedLogsTogetherHoldWhatOneLogHolds(partitions: Int) {
    let words = WordTable()
    func tokens(_ logs: [PostingsLog]) -> [String: (postings: [UInt8], positions: [UInt8])] {
        var all: [String: (postings: [UInt8], positions: [UInt8])] = [:]
        for log in logs {
            for t in 0..<log.tokenCount {
                let text = SearchIndex.tokenText(log.tokens.keysA[t], log.tokens.keysB[t], words: words)
                #expect(all[text] == nil, "token \(text) is in two partitions")
                all[text] = (log.postings.bytes(t), log.positions.bytes(t))
            }
        }
        return all
    }
    var whole = PostingsLog(partition: 0, of: 1)
    var parts = (0..<partitions).map { PostingsLog(partition: $0, of: partitions) }
    var tokenizer = Tokenizer(), sink = UnitIDSink(words: words)
    for (id, record) in IndexFixture.records.enumerated() {
        let document = IndexedDocument(id: id, record: record, pageSize: SearchIndex.pageSize)
        whole.add(DocumentUnits.scan(document, tokenizer: &tokenizer, sink: &sink, partitions: 1), document: id)
        let units = DocumentUnits.scan(document, tokenizer: &tokenizer, sink: &sink, partitions: partitions)
        for p in parts.indices { parts[p].add(units, document: id) }
    }
    let expected = tokens([whole]), actual = tokens(parts)
    #expect(expected.count > 100, "the fixture has many n-grams")
    #expect(actual.count == expected.count)
    for (text, streams) in expected {
        #expect(actual[text]?.postings == streams.postings, "postings of \(text)")
        #expect(actual[text]?.positions == streams.positions, "positions of \(text)")
    }
}

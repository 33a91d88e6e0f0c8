import Testing
@testable import GazetteSearch

@Test func emptyRecordsGiveNoIndexFiles() {
    #expect(SearchIndex.build([]).isEmpty)
}

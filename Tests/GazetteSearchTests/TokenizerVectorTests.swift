import Foundation
import Testing
@testable import GazetteSearch

/// One case of Tests/Vectors/tokenizer.json, which theme/assets/search.js is tested against too.
struct TokenizerVector: Decodable, CustomTestStringConvertible {
    let name: String
    let input: String
    let folded: String
    let units: [[Entry]]
    let tokens: [[Entry]]
    let ngrams4: [[Entry]]?

    /// A string or an integer in the vectors' `[text, position]` pairs.
    enum Entry: Decodable, Equatable {
        case text(String)
        case number(Int)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .number(number) } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    var testDescription: String { name }

    static func load() throws -> [TokenizerVector] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors/tokenizer.json")
        struct File: Decodable { let cases: [TokenizerVector] }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).cases
    }

    static func pairs(_ list: [(String, Int)]) -> [[Entry]] {
        list.map { [.text($0.0), .number($0.1)] }
    }
}

@Test("Tokenizer matches the shared vectors", arguments: try TokenizerVector.load())
func tokenizerMatchesVectors(_ vector: TokenizerVector) {
    var folding = TextFolding()
    #expect(folding.fold(vector.input) == vector.folded)
    var tokenizer = Tokenizer()
    let units = tokenizer.units(vector.input)
    #expect(TokenizerVector.pairs(units.map { ($0.text, $0.position) }) == vector.units)
    #expect(TokenizerVector.pairs(Tokenizer.ngrams(units, maxLength: 2).map { ($0.token, $0.position) }) == vector.tokens)
    if let ngrams4 = vector.ngrams4 {
        #expect(TokenizerVector.pairs(Tokenizer.ngrams(units, maxLength: 4).map { ($0.token, $0.position) }) == ngrams4)
    }
}

@Test func vectorsCoverTheRequiredCases() throws {
    let names = try TokenizerVector.load().map(\.name).joined(separator: "\n")
    for topic in ["bigrams", "Full-width", "〔〕", "Spaces between Han characters and digits", "Mongolian", "single character"] {
        #expect(names.contains(topic), "no vector about \(topic)")
    }
}

@Test func unitsPointBackToTheirSource() {
    var tokenizer = Tokenizer()
    let units = tokenizer.units("见阿政办发［2023］9号。")
    #expect(units.map(\.source) == [0, 1, 2, 3, 4, 6, 11, 12])
}

import Testing
import GazetteModel

/// Findings are printed in the order `<` gives (by path, line, column, severity, message), each once,
/// however they were collected: the ranked sort must agree with sorting the findings themselves.
@Test func findingsSortByPlaceAsTheirOrderSays() {
    // Paths that string comparison orders differently from their bytes: a decomposed é (e + U+0301)
    // equals the composed one, and Chinese names.
    let paths = ["content/a.md", "content/é.md", "content/e\u{301}.md", "content/公报.md", "content/公示.md", "content/b.md",
                 "content/issues/2023-01/阿政发.md"]
    var generator = SystemRandomNumberGenerator()
    for round in 0..<50 {
        var diagnostics = Diagnostics()
        for _ in 0..<(round * 7 % 300) {
            let at = SourceLocation(path: paths.randomElement(using: &generator)!, line: Int.random(in: 0...3, using: &generator),
                                    column: Int.random(in: 0...2, using: &generator))
            let message = ["甲", "乙", "a", "b"].randomElement(using: &generator)!
            switch Int.random(in: 0...2, using: &generator) {
            case 0: diagnostics.error(message, at: at)
            case 1: diagnostics.warning(message, at: at)
            default: diagnostics.info(message, at: at)
            }
        }
        let expected = Array(Set(diagnostics.all)).sorted()
        #expect(diagnostics.sorted == expected, "round \(round)")
    }
}

import Foundation
import Testing
@testable import GazetteContent

/// Front-matter values are trimmed by hand for speed; they must come out exactly as Foundation's
/// `trimmingCharacters(in: .whitespacesAndNewlines)` would trim them, or a title with an ideographic space
/// (U+3000) or a zero-width space at its end would change the site.
@Test func frontMatterValuesAreTrimmedAsFoundationTrimsThem() {
    // Every scalar in or near Foundation's set, with text, marks and emoji around them.
    let pieces: [String] = ["", " ", "\t", "\n", "\r\n", "\u{3000}", "\u{200B}", "\u{00A0}", "\u{2028}", "\u{0085}",
                            "\u{FEFF}", "\u{180E}", "\u{301}", "阿", "a", "〔2023〕", "👩‍👩‍👧", "\u{1F3FB}"]
    var state: UInt64 = 42
    for _ in 0..<20_000 {
        var text = ""
        for _ in 0..<Int(state % 6) {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            text += pieces[Int(state >> 33) % pieces.count]
        }
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
    }
    for v in 0...0x3000 {
        guard let scalar = Unicode.Scalar(v) else { continue }
        let text = "\(scalar)中\(scalar)"
        #expect(text.trimmingWhitespace == text.trimmingCharacters(in: .whitespacesAndNewlines), "U+\(String(v, radix: 16))")
    }
}

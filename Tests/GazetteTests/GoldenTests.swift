// Golden files pin the HTML of a document page and an issue page built from the seed content.
// After an intended change to templates, rendering or content, regenerate and review them:
//
//     UPDATE_GOLDEN=1 swift test --filter GoldenTests
//     git diff Tests/GazetteTests/Golden
//
// With UPDATE_GOLDEN=1 the tests rewrite the files instead of comparing, and pass.

import Foundation
import Testing

@Suite("Golden files")
struct GoldenTests {
    /// Published page → golden file below `Tests/GazetteTests/Golden/`.
    static let pages = [
        // A document with 附件说明, an attachment printed in full, seven tables and an interpretation.
        ("documents/azbf-2023-9/index.html", "document-azbf-2023-9.html"),
        // The cover and the table of contents of the issue.
        ("issues/2023-01/index.html", "issue-2023-01.html"),
    ]

    static let updating = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

    @Test(arguments: pages)
    func seedPageMatchesItsGoldenFile(page: String, goldenName: String) throws {
        let build = BuiltSite.seed
        try #require(build.errors.isEmpty, "\(build.errors.map(\.description))")
        let actual = try #require(build.files[page], "\(page) was not published")
        let golden = Repository.golden.appendingPathComponent(goldenName)

        if Self.updating {
            try FileManager.default.createDirectory(at: Repository.golden, withIntermediateDirectories: true)
            try actual.write(to: golden)
            return
        }
        let expected = try #require(try? Data(contentsOf: golden),
                                    "missing \(goldenName): run UPDATE_GOLDEN=1 swift test --filter GoldenTests")
        #expect(actual == expected, "\(page) differs from Golden/\(goldenName): \(Self.firstDifference(actual, expected))")
    }

    /// “line N: got … / expected …”, so a failure says where to look without a diff tool.
    static func firstDifference(_ actual: Data, _ expected: Data) -> String {
        let a = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
        let e = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
        for index in 0..<max(a.count, e.count) {
            let got = index < a.count ? a[index] : "(end of file)"
            let want = index < e.count ? e[index] : "(end of file)"
            if got != want { return "line \(index + 1): got \(got.prefix(200)) / expected \(want.prefix(200))" }
        }
        return "same text, different bytes"
    }
}

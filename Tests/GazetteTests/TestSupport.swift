import Foundation
@testable import GazetteBuild
import GazetteModel

/// Where the repository's folders are, found from this file so tests never depend on
/// the directory `swift test` runs in.
enum Repository {
    /// The package root: this file is `Tests/GazetteTests/TestSupport.swift`.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let theme = root.appendingPathComponent("theme")
    static let seedContent = root.appendingPathComponent("content")
    static let testsFolder = root.appendingPathComponent("Tests/GazetteTests")
    static let fixtures = testsFolder.appendingPathComponent("Fixtures")
    static let golden = testsFolder.appendingPathComponent("Golden")
}

/// The build date of every test build: output depends on no other clock.
let fixedToday = Day(iso: "2026-11-29")!

/// A fresh folder below the system's temporary directory, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("gazette-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// One run of the real pipeline into a temporary output folder.
struct TestBuild {
    let contentRoot: URL
    let output: URL
    let report: BuildReport

    /// Builds `contentRoot` with the repository's theme into `folder/public`.
    init(content contentRoot: URL, into folder: TemporaryFolder, outputName: String = "public") {
        self.contentRoot = contentRoot
        output = folder.url.appendingPathComponent(outputName)
        let options = BuildOptions(contentRoot: contentRoot, themeRoot: Repository.theme,
                                   outputRoot: output, today: fixedToday)
        report = SiteBuilder(options: options, log: { _ in }).build()
    }

    var errors: [Diagnostic] { report.diagnostics.sorted.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { report.diagnostics.sorted.filter { $0.severity == .warning } }

    /// A published file as UTF-8 text, or nil when it was not written.
    func text(_ relative: String) -> String? {
        (try? Data(contentsOf: output.appendingPathComponent(relative))).map { String(decoding: $0, as: UTF8.self) }
    }

    func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: output.appendingPathComponent(relative).path)
    }

    /// Every diagnostic as one line, its path made relative to the content root, sorted:
    /// the same text wherever the repository and the working directory are.
    var diagnosticLines: [String] {
        report.diagnostics.sorted.map { diagnostic in
            let location = SourceLocation(path: Self.relative(diagnostic.location.path, to: contentRoot),
                                          line: diagnostic.location.line, column: diagnostic.location.column)
            return Diagnostic(diagnostic.severity, diagnostic.message, at: location).description
        }.sorted()
    }

    private static func relative(_ path: String, to root: URL) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let full = URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : full
    }
}

/// A site built once and kept in memory, for the many tests that only read the seed's output:
/// the build runs the real pipeline into a temporary folder, which is removed straight away.
struct BuiltSite: Sendable {
    /// The seed content of the repository, built with the fixed day.
    static let seed = BuiltSite(content: Repository.seedContent)

    let report: BuildReport
    /// Published files by path below the output root.
    let files: [String: Data]

    init(content: URL) {
        guard let folder = try? TemporaryFolder() else {
            var report = BuildReport()
            report.diagnostics.error("cannot create a temporary folder", at: SourceLocation(path: content.path))
            self.report = report
            files = [:]
            return
        }
        defer { folder.remove() }
        let build = TestBuild(content: content, into: folder)
        report = build.report
        files = fileTree(at: build.output)
    }

    var errors: [Diagnostic] { report.diagnostics.sorted.filter { $0.severity == .error } }

    func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }

    func exists(_ path: String) -> Bool { files[path] != nil }
}

/// Every regular file below `root`, by relative path, with its bytes.
func fileTree(at root: URL) -> [String: Data] {
    let fileManager = FileManager.default
    var files: [String: Data] = [:]
    let items = (fileManager.enumerator(atPath: root.path)?.allObjects as? [String]) ?? []
    for item in items {
        let url = root.appendingPathComponent(item)
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[item] = try? Data(contentsOf: url)
        }
    }
    return files
}

/// The `<li class="toc__entry">` blocks of a page, as (发文字号, link) pairs.
func tableOfContentsLinks(in html: String) -> [(number: String, href: String)] {
    html.components(separatedBy: "<li class=\"toc__entry\">").dropFirst().compactMap { entry in
        let block = entry.components(separatedBy: "</li>")[0]
        guard let href = block.between("href=\"", "\""),
              let number = block.between("<span class=\"doc-number\">", "</span>") else { return nil }
        return (number, href)
    }
}

extension String {
    /// The text between the first `start` and the next `end`.
    func between(_ start: String, _ end: String) -> String? {
        guard let from = range(of: start), let to = self[from.upperBound...].range(of: end) else { return nil }
        return String(self[from.upperBound..<to.lowerBound])
    }

    /// How many times `needle` occurs.
    func occurrences(of needle: String) -> Int { components(separatedBy: needle).count - 1 }
}

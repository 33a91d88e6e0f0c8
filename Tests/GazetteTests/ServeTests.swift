import Foundation
@testable import GazetteServe
import GazetteModel
import Testing

/// `site serve`: the real executable against a temporary copy of a small inline site, spoken
/// to over plain sockets. Every wait has a deadline, so a broken server fails the test
/// instead of hanging the suite.
@Suite struct ServeTests {
    /// The inline base site with its own copy of the theme, and a file beside the output
    /// folder that the traversal attempts aim at.
    private static func makeSite(in folder: TemporaryFolder) throws {
        _ = try InlineSite(InlineSite.base, in: folder)
        try FileManager.default.copyItem(at: Repository.theme, to: folder.url.appendingPathComponent("theme"))
        try "// swift-tools-version — SECRET OUTSIDE THE SITE\n"
            .write(to: folder.url.appendingPathComponent("Package.swift"), atomically: true, encoding: .utf8)
    }

    private static let policy = "content/issues/2023-01/policy.md"

    @Test(.timeLimit(.minutes(2)))
    func servesRebuildsReloadsShowsErrorsAndStopsOnSIGINT() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.makeSite(in: folder)
        let server = try ServeProcess.serve(in: folder)
        defer { server.kill() }
        let port = try await server.waitForPort(timeout: 60)

        // A page: the reload script is added when serving, never written into the output.
        let home = try await get("/", port)
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.body.contains(PageInjection.scriptPath))
        #expect(home.headers["cache-control"] == "no-store")
        let published = fileTree(at: folder.url.appendingPathComponent("public"))
        #expect(published["index.html"] != nil)
        for (path, data) in published where path.hasSuffix(".html") {
            #expect(!String(decoding: data, as: UTF8.self).contains("__gazette"), "\(path) must not carry the reload script")
        }
        #expect(try await get(PageInjection.scriptPath, port).body.contains("EventSource"))
        #expect(try await get(PageInjection.stylePath, port).headers["content-type"] == "text/css; charset=utf-8")

        // A folder without its slash is redirected, so relative links keep working.
        let issues = try await get("/issues?x=1", port)
        #expect(issues.status == 302 && issues.headers["location"] == "/issues/?x=1")
        #expect(try await get("/issues/", port).status == 200)

        // Data files keep their types; only HTML is changed.
        let feed = try await get("/feed.json", port)
        #expect(feed.status == 200)
        #expect(feed.headers["content-type"] == "application/json; charset=utf-8")
        #expect(!feed.body.contains("__gazette"))
        #expect(try await get("/notices.ics", port).headers["content-type"] == "text/calendar; charset=utf-8")
        #expect(try await get("/assets/site.css", port).headers["content-type"] == "text/css; charset=utf-8")
        #expect(try await get("/feed.json", port, method: "HEAD").status == 200)

        // A missing page is the site's own 404 page, with status 404.
        let missing = try await get("/no-such-page/", port)
        #expect(missing.status == 404)
        let notFoundPage = String(decoding: published["404.html"] ?? Data(), as: UTF8.self)
        #expect(notFoundPage.between("<title>", "</title>").map { missing.body.contains($0) } == true)
        #expect(missing.body.contains(PageInjection.scriptPath))

        // Nothing outside the output folder can be reached, however the path is spelled.
        for attempt in ["/../Package.swift", "/%2e%2e/Package.swift", "/..%2fPackage.swift",
                        "/%2E%2E%2FPackage.swift", "/assets/..%2f..%2fPackage.swift", "/assets/%2e%2e/%2e%2e/Package.swift",
                        "/..%5cPackage.swift", "/%00/Package.swift"] {
            let reply = try await get(attempt, port)
            #expect(reply.status == 400, "\(attempt) → \(reply.status)")
            #expect(!reply.body.contains("SECRET"), "\(attempt) leaked a file outside the site")
        }

        // Saving a document reloads the open page within the deadline.
        let events = try await onDispatchThread { try EventStreamProbe(port: port) }
        let first = try #require(await onDispatchThread { events.next("hello", timeout: 5) })
        #expect(first.hasSuffix("-1"), "the first build is build 1")
        let documentPath = try #require(tableOfContentsLinks(in: try await get("/issues/2023-01/", port).body).first?.href)
        let document = URL(string: documentPath, relativeTo: URL(string: "http://127.0.0.1/issues/2023-01/"))!.path + "/"
        let saved = Date()
        try edit(folder, Self.policy) { $0.replacingOccurrences(of: "经村民代表大会审议同意后", with: "经村民代表大会审议并修改同意后") }
        let reload = await onDispatchThread { events.next("reload", timeout: 2) }
        let latency = Date().timeIntervalSince(saved)
        // The bound is 2 s so that a loaded CI machine cannot make it flaky; on an idle machine
        // the event comes in about 0.5 s (poll interval + settling + the inline site's build).
        #expect(reload != nil && reload != first, "no reload event within 2 s of saving (waited \(latency) s)")
        let edited = try await get(document, port)
        #expect(edited.status == 200 && edited.body.contains("审议并修改同意后"), "\(document) shows the saved text")

        // A broken document: the errors are listed over the last good site, escaped.
        try edit(folder, Self.policy) { $0.replacingOccurrences(of: "kind: document\n", with: "kind: document\nstatus: <b>作废</b>\n") }
        #expect(await onDispatchThread { events.next("reload", timeout: 2) } != nil, "a failed build reloads the page too")
        let broken = try await get(document, port)
        #expect(broken.status == 200)
        #expect(broken.body.contains("审议并修改同意后"), "the last good page is still served")
        #expect(broken.body.contains("id=\"\(PageInjection.overlayID)\" role=\"alert\""))
        #expect(broken.body.contains("content/issues/2023-01/policy.md:3"), "the overlay names file and line")
        #expect(broken.body.contains("&lt;b&gt;作废&lt;/b&gt;") && !broken.body.contains("<b>作废</b>"), "messages are escaped")
        #expect(!((try? String(contentsOf: folder.url.appendingPathComponent("public/index.html"), encoding: .utf8)) ?? "")
            .contains(PageInjection.overlayID))

        // Fixed again: the next page has no overlay.
        try edit(folder, Self.policy) { $0.replacingOccurrences(of: "status: <b>作废</b>\n", with: "") }
        #expect(await onDispatchThread { events.next("reload", timeout: 2) } != nil)
        #expect(try await !get(document, port).body.contains(PageInjection.overlayID))

        // Ctrl-C with a page still listening: the stream ends and the process exits with 0.
        server.signal(SIGINT)
        #expect(await onDispatchThread { events.waitForEnd(timeout: 10) }, "SIGINT ends the open event streams")
        let status = await server.waitForExit(timeout: 15)
        #expect(status == 0, "site serve exits with status 0 after SIGINT, not \(status.map(String.init) ?? "still running")")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.hasPrefix(".public.") }
        #expect(leftovers.isEmpty, "no staging folder is left behind: \(leftovers)")
    }

    @Test(.timeLimit(.minutes(2)))
    func sigtermStopsTheServerCleanly() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.makeSite(in: folder)
        let server = try ServeProcess.serve(in: folder)
        defer { server.kill() }
        let port = try await server.waitForPort(timeout: 60)
        #expect(try await get("/", port).status == 200)
        server.signal(SIGTERM)
        #expect(await server.waitForExit(timeout: 15) == 0)
        #expect(server.output.contains("stopped"))
    }

    /// The server embedded in-process: the site is mounted at its base URL's path, `stop()`
    /// ends `run()`, and the port is chosen by the system.
    @Test(.timeLimit(.minutes(2)))
    func embeddedServerMountsTheSiteAtItsBasePathAndStops() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try Self.makeSite(in: folder)
        try edit(folder, "content/site.yaml") {
            $0.replacingOccurrences(of: "base_url: https://example.gov.cn/", with: "base_url: https://example.gov.cn/gazette/")
        }
        let ready = AsyncStream<URL>.makeStream()
        let server = PreviewServer(
            configuration: .init(contentRoot: folder.url.appendingPathComponent("content"),
                                 themeRoot: folder.url.appendingPathComponent("theme"),
                                 outputRoot: folder.url.appendingPathComponent("public"),
                                 today: fixedToday, port: 0, handlesSignals: false),
            log: { _ in }, report: { _ in }, onReady: { ready.continuation.yield($0) })
        let running = Task { try await server.run() }
        let url = try #require(await firstElement(of: ready.stream, within: .seconds(60)))
        let port = try #require(url.port)
        #expect(port > 0 && url.absoluteString == "http://127.0.0.1:\(port)/gazette/")
        let root = try await get("/", port)
        #expect(root.status == 302 && root.headers["location"] == "/gazette/")
        #expect(try await get("/gazette", port).headers["location"] == "/gazette/")
        let home = try await get("/gazette/", port)
        #expect(home.status == 200 && home.body.contains(PageInjection.scriptPath))
        #expect(try await get("/gazette/feed.json", port).status == 200)
        let outside = try await get("/feed.json", port)
        #expect(outside.status == 404 && outside.body.contains("/gazette/assets/site.css"), "the 404 page, whose links work here")
        #expect(try await get("/gazette/assets/site.css", port).status == 200)

        // A page still listening does not hold up the shutdown: its stream is ended.
        let events = try await onDispatchThread { try EventStreamProbe(port: port) }
        #expect(await onDispatchThread { events.next("hello", timeout: 5) } != nil)
        #expect(server.openEventStreams == 1)
        await server.stop()
        #expect(await onDispatchThread { events.waitForEnd(timeout: 10) }, "stop() ends the open event streams")
        let stopped = await firstElement(of: AsyncStream { continuation in
            Task { continuation.yield((try? await running.value) != nil); continuation.finish() }
        }, within: .seconds(15))
        #expect(stopped == true, "run() returns without error after stop()")
        if stopped == nil { running.cancel() }
    }

    // MARK: - Pieces

    @Test func pathsThatLeaveTheSiteAreRefused() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let root = folder.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("issues"), withIntermediateDirectories: true)
        try "<p>hi</p>".write(to: root.appendingPathComponent("issues/index.html"), atomically: true, encoding: .utf8)
        try "{}".write(to: root.appendingPathComponent("feed.json"), atomically: true, encoding: .utf8)
        try "secret".write(to: folder.url.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("link.txt").path,
                                                   withDestinationPath: folder.url.appendingPathComponent("secret.txt").path)
        let real = root.resolvingSymlinksInPath()

        #expect(SitePath.resolve("/issues/", in: root) == .file(real.appendingPathComponent("issues/index.html")))
        #expect(SitePath.resolve("/issues", in: root) == .folderWithoutSlash)
        #expect(SitePath.resolve("/feed.json", in: root) == .file(real.appendingPathComponent("feed.json")))
        #expect(SitePath.resolve("/feed.json/", in: root) == .missing)
        #expect(SitePath.resolve("/nothing.html", in: root) == .missing)
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/issues/..%2f..%2fsecret.txt", "/%2", "relative",
                     "/issues/%2e/index.html", "/a%00b", "/..\\secret.txt"] {
            #expect(SitePath.resolve(path, in: root) == .refused, "\(path)")
        }
        #expect(SitePath.resolve("/link.txt", in: root) == .refused, "a link out of the site is not followed")

        // Mounted at the base URL's path, as on the real host.
        #expect(SitePath.resolve("/gongbao/feed.json", in: root, mount: "/gongbao/") == .file(real.appendingPathComponent("feed.json")))
        #expect(SitePath.resolve("/gongbao/issues/", in: root, mount: "/gongbao/") == .file(real.appendingPathComponent("issues/index.html")))
        #expect(SitePath.resolve("/gongbao", in: root, mount: "/gongbao/") == .folderWithoutSlash)
        #expect(SitePath.resolve("/feed.json", in: root, mount: "/gongbao/") == .missing)
        #expect(SitePath.resolve("/gongbao/../feed.json", in: root, mount: "/gongbao/") == .refused)
        #expect(SitePath.resolve("/%E5%85%AC%E6%8A%A5/feed.json", in: root, mount: "/公报/") == .file(real.appendingPathComponent("feed.json")))
    }

    @Test func mediaTypes() {
        #expect(MediaTypes.type(ofFileNamed: "index.html") == "text/html; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: "feed.json") == "application/json; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: "notices.ics") == "text/calendar; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: "sitemap.xml") == "application/xml; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: "documents.csv") == "text/csv; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: "lookup.js") == "text/javascript; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: "site.css") == "text/css; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: "emblem.SVG") == "image/svg+xml")
        #expect(MediaTypes.type(ofFileNamed: "song.woff2") == "font/woff2")
        #expect(MediaTypes.type(ofFileNamed: "1d.gz") == "application/gzip")
        #expect(MediaTypes.type(ofFileNamed: "SHA256SUMS") == "text/plain; charset=utf-8")
        #expect(MediaTypes.type(ofFileNamed: ".hidden") == "application/octet-stream")
    }

    @Test func theOverlayEscapesAndThePageKeepsItsShape() {
        let error = Diagnostic(.error, "`status` 应为 有效，而不是“<script>alert(1)</script>”",
                               at: SourceLocation(path: "content/a&b.md", line: 3, column: 9))
        let page = PageInjection.inject(into: "<html><BODY class=\"x\"><p>正文</p></Body></html>",
                                        build: .init(generation: "g\"1", errors: [error], basePath: "/"))
        #expect(page.contains("content/a&amp;b.md:3:9"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !page.contains("<script>alert"))
        #expect(page.contains("data-gazette-build=\"g&quot;1\""))
        let overlay = page.range(of: "id=\"\(PageInjection.overlayID)\"")
        let body = page.range(of: "<BODY class=\"x\">")
        let script = page.range(of: "<script src=\"\(PageInjection.scriptPath)\"")
        #expect(body != nil && overlay != nil && script != nil)
        if let body, let overlay, let script {
            #expect(body.upperBound <= overlay.lowerBound, "the overlay opens the body")
            #expect(script.upperBound <= page.range(of: "</Body>")!.lowerBound, "the script closes it")
        }
        #expect(!PageInjection.inject(into: "<p>x</p>", build: .init(generation: "1", errors: [], basePath: "/")).contains(PageInjection.overlayID))
    }

    @Test func snapshotsSeeSavesAndIgnoreEditorScratchFiles() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = folder.url.appendingPathComponent("a.md")
        try "one".write(to: file, atomically: true, encoding: .utf8)
        let before = FolderSnapshot(roots: [folder.url])
        try ".a.md.swp".write(to: folder.url.appendingPathComponent(".a.md.swp"), atomically: true, encoding: .utf8)
        try "backup".write(to: folder.url.appendingPathComponent("a.md~"), atomically: true, encoding: .utf8)
        #expect(FolderSnapshot(roots: [folder.url]) == before)
        try "two".write(to: file, atomically: true, encoding: .utf8)
        let after = FolderSnapshot(roots: [folder.url])
        #expect(before.changes(to: after) == [file.standardizedFileURL.path])

        let output = folder.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "page".write(to: output.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        #expect(FolderSnapshot(roots: [folder.url], skipping: [output]) == after, "the output folder is not watched")
    }

    // MARK: - Helpers

    private func get(_ path: String, _ port: Int, method: String = "GET") async throws -> HTTPProbe.Reply {
        try await onDispatchThread { try HTTPProbe.request(path, method: method, port: port) }
    }

    private func edit(_ folder: TemporaryFolder, _ path: String, _ change: (String) -> String) throws {
        let url = folder.url.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit of \(path) changed nothing")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }
}

/// Blocking socket and process work runs on a Dispatch thread, never on a thread of the
/// cooperative pool that the other tests (and the embedded server) need.
private func onDispatchThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}

private func onDispatchThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

/// The first element of `stream`, or nil when none comes within `limit`.
private func firstElement<T: Sendable>(of stream: AsyncStream<T>, within limit: Duration) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await stream.first { _ in true } }
        group.addTask { try? await Task.sleep(for: limit); return nil }
        let result = await group.next() ?? nil
        group.cancelAll()
        return result
    }
}

/// `site serve --port 0` running in its own process, as an editor runs it.
final class ServeProcess: @unchecked Sendable {
    private let process = Process()
    private let lock = NSLock()
    private var collected = ""

    /// Everything the process printed so far, standard output and error interleaved.
    var output: String { lock.withLock { collected } }

    /// The `site` executable built beside the test bundle.
    static func executable() throws -> URL {
        var folders: [URL] = [URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()]
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(Bundle.main.bundleURL)
        for folder in folders {
            let site = folder.appendingPathComponent("site")
            if FileManager.default.isExecutableFile(atPath: site.path) { return site }
        }
        throw HTTPProbe.Failure(description: "the site executable was not found beside the tests (in \(folders.map(\.path)))")
    }

    /// Starts `site serve` in `folder` (with `content/`, `theme/`, output `public/`).
    static func serve(in folder: TemporaryFolder) throws -> ServeProcess {
        let server = ServeProcess()
        server.process.executableURL = try executable()
        server.process.arguments = ["serve", "--port", "0", "--content", "content", "--theme", "theme",
                                    "--output", "public", "--today", "2026-11-29"]
        server.process.currentDirectoryURL = folder.url
        let pipe = Pipe()
        server.process.standardOutput = pipe
        server.process.standardError = pipe
        pipe.fileHandleForReading.readabilityHandler = { [weak server] handle in
            let data = handle.availableData
            guard let server, !data.isEmpty else { return }
            server.lock.withLock { server.collected += String(decoding: data, as: UTF8.self) }
        }
        try server.process.run()
        return server
    }

    /// The port from the `serving http://127.0.0.1:PORT/` line.
    func waitForPort(timeout: Double) async throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let port = output.between("http://127.0.0.1:", "/").flatMap(Int.init) { return port }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HTTPProbe.Failure(description: "site serve did not announce its URL within \(timeout) s:\n\(output)")
    }

    func signal(_ number: Int32) { Foundation.kill(process.processIdentifier, number) }

    /// The exit status, or nil when the process is still running after `timeout` seconds.
    func waitForExit(timeout: Double) async -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Last resort, for a test that failed before stopping the server itself.
    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }
}

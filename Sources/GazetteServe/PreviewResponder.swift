import Foundation
import Hummingbird

/// Answers every request of the preview: the event stream, the reload script and the
/// overlay's style sheet under `/__gazette/`, and otherwise the files of the output folder.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let outputRoot: URL
    let state: PreviewState
    let channel: ReloadChannel

    static let eventsPath = "/__gazette/events"

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Self.text("只支持 GET 和 HEAD 请求\n", status: .methodNotAllowed, extra: [.allow: "GET, HEAD"])
        }
        let response = try await route(request)
        return request.method == .head ? response.createHeadResponse() : response
    }

    private func route(_ request: Request) async throws -> Response {
        switch request.uri.path {
        case Self.eventsPath:
            return events()
        case PageInjection.scriptPath:
            return Self.bytes(Data(LiveScript.source.utf8), type: MediaTypes.type(ofFileNamed: "live.js"), status: .ok)
        case PageInjection.stylePath:
            return Self.bytes(Data(PageInjection.overlayStyle.utf8), type: MediaTypes.type(ofFileNamed: "overlay.css"), status: .ok)
        default:
            return try await file(at: request.uri.path, query: request.uri.query)
        }
    }

    /// A server-sent-event stream: `hello` with the latest build now, `reload` after each build.
    private func events() -> Response {
        // Subscribe before reading the latest build, so a build that ends in between is
        // announced rather than lost.
        let stream = channel.subscribe()
        let hello = "retry: 1000\n" + ReloadChannel.event("hello", data: state.current.generation)
        let headers: HTTPFields = [
            .contentType: "text/event-stream; charset=utf-8",
            .cacheControl: "no-store",
        ]
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: hello))
            for await text in stream {
                try await writer.write(ByteBuffer(string: text))
            }
            try await writer.finish(nil)
        })
    }

    private func file(at path: String, query: String?) async throws -> Response {
        // Read before the file: a page that is newer than its tag only reloads once more,
        // while one tagged newer than its content would never reload.
        let build = state.current
        func redirect(to location: String) -> Response {
            // 302, not 301: browsers keep 301s for good, and a preview's folders and base
            // path can change with the next build.
            let target = query.map { location + "?" + $0 } ?? location
            return Self.text("见 \(target)\n", status: .found, extra: [.location: target])
        }
        if path == "/", build.basePath != "/" { return redirect(to: build.basePath) }
        let resolution = SitePath.resolve(path, in: outputRoot, mount: build.basePath)
        switch resolution {
        case .refused:
            return Self.text("请求路径无效\n", status: .badRequest)
        case .folderWithoutSlash:
            return redirect(to: path + "/")
        case .file, .missing:
            if let (data, type) = await load(resolution) {
                return serve(data, type: type, status: .ok, build: build)
            }
        }
        if state.isBuilding {
            // The build may be swapping the output folder in this instant; ask again after it.
            await state.waitUntilIdle()
            let after = state.current
            if let (data, type) = await load(SitePath.resolve(path, in: outputRoot, mount: after.basePath)) {
                return serve(data, type: type, status: .ok, build: after)
            }
        }
        return await notFound(build: build)
    }

    /// The site's own `404.html`, as a static host would answer, or a bare page when the
    /// site has none yet (no build has ever succeeded).
    private func notFound(build: PreviewState.Build) async -> Response {
        let page = outputRoot.appendingPathComponent("404.html")
        if let data = try? await offload({ try Data(contentsOf: page) }) {
            return serve(data, type: MediaTypes.html, status: .notFound, build: build)
        }
        let bare = """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>页面不存在</title></head>
        <body><h1>页面不存在</h1><p>输出文件夹中没有这个文件。</p></body></html>

        """
        return serve(Data(bare.utf8), type: MediaTypes.html, status: .notFound, build: build)
    }

    /// The file's bytes and media type, or nil when there is no file (or it went away).
    private func load(_ resolution: SitePath.Resolution) async -> (Data, String)? {
        guard case .file(let url) = resolution else { return nil }
        guard let data = try? await offload({ try Data(contentsOf: url) }) else { return nil }
        return (data, MediaTypes.type(ofFileNamed: url.lastPathComponent))
    }

    private func serve(_ data: Data, type: String, status: HTTPResponse.Status, build: PreviewState.Build) -> Response {
        guard MediaTypes.isHTML(type) else { return Self.bytes(data, type: type, status: status) }
        let page = PageInjection.inject(into: String(decoding: data, as: UTF8.self), build: build)
        return Self.bytes(Data(page.utf8), type: type, status: status)
    }

    /// Every response is `no-store`: a preview must never show a cached copy of an old build.
    private static func bytes(_ data: Data, type: String, status: HTTPResponse.Status,
                              extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [
            .contentType: type,
            .cacheControl: "no-store",
            .init("X-Content-Type-Options")!: "nosniff",
        ]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    private static func text(_ message: String, status: HTTPResponse.Status, extra: HTTPFields = [:]) -> Response {
        bytes(Data(message.utf8), type: MediaTypes.type(ofFileNamed: "message.txt"), status: status, extra: extra)
    }
}

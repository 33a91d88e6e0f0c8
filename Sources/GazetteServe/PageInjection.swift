import Foundation
import GazetteModel

/// What the preview server adds to every HTML page it serves, and only there: the output
/// folder stays exactly what `site build` publishes.
///
/// - the live-reload script, tagged with the build the page was served after;
/// - while the latest build failed, an overlay listing its errors with their places, so an
///   editor sees why the page did not change without looking at the terminal.
enum PageInjection {
    /// The URL the live-reload script is served at.
    static let scriptPath = "/__gazette/live.js"
    /// The URL of the overlay's style sheet. Script and style are files from the same origin
    /// rather than inline, so that a Content-Security-Policy of `'self'` lets them run.
    static let stylePath = "/__gazette/overlay.css"
    /// The `id` of the error overlay (the script wires its close button through it).
    static let overlayID = "gazette-build-errors"
    /// More errors than this are counted, not listed: the page must stay usable.
    static let listedErrorLimit = 50

    /// `html` with the overlay (when `build` has errors) after `<body>`, where keyboard and
    /// screen-reader users meet it first, and the script before `</body>`.
    static func inject(into html: String, build: PreviewState.Build) -> String {
        var page = html
        let script = "<script src=\"\(scriptPath)\" data-gazette-build=\"\(escape(build.generation))\"></script>\n"
        if let end = page.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            page.insert(contentsOf: script, at: end.lowerBound)
        } else {
            page += script
        }
        if !build.errors.isEmpty {
            let overlay = overlay(for: build.errors)
            if let body = openingBodyTagEnd(in: page) {
                page.insert(contentsOf: "\n" + overlay, at: body)
            } else {
                page = overlay + page
            }
        }
        return page
    }

    /// The overlay: a live region (`role="alert"`) so that it is announced when the page
    /// reloads into it, a heading, and the errors as an ordered list, each with its
    /// `file:line:col`. Every piece of content text is escaped: messages quote the content
    /// that was wrong, which may well contain `<`.
    static func overlay(for errors: [Diagnostic]) -> String {
        var items = errors.prefix(listedErrorLimit).map { error in
            "<li><code>\(escape(error.location.description))</code> \(escape(error.message))</li>"
        }
        if errors.count > listedErrorLimit {
            items.append("<li>……另有 \(errors.count - listedErrorLimit) 个错误，见终端输出。</li>")
        }
        return """
        <div id="\(overlayID)" role="alert" aria-labelledby="\(overlayID)-title" lang="zh-CN">
        <link rel="stylesheet" href="\(stylePath)">
        <h2 id="\(overlayID)-title">构建失败：\(errors.count) 个错误</h2>
        <p>修正以下错误并保存后，页面会自动刷新。在此之前，预览显示的是上一次成功构建的网站。</p>
        <ol>
        \(items.joined(separator: "\n"))
        </ol>
        <button type="button" data-gazette-dismiss>关闭提示</button>
        </div>

        """
    }

    /// Escapes text for HTML element content and quoted attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// Where the content of `<body …>` starts, if the page has a body tag.
    private static func openingBodyTagEnd(in page: String) -> String.Index? {
        var searchFrom = page.startIndex
        while let open = page.range(of: "<body", options: .caseInsensitive, range: searchFrom..<page.endIndex) {
            // `<body>` or `<body class=…>`, not `<bodyguard>`.
            if open.upperBound < page.endIndex, page[open.upperBound] == ">" || page[open.upperBound].isWhitespace,
               let close = page.range(of: ">", range: open.upperBound..<page.endIndex) {
                return close.upperBound
            }
            searchFrom = open.upperBound
        }
        return nil
    }

    /// Scoped to the overlay's id so the site's own styles neither change it nor are changed
    /// by it; contrast well above WCAG AA, text sized in rem so browser zoom applies.
    static let overlayStyle = """
    #\(overlayID){position:fixed;top:0;left:0;right:0;z-index:2147483647;max-height:70vh;overflow:auto;\
    box-sizing:border-box;margin:0;padding:1rem 1.5rem;background:#fff;color:#1a1a1a;\
    border-bottom:0.4rem solid #b3261e;box-shadow:0 0.2rem 1rem rgba(0,0,0,.35);\
    font:1rem/1.6 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;text-align:left}\
    #\(overlayID) h2{margin:0 0 .5rem;font-size:1.25rem;color:#b3261e}\
    #\(overlayID) p{margin:0 0 .5rem}\
    #\(overlayID) ol{margin:0 0 .75rem;padding-left:1.5rem}\
    #\(overlayID) li{margin:.25rem 0;overflow-wrap:anywhere}\
    #\(overlayID) code{font-family:ui-monospace,Menlo,Consolas,monospace;background:#f3f3f3;padding:0 .25rem}\
    #\(overlayID) button{font:inherit;padding:.25rem 1rem;cursor:pointer}\
    #\(overlayID) button:focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}

    """
}

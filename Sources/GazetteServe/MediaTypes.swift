/// The `Content-Type` of a published file, from its name.
///
/// The table is explicit rather than taken from the system's MIME database so that the preview
/// answers the same on every machine, and matches what the site's data users expect: feeds,
/// calendars and CSV files are text in UTF-8, the search shards are opaque gzip blobs that the
/// page inflates itself (so they carry no `Content-Encoding`).
enum MediaTypes {
    static let html = "text/html; charset=utf-8"
    static let fallback = "application/octet-stream"

    private static let byExtension: [String: String] = [
        "html": html,
        "htm": html,
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8",
        "json": "application/json; charset=utf-8",
        "map": "application/json; charset=utf-8",
        "webmanifest": "application/manifest+json; charset=utf-8",
        "xml": "application/xml; charset=utf-8",
        "ics": "text/calendar; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "md": "text/markdown; charset=utf-8",
        "yaml": "application/yaml; charset=utf-8",
        "yml": "application/yaml; charset=utf-8",
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "gif": "image/gif",
        "webp": "image/webp",
        "avif": "image/avif",
        "ico": "image/x-icon",
        "woff2": "font/woff2",
        "woff": "font/woff",
        "ttf": "font/ttf",
        "otf": "font/otf",
        "pdf": "application/pdf",
        "zip": "application/zip",
        "gz": "application/gzip",
        "wasm": "application/wasm",
    ]

    /// Files the site publishes without an extension.
    private static let byName: [String: String] = [
        "SHA256SUMS": "text/plain; charset=utf-8",
    ]

    /// The media type of the file named `name` (its last path component).
    static func type(ofFileNamed name: String) -> String {
        if let type = byName[name] { return type }
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return fallback }
        return byExtension[name[name.index(after: dot)...].lowercased()] ?? fallback
    }

    static func isHTML(_ type: String) -> Bool { type.hasPrefix("text/html") }
}

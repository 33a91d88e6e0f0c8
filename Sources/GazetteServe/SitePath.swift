import Foundation

/// Maps a request path onto a file of the published site, refusing anything that could name a
/// file outside it.
///
/// The site is mounted at the path of its base URL (`/gongbao/`), as it will be on the real
/// host, so that the links that must be absolute (the 404 page's) work in the preview too.
///
/// The path is checked segment by segment *after* percent-decoding, so `/%2e%2e/` and
/// `/..%2f` are caught as surely as `/../`; and the file found is checked again after
/// resolving symbolic links, so a link inside the output folder cannot lead out of it either.
enum SitePath {
    enum Resolution: Equatable {
        /// A regular file inside the site.
        case file(URL)
        /// A folder asked for without its trailing slash: the browser must come back with the
        /// slash, or the page's relative links would resolve one level too high.
        case folderWithoutSlash
        /// Nothing published there (yet), or a path outside the mount.
        case missing
        /// A path that tries to leave the site, or that no file name can have.
        case refused
    }

    /// Resolves the raw (still percent-encoded) `path` of a request for the site in `root`,
    /// mounted at `mount` (a path such as `/gongbao/`; `/` for the root).
    static func resolve(_ path: String, in root: URL, mount: String = "/") -> Resolution {
        guard let segments = decodedSegments(of: path) else { return .refused }
        let mountSegments = mount.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.starts(with: mountSegments) else { return .missing }
        guard let realRoot = realPath(root.path) else { return .missing }
        let relative = segments.dropFirst(mountSegments.count).joined(separator: "/")
        let candidate = relative.isEmpty ? realRoot : realRoot + "/" + relative
        guard let real = realPath(candidate) else { return .missing }
        guard real == realRoot || real.hasPrefix(realRoot + "/") else { return .refused }

        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real, isDirectory: &isFolder) else { return .missing }
        if isFolder.boolValue {
            guard path.hasSuffix("/") else { return .folderWithoutSlash }
            let index = real + "/index.html"
            return isRegularFile(index) ? .file(URL(fileURLWithPath: index)) : .missing
        }
        // `/feed.json/` names a folder that does not exist, not the file.
        guard !path.hasSuffix("/"), isRegularFile(real) else { return .missing }
        return .file(URL(fileURLWithPath: real))
    }

    /// The decoded, non-empty segments of `path`, or nil when one of them is not a plain name.
    static func decodedSegments(of path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        var segments: [String] = []
        for raw in path.split(separator: "/", omittingEmptySubsequences: true) {
            guard let segment = String(raw).removingPercentEncoding, isPlainName(segment) else { return nil }
            segments.append(segment)
        }
        return segments
    }

    /// A name that stays in its folder: no `.`/`..`, no (encoded) separators, no control characters.
    private static func isPlainName(_ segment: String) -> Bool {
        !segment.isEmpty && segment != "." && segment != ".."
            && !segment.contains("/") && !segment.contains("\\")
            && !segment.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}

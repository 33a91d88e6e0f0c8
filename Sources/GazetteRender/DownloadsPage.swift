import GazetteModel

/// `/downloads/`: what the open data is, how to get it, and how to check a download.
public struct DownloadsPage {
    /// Its template, known before the page is (the page needs the open data's manifest).
    public static let template = "downloads"

    /// A file to download with its size and SHA-256.
    public struct File: Sendable {
        public let name: String
        public let path: String
        public let size: Int
        public let sha256: String
        public let description: String
        /// Files inside an archive; nil for a plain file.
        public let entryCount: Int?

        public init(name: String, path: String, size: Int, sha256: String, description: String, entryCount: Int?) {
            self.name = name
            self.path = path
            self.size = size
            self.sha256 = sha256
            self.description = description
            self.entryCount = entryCount
        }
    }

    /// An endpoint of the JSON API.
    public struct Endpoint: Sendable {
        public let path: String
        /// A concrete file to link to (for a templated path, its first file).
        public let example: String?
        public let schemaPath: String
        public let count: Int
        public let templated: Bool
        public let description: String

        public init(path: String, example: String?, schemaPath: String, count: Int, templated: Bool, description: String) {
            self.path = path
            self.example = example
            self.schemaPath = schemaPath
            self.count = count
            self.templated = templated
            self.description = description
        }
    }

    /// A feed to subscribe to.
    public struct Feed: Sendable {
        public let path: String
        public let format: String
        public let description: String

        public init(path: String, format: String, description: String) {
            self.path = path
            self.format = format
            self.description = description
        }
    }

    let site: Site
    let layout: Layout

    public init(site: Site) {
        self.site = site
        self.layout = Layout(site: site)
    }

    public func page(files: [File], checksumsPath: String, endpoints: [Endpoint], feeds: [Feed]) -> Page {
        let path = SiteURL.downloads + "index.html"
        let title = "开放数据与下载"
        let extra: [String: Any] = [
            "today": site.today.chinese,
            "files": files.map { file -> [String: Any] in
                var item: [String: Any] = [
                    "name": file.name, "url": file.path, "size": file.size, "size_label": Self.sizeLabel(file.size),
                    "sha256": file.sha256, "description": file.description,
                ]
                if let count = file.entryCount { item["entry_count"] = count }
                return item
            },
            "checksums_url": checksumsPath,
            "feeds": feeds.map { ["url": $0.path, "format": Self.formatLabel($0.format), "description": $0.description] },
            "endpoints": endpoints.map { endpoint -> [String: Any] in
                var item: [String: Any] = [
                    "path": endpoint.path, "schema_url": endpoint.schemaPath, "count": endpoint.count,
                    "count_label": endpoint.templated ? "\(endpoint.count) 个文件" : "\(endpoint.count) 条",
                    "description": endpoint.description,
                ]
                if let example = endpoint.example { item[endpoint.templated ? "example_url" : "url"] = example }
                return item
            },
            "catalog_url": SiteURL.api + "index.json",
        ]
        return Page(path: path, template: Self.template, title: title,
                    context: layout.context(path: path, title: title, section: "", extra: extra))
    }

    /// “1.2 MB”, “35.4 KB”, “512 字节”.
    static func sizeLabel(_ bytes: Int) -> String {
        func oneDecimal(_ value: Double) -> String {
            let tenths = Int((value * 10).rounded())
            return "\(tenths / 10).\(tenths % 10)"
        }
        if bytes < 1024 { return "\(bytes) 字节" }
        if bytes < 1024 * 1024 { return oneDecimal(Double(bytes) / 1024) + " KB" }
        return oneDecimal(Double(bytes) / (1024 * 1024)) + " MB"
    }

    static func formatLabel(_ format: String) -> String {
        switch format {
        case "atom": return "Atom"
        case "json_feed": return "JSON Feed"
        case "icalendar": return "iCalendar"
        default: return format
        }
    }
}

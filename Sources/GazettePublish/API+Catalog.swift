import GazetteModel

extension API {
    /// `index.json`: what a data user reads first.
    struct Catalog: Encodable {
        let apiVersion: String
        let title: String
        let publisher: String
        let jurisdiction: String
        let language: String
        let baseURL: String
        /// The build date: the only date in the output that is not from the content.
        let buildDate: String
        /// The page that explains the data (`downloads/`).
        let documentationPath: String
        let documentationURL: String
        let endpoints: [Endpoint]
        let feeds: [Feed]
        let downloads: [Download]
    }

    struct Endpoint: Encodable, Sendable {
        let name: String
        /// The path, with `{id}` where one file per item is published.
        let path: String
        let url: String
        let templated: Bool
        /// Every file of the endpoint, relative to the site root.
        let paths: [String]
        /// Items in a list file, or files of a templated endpoint.
        let count: Int
        let schemaPath: String
        let schemaURL: String
        let descriptionZh: String
        let descriptionEn: String
    }

    struct Feed: Encodable, Sendable {
        let name: String
        let path: String
        let url: String
        /// `atom`, `json_feed` or `icalendar`.
        let format: String
        let mediaType: String
        let descriptionZh: String
        let descriptionEn: String
    }

    struct Download: Encodable, Sendable {
        let name: String
        let path: String
        let url: String
        let mediaType: String
        let descriptionZh: String
        let descriptionEn: String
    }
}

extension OpenData {
    /// An endpoint of one file (`documents.json`) or of one file per item (`documents/{id}.json`).
    func endpoint(_ name: String, _ path: String, paths: [String]? = nil, count: Int, schema: String,
                  zh: String, en: String) -> API.Endpoint {
        API.Endpoint(name: name, path: path, url: url(path), templated: paths != nil, paths: paths ?? [path],
                     count: count, schemaPath: SiteURL.apiSchema(schema), schemaURL: url(SiteURL.apiSchema(schema)),
                     descriptionZh: zh, descriptionEn: en)
    }

    /// Every feed of the site: the whole gazette, each issuer, the notices' calendar.
    var feeds: [API.Feed] {
        var feeds = [
            API.Feed(name: "atom", path: SiteURL.atomFeed, url: url(SiteURL.atomFeed), format: "atom",
                     mediaType: "application/atom+xml", descriptionZh: "最新的 \(OpenData.feedLimit) 件文件和政策解读，最新的在前（Atom 1.0）；全部文件见接口和下载。",
                     descriptionEn: "The newest \(OpenData.feedLimit) documents and interpretations, newest first (Atom 1.0); the API and the download hold all."),
            API.Feed(name: "json_feed", path: SiteURL.jsonFeed, url: url(SiteURL.jsonFeed), format: "json_feed",
                     mediaType: "application/feed+json", descriptionZh: "同上，JSON Feed 1.1 格式。",
                     descriptionEn: "The same as JSON Feed 1.1."),
        ]
        for (agency, code) in site.config.issuerCodes.sorted(by: { $0.value < $1.value }) {
            feeds.append(API.Feed(
                name: "issuer_\(code)", path: SiteURL.issuerFeed(code), url: url(SiteURL.issuerFeed(code)),
                format: "atom", mediaType: "application/atom+xml",
                descriptionZh: "发文字号为“\(agency)〔年份〕N号”的最新 \(OpenData.feedLimit) 件文件及其政策解读（Atom 1.0）。",
                descriptionEn: "The newest \(OpenData.feedLimit) documents numbered \(agency)〔year〕N号 and their interpretations (Atom 1.0)."))
        }
        feeds.append(API.Feed(name: "notices_calendar", path: "notices.ics", url: url("notices.ics"), format: "icalendar",
                              mediaType: "text/calendar", descriptionZh: "全部公示的公示期，可导入手机日历（iCalendar）。",
                              descriptionEn: "The period of every public notice as all-day events (iCalendar)."))
        return feeds
    }

    /// The bulk downloads, described (their sizes and hashes are on the downloads page).
    var downloads: [API.Download] {
        [
            API.Download(name: "archive", path: DataArchive.path, url: url(DataArchive.path), mediaType: "application/zip",
                         descriptionZh: "全部 JSON 文件（接口、模式、JSON Feed、表格）和全部表格的 CSV，及 documents.csv，一个压缩包。",
                         descriptionEn: "Every JSON file (API, schemas, JSON Feed, tables), every table as CSV, and documents.csv, in one ZIP."),
            API.Download(name: "documents_csv", path: DocumentsCSV.path, url: url(DocumentsCSV.path), mediaType: "text/csv",
                         descriptionZh: "每件文件一行：文号、标题、文种、发文机关、成文日期、发布日期、期次、页码、主题、有效性和链接。",
                         descriptionEn: "One row per document: number, title, type, issuer, dates, issue, page, topics, status and links."),
            API.Download(name: "checksums", path: DownloadFiles.checksumsPath, url: url(DownloadFiles.checksumsPath),
                         mediaType: "text/plain", descriptionZh: "上面两个文件的 SHA-256 校验值（sha256sum 格式）。",
                         descriptionEn: "SHA-256 of the two files above, in sha256sum format."),
        ]
    }

    func catalog(endpoints: [API.Endpoint]) -> API.Catalog {
        API.Catalog(apiVersion: "v1", title: site.config.title, publisher: site.config.publisher,
                    jurisdiction: site.config.jurisdiction, language: site.config.language,
                    baseURL: site.config.absoluteURL(""), buildDate: site.today.iso,
                    documentationPath: SiteURL.downloads, documentationURL: url(SiteURL.downloads),
                    endpoints: endpoints, feeds: feeds, downloads: downloads)
    }
}

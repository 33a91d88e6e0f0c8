import Foundation
import GazetteModel

/// What the downloads page lists: the bulk files with their sizes and SHA-256, the API's
/// endpoints and the feeds. Made by `OpenData`, shown by the page; kept in the build cache as JSON
/// with the open data it describes, when that is kept whole.
public struct DownloadManifest: Sendable, Codable {
    /// A file to download, with what a user needs to check it arrived whole.
    public struct File: Sendable, Codable {
        public let name: String
        public let path: String
        public let mediaType: String
        public let size: Int
        /// 64 lowercase hexadecimal digits.
        public let sha256: String
        public let descriptionZh: String
        public let descriptionEn: String
        /// Files inside an archive; nil for a plain file.
        public let entryCount: Int?
    }

    /// An endpoint of the JSON API.
    public struct Endpoint: Sendable, Codable {
        public let name: String
        /// With `{id}` where one file per item is published.
        public let path: String
        /// A concrete file to open: the path itself, or the first file of a templated endpoint.
        public let example: String?
        public let schemaPath: String
        public let count: Int
        public let templated: Bool
        public let descriptionZh: String
        public let descriptionEn: String
    }

    /// A feed to subscribe to.
    public struct Feed: Sendable, Codable {
        public let name: String
        public let path: String
        /// `atom`, `json_feed` or `icalendar`.
        public let format: String
        public let descriptionZh: String
    }

    public let files: [File]
    /// `downloads/SHA256SUMS`, in the format `sha256sum -c` reads.
    public let checksumsPath: String
    public let endpoints: [Endpoint]
    public let feeds: [Feed]
}

/// The files below `/downloads/`.
enum DownloadFiles {
    static let checksumsPath = "downloads/SHA256SUMS"

    /// `<sha256>  <name>` lines, names relative to the downloads folder.
    static func checksums(_ files: [DownloadManifest.File]) -> String {
        files.map { "\($0.sha256)  \(($0.path as NSString).lastPathComponent)\n" }.joined()
    }
}

import Foundation
import GazetteModel

/// `/downloads/gazette-data.zip`: the site's data files in one download, at the same paths
/// as on the site, so that an unpacked copy mirrors the site and every entry can be checked
/// against the published file byte for byte.
enum DataArchive {
    static let path = "downloads/gazette-data.zip"

    /// A ZIP of `files`, entries sorted by path, deflated, each dated `date` (midnight) with mode
    /// 0644: the same files and date always give the same bytes.
    static func zip(_ files: [(path: String, data: Data)], date: Day) -> Data {
        let entries = files.sorted { $0.path < $1.path }.map { ZipWriter.Entry(name: $0.path, data: $0.data) }
        return ZipWriter.archive(entries, date: (date.year, date.month, date.day))
    }

    /// The same archive from entries deflated as they were made (`ZipWriter.pack`), in any order.
    static func zip(packed: [ZipWriter.Packed], date: Day) -> Data {
        ZipWriter.archive(packed.sorted { $0.name < $1.name }, date: (date.year, date.month, date.day))
    }
}

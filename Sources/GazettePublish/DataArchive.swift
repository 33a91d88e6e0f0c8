import Foundation
import GazetteModel

/// `/downloads/gazette-data.zip`: the site's data files in one download, at the same paths
/// as on the site, so that an unpacked copy mirrors the site and every entry can be checked
/// against the published file byte for byte.
enum DataArchive {
    static let path = "downloads/gazette-data.zip"

    /// A ZIP of entries deflated as they were made (`ZipWriter.pack`, in any order), sorted by path, each
    /// dated `date` (midnight) with mode 0644: the same files and date always give the same bytes. Takes
    /// the entries over: their bodies are the archive's parts.
    static func zip(packed: consuming [ZipWriter.Packed], date: Day) -> ZipArchive {
        packed.sort { $0.name < $1.name }
        return ZipWriter.archive(consume packed, date: (date.year, date.month, date.day))
    }
}

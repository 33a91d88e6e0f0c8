import Foundation
import GazetteDeflate

/// Writes a ZIP archive (PKWARE APPNOTE 6.3) in one pass: deflated entries with UTF-8 names,
/// fixed dates and permissions, and ZIP64 end records when there are more than 65,535 entries.
///
/// Written here rather than with a ZIP library because libraries that keep an updatable
/// archive rewrite the central directory after every entry, which grows with the square of
/// the number of files; an archive of a large gazette holds tens of thousands.
struct ZipWriter {
    struct Entry {
        let name: String
        let data: Data
    }

    /// An entry ready to be laid out: its CRC, its size, and its body deflated, or stored as it is when
    /// deflate does not help (tiny or already compressed files): then the body is as long as the file.
    struct Packed {
        let name: String
        let crc: UInt32
        let size: Int
        var body: Data
        var stored: Bool { body.count == size }
    }

    /// The compressor `pack` wants: raw DEFLATE at level 1. The archive's entries are JSON, CSV and text; on
    /// the 10,000-document corpus's API (197 MB) libdeflate's level 1 takes 0.82 s for 50.0 MB, its level 6
    /// 1.9 s for 46.1 MB (zlib's level 1: 1.56 s for 50.1 MB); the whole archive is 52.1 MB at level 1.
    static func deflater() -> Deflater { Deflater(.raw, level: 1) }

    static func pack(_ entry: Entry, with deflater: Deflater) -> Packed {
        let deflated = entry.data.withUnsafeBytes { Data(deflater.compress($0)) }
        return Packed(name: entry.name, crc: crc32(of: entry.data), size: entry.data.count,
                      body: deflated.count < entry.data.count ? deflated : entry.data)
    }

    /// The archive of entries packed beforehand (in the order given), each dated `date` (midnight).
    /// Consumes them: the archive's parts are their bodies, where they already are (a body kept from the
    /// last build is a slice of its archive, mapped), between runs of headers made here.
    static func archive(_ packed: consuming [Packed], date: (year: Int, month: Int, day: Int)) -> ZipArchive {
        let dosDate = UInt16(max(0, date.year - 1980)) << 9 | UInt16(date.month) << 5 | UInt16(date.day)
        let entryCount = packed.count
        let zip64 = entryCount > 0xFFFF
        var archive = ZipArchive()
        // Headers, and bodies too short to be worth a part of their own, gather here until the next long body.
        var run = Cursor()
        var central = Cursor()
        for entry in packed {
            let name = Data(entry.name.utf8)
            let offset = archive.count + run.bytes.count
            let method: UInt16 = entry.stored ? 0 : 8
            run.le32(0x0403_4b50)
            run.le16(20)                  // version needed: 2.0
            run.le16(0x0800)              // names are UTF-8
            run.le16(method)
            run.le16(0)                   // time 00:00
            run.le16(dosDate)
            run.le32(entry.crc)
            run.le32(UInt32(entry.body.count))
            run.le32(UInt32(entry.size))
            run.le16(UInt16(name.count))
            run.le16(0)
            run.bytes(name)
            if entry.body.count < ZipArchive.shortBody {
                run.bytes(entry.body)
            } else {
                archive.append(Data(run.bytes))
                run = Cursor()
                archive.append(entry.body)
            }

            central.le32(0x0201_4b50)
            central.le16(3 << 8 | 20)     // made by: Unix, 2.0
            central.le16(20)
            central.le16(0x0800)
            central.le16(method)
            central.le16(0)
            central.le16(dosDate)
            central.le32(entry.crc)
            central.le32(UInt32(entry.body.count))
            central.le32(UInt32(entry.size))
            central.le16(UInt16(name.count))
            central.le16(0)               // extra
            central.le16(0)               // comment
            central.le16(0)               // disk
            central.le16(0)               // internal attributes
            central.le32(UInt32(0o100644) << 16)  // regular file, rw-r--r--
            central.le32(UInt32(offset))
            central.bytes(name)
        }
        let localSize = archive.count + run.bytes.count
        let centralSize = central.bytes.count
        var end = run
        end.bytes += central.bytes
        if zip64 {
            let zip64Offset = localSize + centralSize
            end.le32(0x0606_4b50)
            end.le64(44)                  // size of the rest of this record
            end.le16(3 << 8 | 45)
            end.le16(45)
            end.le32(0)
            end.le32(0)
            end.le64(UInt64(entryCount))
            end.le64(UInt64(entryCount))
            end.le64(UInt64(centralSize))
            end.le64(UInt64(localSize))
            end.le32(0x0706_4b50)         // ZIP64 end of central directory locator
            end.le32(0)
            end.le64(UInt64(zip64Offset))
            end.le32(1)
        }
        end.le32(0x0605_4b50)
        end.le16(0)
        end.le16(0)
        end.le16(UInt16(min(entryCount, 0xFFFF)))
        end.le16(UInt16(min(entryCount, 0xFFFF)))
        end.le32(UInt32(centralSize))
        end.le32(UInt32(localSize))
        end.le16(0)
        archive.append(Data(end.bytes))
        return archive
    }

    static func crc32(of data: Data) -> UInt32 {
        data.withUnsafeBytes { Deflater.crc32($0) }
    }
}

/// A ZIP archive as the runs of bytes it is made of, in order. Never joined by the build: it is checksummed
/// and written part by part, so that the 52 MB archive of a 10,000-document gazette is not copied into a
/// buffer of its own (laid out so, the step took 70 ms of a rebuild after an edit, 10 ms as parts, and the
/// buffer was 50 MB of the rebuild's peak).
public struct ZipArchive {
    /// A body shorter than this is copied in with the headers around it: a part per body would make tens of
    /// thousands of tiny writes.
    static let shortBody = 1024

    public private(set) var parts: [Data] = []
    /// The archive's size in bytes.
    public private(set) var count = 0

    mutating func append(_ part: Data) {
        guard !part.isEmpty else { return }
        parts.append(part)
        count += part.count
    }

    /// The archive in one piece, for tests and for a caller that keeps nothing.
    public var data: Data { parts.reduce(into: Data(capacity: count)) { $0.append($1) } }
}

/// Writes little-endian numbers and bytes at the end of a growing buffer.
private struct Cursor {
    var bytes: [UInt8] = []

    mutating func le16(_ v: UInt16) { store(v) }
    mutating func le32(_ v: UInt32) { store(v) }
    mutating func le64(_ v: UInt64) { store(v) }

    mutating func bytes(_ data: Data) { bytes.append(contentsOf: data) }

    private mutating func store<Value: FixedWidthInteger>(_ value: Value) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
}

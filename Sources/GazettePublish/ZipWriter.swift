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
    /// Consumes them: each body is freed as soon as it is in the archive.
    static func archive(_ packed: consuming [Packed], date: (year: Int, month: Int, day: Int)) -> Data {
        let dosDate = UInt16(max(0, date.year - 1980)) << 9 | UInt16(date.month) << 5 | UInt16(date.day)
        // Sized once: an archive of a large gazette is hundreds of megabytes, and growing it by doubling
        // would hold it twice at the peak.
        let names = packed.map { Data($0.name.utf8) }
        let localSize = zip(packed, names).reduce(0) { $0 + 30 + $1.1.count + $1.0.body.count }
        var out = Data()
        out.reserveCapacity(localSize + names.reduce(0) { $0 + 46 + $1.count } + 200)
        var central = Data()
        for index in packed.indices {
            let entry = packed[index]
            packed[index].body = Data()  // each body is dropped once it is in the archive
            let name = names[index]
            let offset = out.count
            let body = entry.body
            let method: UInt16 = entry.stored ? 0 : 8
            out.append(le32: 0x0403_4b50)
            out.append(le16: 20)                  // version needed: 2.0
            out.append(le16: 0x0800)              // names are UTF-8
            out.append(le16: method)
            out.append(le16: 0)                   // time 00:00
            out.append(le16: dosDate)
            out.append(le32: entry.crc)
            out.append(le32: UInt32(body.count))
            out.append(le32: UInt32(entry.size))
            out.append(le16: UInt16(name.count))
            out.append(le16: 0)
            out.append(name)
            out.append(body)

            central.append(le32: 0x0201_4b50)
            central.append(le16: 3 << 8 | 20)     // made by: Unix, 2.0
            central.append(le16: 20)
            central.append(le16: 0x0800)
            central.append(le16: method)
            central.append(le16: 0)
            central.append(le16: dosDate)
            central.append(le32: entry.crc)
            central.append(le32: UInt32(body.count))
            central.append(le32: UInt32(entry.size))
            central.append(le16: UInt16(name.count))
            central.append(le16: 0)               // extra
            central.append(le16: 0)               // comment
            central.append(le16: 0)               // disk
            central.append(le16: 0)               // internal attributes
            central.append(le32: UInt32(0o100644) << 16)  // regular file, rw-r--r--
            central.append(le32: UInt32(offset))
            central.append(name)
        }
        let centralOffset = out.count
        out.append(central)
        if packed.count > 0xFFFF {
            let zip64Offset = out.count
            out.append(le32: 0x0606_4b50)
            out.append(le64: 44)                  // size of the rest of this record
            out.append(le16: 3 << 8 | 45)
            out.append(le16: 45)
            out.append(le32: 0)
            out.append(le32: 0)
            out.append(le64: UInt64(packed.count))
            out.append(le64: UInt64(packed.count))
            out.append(le64: UInt64(central.count))
            out.append(le64: UInt64(centralOffset))
            out.append(le32: 0x0706_4b50)         // ZIP64 end of central directory locator
            out.append(le32: 0)
            out.append(le64: UInt64(zip64Offset))
            out.append(le32: 1)
        }
        out.append(le32: 0x0605_4b50)
        out.append(le16: 0)
        out.append(le16: 0)
        out.append(le16: UInt16(min(packed.count, 0xFFFF)))
        out.append(le16: UInt16(min(packed.count, 0xFFFF)))
        out.append(le32: UInt32(central.count))
        out.append(le32: UInt32(centralOffset))
        out.append(le16: 0)
        return out
    }

    static func crc32(of data: Data) -> UInt32 {
        data.withUnsafeBytes { Deflater.crc32($0) }
    }
}

private extension Data {
    mutating func append(le16 v: UInt16) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le32 v: UInt32) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
    mutating func append(le64 v: UInt64) { Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) } }
}

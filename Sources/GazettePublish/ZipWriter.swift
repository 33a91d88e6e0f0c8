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
        let zip64 = packed.count > 0xFFFF
        // Sized once and written in place: an archive of a large gazette is hundreds of megabytes, growing
        // it by doubling would hold it twice at the peak, and appending to `Data` a field at a time (over a
        // million fields for 36,000 entries) cost as much as copying the bodies.
        let names = packed.map { Data($0.name.utf8) }
        let localSize = zip(packed, names).reduce(0) { $0 + 30 + $1.1.count + $1.0.body.count }
        let centralSize = names.reduce(0) { $0 + 46 + $1.count }
        var out = Data(count: localSize + centralSize + (zip64 ? 56 + 20 : 0) + 22)
        out.withUnsafeMutableBytes { buffer in
            var local = Cursor(buffer, at: 0)
            var central = Cursor(buffer, at: localSize)
            for index in packed.indices {
                let entry = packed[index]
                packed[index].body = Data()  // each body is dropped once it is in the archive
                let name = names[index]
                let offset = local.offset
                let method: UInt16 = entry.stored ? 0 : 8
                local.le32(0x0403_4b50)
                local.le16(20)                  // version needed: 2.0
                local.le16(0x0800)              // names are UTF-8
                local.le16(method)
                local.le16(0)                   // time 00:00
                local.le16(dosDate)
                local.le32(entry.crc)
                local.le32(UInt32(entry.body.count))
                local.le32(UInt32(entry.size))
                local.le16(UInt16(name.count))
                local.le16(0)
                local.bytes(name)
                local.bytes(entry.body)

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
            var end = central
            if zip64 {
                let zip64Offset = end.offset
                end.le32(0x0606_4b50)
                end.le64(44)                  // size of the rest of this record
                end.le16(3 << 8 | 45)
                end.le16(45)
                end.le32(0)
                end.le32(0)
                end.le64(UInt64(packed.count))
                end.le64(UInt64(packed.count))
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
            end.le16(UInt16(min(packed.count, 0xFFFF)))
            end.le16(UInt16(min(packed.count, 0xFFFF)))
            end.le32(UInt32(centralSize))
            end.le32(UInt32(localSize))
            end.le16(0)
            precondition(end.offset == buffer.count, "the archive's size was worked out wrong")
        }
        return out
    }

    static func crc32(of data: Data) -> UInt32 {
        data.withUnsafeBytes { Deflater.crc32($0) }
    }
}

/// Writes little-endian numbers and bytes into a buffer sized beforehand.
private struct Cursor {
    let buffer: UnsafeMutableRawBufferPointer
    private(set) var offset: Int

    init(_ buffer: UnsafeMutableRawBufferPointer, at offset: Int) {
        self.buffer = buffer
        self.offset = offset
    }

    mutating func le16(_ v: UInt16) { store(v.littleEndian) }
    mutating func le32(_ v: UInt32) { store(v.littleEndian) }
    mutating func le64(_ v: UInt64) { store(v.littleEndian) }

    mutating func bytes(_ data: Data) {
        guard !data.isEmpty else { return }
        data.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: buffer[offset..<offset + $0.count]).copyMemory(from: $0) }
        offset += data.count
    }

    private mutating func store<Value: FixedWidthInteger>(_ value: Value) {
        precondition(offset + MemoryLayout<Value>.size <= buffer.count)
        buffer.storeBytes(of: value, toByteOffset: offset, as: Value.self)
        offset += MemoryLayout<Value>.size
    }
}

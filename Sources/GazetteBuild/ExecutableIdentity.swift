import Foundation
import GazetteParallel

/// What tells one build of `site` from another, for the cache's keys: the GNU build ID the linker wrote
/// into the executable (a digest of its contents, in a note near the start of the file), or, when there is
/// none, a hash of the whole executable. Reading the note costs one small read; hashing the 55 MB
/// executable took a tenth of a second of every build.
enum ExecutableIdentity {
    static func current() -> String {
        let path = "/proc/self/exe"
        if let head = read(path, upTo: 64 << 10), let id = buildID(inELF: head) { return "build-id-" + id }
        var hash = ContentHash()
        if let executable = try? Data(contentsOf: URL(fileURLWithPath: path)) { hash.add(data: executable) }
        return hash.hex
    }

    /// The hex of the `NT_GNU_BUILD_ID` note of a little-endian 64-bit ELF file whose notes lie in `bytes`
    /// (the file's start), or nil.
    static func buildID(inELF bytes: [UInt8]) -> String? {
        func u16(_ i: Int) -> Int? { i + 2 <= bytes.count ? Int(bytes[i]) | Int(bytes[i + 1]) << 8 : nil }
        func u32(_ i: Int) -> Int? { guard let a = u16(i), let b = u16(i + 2) else { return nil }; return a | b << 16 }
        func u64(_ i: Int) -> Int? { guard let a = u32(i), let b = u32(i + 4), b < 1 << 31 else { return nil }; return a | b << 32 }
        // "\x7fELF", 64-bit, little-endian.
        guard bytes.count >= 64, bytes[0..<4] == [0x7F, 0x45, 0x4C, 0x46], bytes[4] == 2, bytes[5] == 1,
              let table = u64(0x20), let entrySize = u16(0x36), let count = u16(0x38), entrySize >= 56 else { return nil }
        for header in 0..<count {
            let at = table + header * entrySize
            // PT_NOTE segments only; each holds notes of (name size, description size, type, name, description).
            guard let type = u32(at), type == 4, let offset = u64(at + 8), let size = u64(at + 32) else { continue }
            var note = offset
            while note + 12 <= min(offset + size, bytes.count) {
                guard let nameSize = u32(note), let descriptionSize = u32(note + 4), let kind = u32(note + 8) else { break }
                let name = note + 12, description = name + (nameSize + 3) / 4 * 4
                let end = description + (descriptionSize + 3) / 4 * 4
                guard end <= bytes.count else { break }
                // NT_GNU_BUILD_ID (3), named "GNU\0".
                if kind == 3, nameSize == 4, bytes[name..<(name + 4)] == [0x47, 0x4E, 0x55, 0], descriptionSize >= 8 {
                    return bytes[description..<(description + descriptionSize)].map { String(format: "%02x", $0) }.joined()
                }
                note = end
            }
        }
        return nil
    }

    private static func read(_ path: String, upTo count: Int) -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)).map { [UInt8]($0) }
    }
}

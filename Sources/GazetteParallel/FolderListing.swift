import Foundation

/// The entries of a folder as `readdir` gives them, with the type the listing says each one is: walking a
/// large site or its content by the listing's types saves a `stat` per file. The content reader and the
/// output walk share it; each decides what to ask when the type is a link or unknown (the reader follows a
/// link to a folder of issues, the walk never follows one out of the site).
public enum FolderListing {
    public struct Entry: Sendable {
        public let name: String
        /// `DT_DIR`, `DT_REG`, `DT_LNK`…, or `DT_UNKNOWN` where the file system does not say.
        public let type: UInt8

        public var isFolder: Bool { type == UInt8(DT_DIR) }
        public var isRegularFile: Bool { type == UInt8(DT_REG) }
    }

    /// The entries of an open folder but `.` and `..`, in the order the file system lists them.
    public static func entries(of folder: OpaquePointer) -> [Entry] {
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name == "." || name == ".." { continue }
            entries.append(Entry(name: name, type: entry.pointee.d_type))
        }
        return entries
    }

    /// The entries of the folder at `path`, or none when it cannot be opened.
    public static func entries(atPath path: String) -> [Entry] {
        guard let folder = opendir(path) else { return [] }
        defer { closedir(folder) }
        return entries(of: folder)
    }
}

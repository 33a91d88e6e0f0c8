import Foundation

/// What `stat` says of a file's or a folder's identity and last change: device and inode (an editor that
/// saves by renaming a new file over the old one makes a new inode), size, and the times of the last change
/// to its bytes or entries and to its inode (which no program can set back). A build notes these for the
/// content files (`KnownFiles`) and the published folders (`PublishedFolders`), and takes one that is the same
/// as unchanged, as git and make do.
public struct StatSignature: Sendable, Equatable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int
    public var modified: timespec
    public var changed: timespec

    public init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int(info.st_size)
        modified = info.st_mtim
        changed = info.st_ctim
    }

    /// The `stat` of the file at `path` now (following links, as reading it does), nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    public static func == (a: StatSignature, b: StatSignature) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size
            && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
            && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
    }

    public func write(to out: inout ByteBuffer) {
        out.word(device)
        out.word(inode)
        out.varint(size)
        for time in [modified, changed] {
            out.word(UInt64(bitPattern: Int64(time.tv_sec)))
            out.varint(time.tv_nsec)
        }
    }

    public init?(_ reader: inout ByteReader) {
        guard let device = reader.word(), let inode = reader.word(), let size = reader.varint(),
              let mSec = reader.word(), let mNsec = reader.varint(),
              let cSec = reader.word(), let cNsec = reader.varint() else { return nil }
        self.device = device
        self.inode = inode
        self.size = size
        modified = timespec(tv_sec: Int(Int64(bitPattern: mSec)), tv_nsec: mNsec)
        changed = timespec(tv_sec: Int(Int64(bitPattern: cSec)), tv_nsec: cNsec)
    }
}

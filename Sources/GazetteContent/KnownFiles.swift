import Foundation
import GazetteModel
import GazetteParallel

/// What the last build saw of each entry file, so that a rebuild reads only those that changed: the file's
/// `stat` (`StatSignature`) and its digests (`EntryDigest`), kept beside the build cache
/// (`.gazette-cache/<output>.files`, about 1 MB at 10,000 documents). A file whose `stat` is the same is taken
/// as the same text, as git and make take it; one changed within a second of being read is not kept, since
/// a second change within the file system's clock tick would leave its `stat` as it was.
///
///     <magic line> <generator> <count> (<relative path> <signature> <digest>)…
public final class KnownFiles: Sendable {
    private static let magic = Array("gazette-files 1\n".utf8)
    private let files: [String: (signature: StatSignature, digest: EntryDigest)]

    /// The files the last build kept in `file`; none when there is no such file, it does not read, or it was
    /// written by another executable (which may take digests otherwise).
    public init(file: URL, generator: String) {
        guard let data = try? Data(contentsOf: file) else {
            files = [:]
            return
        }
        var files: [String: (signature: StatSignature, digest: EntryDigest)] = [:]
        var reader = ByteReader([UInt8](data))
        if reader.bytes(Self.magic.count) == Self.magic, reader.string() == generator, let count = reader.varint() {
            files.reserveCapacity(count)
            for _ in 0..<count {
                guard let path = reader.string(), let signature = StatSignature(&reader),
                      let digest = EntryDigest(&reader) else {
                    files = [:]
                    break
                }
                files[path] = (signature, digest)
            }
        }
        self.files = files
    }

    /// What the last build saw of the file at `relativePath`, when its `stat` now is the same.
    func unchanged(_ relativePath: String, at path: String) -> (signature: StatSignature, digest: EntryDigest)? {
        guard let known = files[relativePath], StatSignature(path: path) == known.signature else { return nil }
        return known
    }

    /// Keeps what this build saw of the entries of `sources` (those it may know again) for the next build,
    /// replacing the file. Folder by folder, as the content holds them: `entryFiles` copies 10,000 entries.
    public static func save(_ sources: ContentSources, to file: URL, generator: String) {
        let entries = sources.issues.lazy.flatMap(\.entries).filter { $0.signature != nil }
        var out = ByteBuffer()
        out.append(magic)
        out.string(generator)
        out.varint(entries.count)
        for entry in entries {
            out.string(entry.relativePath)
            entry.signature!.write(to: &out)
            entry.digest.write(to: &out)
        }
        // Only the next build's speed depends on it: without the file it reads every entry again.
        FileBytes.keep(out.bytes, at: file)
    }
}

extension StatSignature {
    /// The signature of a file read by this build, if a later build may trust it: nil when the file's inode
    /// changed less than a second before `start` (when this build started reading), or later.
    static func trusted(_ info: stat, start: timespec) -> StatSignature? {
        info.st_ctim.tv_sec < start.tv_sec - 1 ? StatSignature(info) : nil
    }

    /// When this build starts reading.
    static func now() -> timespec {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now
    }
}

extension EntryDigest {
    func write(to out: inout ByteBuffer) {
        for word in [head.a, head.b, body.a, body.b] { out.word(word) }
        out.varint(bodyOffset)
        out.varint(bodyFirstLine)
        out.varint(length)
    }

    init?(_ reader: inout ByteReader) {
        guard let ha = reader.word(), let hb = reader.word(), let ba = reader.word(), let bb = reader.word(),
              let offset = reader.varint(), let line = reader.varint(), let length = reader.varint(),
              offset <= length else { return nil }
        self.init(head: TextDigest(a: ha, b: hb), body: TextDigest(a: ba, b: bb), bodyOffset: offset,
                  bodyFirstLine: line, length: length)
    }
}

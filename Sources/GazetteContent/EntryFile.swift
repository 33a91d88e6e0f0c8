import Foundation
import GazetteModel
import GazetteParallel

/// A Markdown file of an issue folder (a document or an interpretation), with what the build knows of it
/// without its text: the digests of its front matter and of its body (`EntryDigest`). The text is there
/// when this build read the file. A file whose `stat` is the one the last build saw (`KnownFiles`) is not
/// read: its front matter is taken from the entry cache, and its body is read only if something asks for
/// its Markdown (`MarkdownBody(deferred:)`). Reading and checking the UTF-8 of the 10,000 files of a large
/// gazette was a sixth of a rebuild after one of them changed.
public struct EntryFile: Sendable {
    public let displayPath: String
    /// Path relative to the content root (`issues/2023-01/a.md`).
    public let relativePath: String
    /// The file on disk, for what is read later.
    let path: String
    /// The text, when this build read the file.
    public let text: String?
    public let digest: EntryDigest
    /// What the next build compares the file's `stat` with; nil for a file to read again whatever its
    /// `stat` (changed so recently that another change within the same clock tick could go unseen, or one
    /// whose text is not its bytes: a BOM or CRLF line ends).
    let signature: StatSignature?

    init(displayPath: String, relativePath: String, path: String, text: String?, digest: EntryDigest,
         signature: StatSignature?) {
        self.displayPath = displayPath
        self.relativePath = relativePath
        self.path = path
        self.text = text
        self.digest = digest
        self.signature = signature
    }

    /// A file read by this build.
    init(read file: ContentFile, path: String, signature: StatSignature?) {
        self.init(displayPath: file.displayPath, relativePath: file.relativePath, path: path, text: file.text,
                  digest: EntryDigest(file.text), signature: signature)
    }

    /// The file as a content file to decode: its text, read now when this build had not read it (nil, with an
    /// error, when the file is no longer what its digests were taken of).
    func contentFile(diagnostics: inout Diagnostics) -> ContentFile? {
        if let text { return ContentFile(displayPath: displayPath, relativePath: relativePath, text: text) }
        var found = Diagnostics()
        guard case .read(let file, _) = ContentFile.read(path: path, relativePath: relativePath,
                                                          displayPath: displayPath, diagnostics: &found),
              EntryDigest(file.text) == digest else {
            diagnostics.error(MarkdownBody.changedWhileBuilding, at: SourceLocation(path: displayPath))
            return nil
        }
        return file
    }

    /// The file's body: cut from the text when it was read, else left in the file.
    var body: MarkdownBody {
        if let text {
            return MarkdownBody(text: FrontMatter.body(of: text, from: digest.bodyOffset),
                                firstLine: digest.bodyFirstLine, path: displayPath, digest: digest.body)
        }
        let path = path, digest = digest
        return MarkdownBody(deferred: { Self.body(at: path, digest) }, firstLine: digest.bodyFirstLine,
                            path: displayPath, digest: digest.body)
    }

    /// The body of the file at `path`, read now: nil unless its bytes are those `digest` was taken of.
    static func body(at path: String, _ digest: EntryDigest) -> String? {
        guard let file = OpenFile(path: path) else { return nil }
        var info = stat()
        guard fstat(file.descriptor, &info) == 0, Int(info.st_size) == digest.length,
              let bytes = file.read(digest.bodyOffset..<digest.length) else { return nil }
        guard bytes.withUnsafeBytes({ EntryDigest.digest(of: $0) }) == digest.body else { return nil }
        var body = String(decoding: bytes, as: UTF8.self)
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        return body
    }
}

/// Digests of an entry file's two parts: what the caches know it by, so that a file not read again is known
/// as well as one read. The text is the head followed by the body, so the two digests with the place of the
/// cut name the text.
public struct EntryDigest: Sendable, Equatable {
    /// Of the text before the body (the front matter with its fences): all that decoding reads but the body.
    public var head: TextDigest
    /// Of the body's bytes (`MarkdownBody.digest`).
    public var body: TextDigest
    /// Byte offset at which the body starts: the text's length when its fences are wrong (then all of it is
    /// the head, and decoding it reports the fences).
    public var bodyOffset: Int
    /// Line of the file on which the body starts (`FrontMatter.bodyFirstLine`; 0 when the fences are wrong).
    public var bodyFirstLine: Int
    /// The text's length in bytes.
    public var length: Int

    init(head: TextDigest, body: TextDigest, bodyOffset: Int, bodyFirstLine: Int, length: Int) {
        self.head = head
        self.body = body
        self.bodyOffset = bodyOffset
        self.bodyFirstLine = bodyFirstLine
        self.length = length
    }

    /// The digests of `text`.
    init(_ text: String) {
        let start = FrontMatter.bodyStart(text)
        var text = text
        let (head, body, length) = text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            let cut = start?.offset ?? raw.count
            return (Self.digest(of: UnsafeRawBufferPointer(rebasing: raw[..<cut])),
                    Self.digest(of: UnsafeRawBufferPointer(rebasing: raw[cut...])), raw.count)
        }
        self.init(head: head, body: body, bodyOffset: start?.offset ?? length, bodyFirstLine: start?.line ?? 0,
                  length: length)
    }

    static func digest(of bytes: UnsafeRawBufferPointer) -> TextDigest {
        var hash = ContentHash()
        hash.add(text: bytes)
        let (a, b) = hash.lanes
        return TextDigest(a: a, b: b)
    }

    /// Puts the digests into a key being made.
    public func add(to hash: inout ContentHash) {
        hash.add(word: head.a)
        hash.add(word: head.b)
        hash.add(word: body.a)
        hash.add(word: body.b)
        hash.add(word: UInt64(bodyOffset))
    }
}

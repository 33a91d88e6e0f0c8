import Foundation
import GazetteModel

/// A content file read from disk, as text with normalised line endings.
public struct ContentFile: Sendable {
    /// Path shown to people, relative to the working directory when the file is below it.
    public let displayPath: String
    /// Path relative to the content root, with `/` separators (`issues/2023-01/a.md`).
    public let relativePath: String
    public let text: String

    public init(displayPath: String, relativePath: String, text: String) {
        self.displayPath = displayPath
        self.relativePath = relativePath
        self.text = text
    }

    /// Largest file accepted: far above any real document (the longest seed document is 16 KB,
    /// a whole printed issue a few hundred KB of text), far below what would make a build slow
    /// or hurt the build machine. Checked before reading, so a huge file costs nothing.
    public static let maximumSize = 8 * 1024 * 1024

    /// Reads a file, rejecting what is not UTF-8 text; strips a BOM and turns CRLF into LF
    /// so that line numbers and front-matter fences behave the same for files saved on Windows.
    public static func read(url: URL, relativePath: String, displayPath: String,
                            diagnostics: inout Diagnostics) -> ContentFile? {
        switch read(path: url.path, relativePath: relativePath, displayPath: displayPath, diagnostics: &diagnostics) {
        case .read(let file, _): return file
        case .missing:
            diagnostics.error("无法读取文件", at: SourceLocation(path: displayPath))
            return nil
        case .rejected: return nil
        }
    }

    /// What reading a path gave: the file (with its `stat` when the text is the file's bytes exactly, so that
    /// a later build may know it again without reading it), nothing there (the caller says whether that is an
    /// error), or an error already reported.
    enum Outcome {
        case read(ContentFile, stat?)
        case missing
        case rejected
    }

    /// Reads the file at `path` with one `open`, `fstat` and `read` into the text's own storage: the whole
    /// content is read on every build, and going through `Data` and `URL` (a `stat` to test that the file
    /// exists, another for its type, a buffer copied into the string) cost half of reading it.
    static func read(path: String, relativePath: String, displayPath: String,
                     diagnostics: inout Diagnostics) -> Outcome {
        let here = SourceLocation(path: displayPath)
        // Not blocking, so that opening a named pipe returns at once; `fstat` then turns it away. `open`
        // follows symbolic links, as `stat` does: a link to /dev/zero is a device, not read forever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            if errno == ENOENT || errno == ENOTDIR { return .missing }
            var info = stat()
            if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
                diagnostics.error("不是普通文件（设备、管道或套接字），不能作为内容读取", at: here)
            } else {
                diagnostics.error("无法读取文件", at: here)
            }
            return .rejected
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            diagnostics.error("无法读取文件", at: here)
            return .rejected
        }
        if info.st_mode & S_IFMT != S_IFREG {
            diagnostics.error("不是普通文件（设备、管道或套接字），不能作为内容读取", at: here)
            return .rejected
        }
        let size = Int(info.st_size)
        if size > maximumSize {
            diagnostics.error("文件过大（\(megabytes(size)) MB，上限 \(maximumSize / 1_048_576) MB）", at: here)
            return .rejected
        }
        var failed = false
        // The standard library validates the bytes as it makes the string, and replaces what is not UTF-8
        // with U+FFFD. So a string without U+FFFD, a BOM, a CR or a NUL is the file exactly, and is taken as
        // it is; any other goes through the byte checks below, which say where the problem is.
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            var filled = 0
            while filled < size {
                let n = Glibc.read(descriptor, buffer.baseAddress! + filled, size - filled)
                if n < 0 && errno == EINTR { continue }
                if n < 0 { failed = true }
                if n <= 0 { break }
                filled += n
            }
            return filled
        }
        if failed {
            diagnostics.error("无法读取文件", at: here)
            return .rejected
        }
        let data: Data
        switch byteChecks(text) {
        case .none: return .read(ContentFile(displayPath: displayPath, relativePath: relativePath, text: text), info)
        // A CRLF file from a Windows editor, say: the string holds the file's bytes, which need not be read again.
        case .sameBytes: data = Data(text.utf8)
        case .readAgain:
            guard let bytes = FileManager.default.contents(atPath: path) else {
                diagnostics.error("无法读取文件", at: here)
                return .rejected
            }
            guard bytes.count <= maximumSize else {
                diagnostics.error("文件过大（\(megabytes(bytes.count)) MB，上限 \(maximumSize / 1_048_576) MB）", at: here)
                return .rejected
            }
            data = bytes
        }
        return checked(data, relativePath: relativePath, displayPath: displayPath, diagnostics: &diagnostics)
            .map { .read($0, nil) } ?? .rejected
    }

    /// Whether a text read as it is goes through `checked`, and from which bytes.
    enum ByteCheck {
        /// Plain UTF-8 text, taken as it is.
        case none
        /// A BOM, a CR or a NUL, which `checked` strips, changes or rejects: the string's bytes are the file's.
        case sameBytes
        /// U+FFFD: a replacement for bytes that are not UTF-8 (or one the file holds), so the file is read again.
        case readAgain
    }

    /// What `text` needs before it is taken (all but `none` are rare, so they are only searched for).
    static func byteChecks(_ text: String) -> ByteCheck {
        var text = text
        return text.withUTF8 { bytes -> ByteCheck in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return .none }
            var check = find(0, in: bytes) || find(0x0D, in: bytes) ? ByteCheck.sameBytes : .none
            // U+FFFD is EF BF BD and a BOM is EF BB BF: only a text with the byte EF can hold either.
            var from = 0
            while from < bytes.count, let hit = memchr(base + from, 0xEF, bytes.count - from) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + 2 < bytes.count, bytes[at + 1] == 0xBF, bytes[at + 2] == 0xBD { return .readAgain }
                if at + 2 < bytes.count, bytes[at + 1] == 0xBB, bytes[at + 2] == 0xBF { check = .sameBytes }
                from = at + 1
            }
            return check
        }
    }

    /// The file's text from its bytes: a BOM stripped, line ends made LF; nil with an error saying where,
    /// when the bytes are not UTF-8 text.
    static func checked(_ data: Data, relativePath: String, displayPath: String,
                        diagnostics: inout Diagnostics) -> ContentFile? {
        let here = SourceLocation(path: displayPath)
        return data.withUnsafeBytes { raw -> ContentFile? in
            var bytes = raw.bindMemory(to: UInt8.self)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = UnsafeBufferPointer(rebasing: bytes[3...]) }
            // The standard library's validation is fast; the byte walk only runs to locate a problem.
            let valid = String(validating: bytes, as: UTF8.self)
            if valid == nil, case let array = Array(bytes), let bad = firstInvalidUTF8Offset(array) {
                let prefix = array[..<bad]
                let line = prefix.filter { $0 == 0x0A }.count + 1
                let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let column = String(decoding: array[lineStart..<bad], as: UTF8.self).count + 1
                diagnostics.error("文件不是有效的 UTF-8 文本（第 \(bad) 字节）；请以 UTF-8 编码保存",
                                  at: SourceLocation(path: displayPath, line: line, column: column))
                return nil
            }
            if Self.find(0, in: bytes) {
                diagnostics.error("文件包含 NUL 字符，不是文本文件", at: here)
                return nil
            }
            let text = Self.find(0x0D, in: bytes) ? String(decoding: normalisingLineEnds(Array(bytes)), as: UTF8.self)
                : valid ?? String(decoding: bytes, as: UTF8.self)
            return ContentFile(displayPath: displayPath, relativePath: relativePath, text: text)
        }
    }

    /// Whether `byte` occurs, found with `memchr`.
    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    /// `50.0`: one decimal, so a file just over the limit does not read as “8 MB，上限 8 MB”.
    private static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

    /// CRLF and lone CR become LF.
    static func normalisingLineEnds(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x0D {
                out.append(0x0A)
                if i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
            } else {
                out.append(bytes[i])
            }
            i += 1
        }
        return out
    }

    /// Offset of the first byte that breaks UTF-8, or nil when the bytes are valid.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            guard i + length <= bytes.count else { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if length == 3 {
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 > 0x9F) { return i }
            } else if length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 > 0x8F) { return i }
            }
            i += length
        }
        return nil
    }
}

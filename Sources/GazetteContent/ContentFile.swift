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
        let here = SourceLocation(path: displayPath)
        // `stat` follows symbolic links: a link to /dev/zero or a pipe would otherwise be read forever.
        // (One call per file; the attributes dictionary and the resolved path cost more than the read.)
        var info = stat()
        if stat(url.path, &info) == 0 {
            if info.st_mode & S_IFMT != S_IFREG {
                diagnostics.error("不是普通文件（设备、管道或套接字），不能作为内容读取", at: here)
                return nil
            }
            if Int(info.st_size) > maximumSize {
                diagnostics.error("文件过大（\(megabytes(Int(info.st_size))) MB，上限 \(maximumSize / 1_048_576) MB）", at: here)
                return nil
            }
        }
        guard let data = try? Data(contentsOf: url) else {
            diagnostics.error("无法读取文件", at: here)
            return nil
        }
        guard data.count <= maximumSize else {
            diagnostics.error("文件过大（\(megabytes(data.count)) MB，上限 \(maximumSize / 1_048_576) MB）", at: here)
            return nil
        }
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

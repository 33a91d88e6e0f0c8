import Foundation
import Testing
@testable import GazetteContent
import GazetteModel

/// Reading a content file takes the bytes as the string's own storage when they are plain UTF-8 text, and
/// sends everything else through the byte checks: a BOM, a CR or a NUL from the string's bytes, U+FFFD (bytes
/// that are not UTF-8, replaced by the standard library) from the file read again. Every way must agree with
/// the byte checks on every file: none may accept a file the checks would reject or change.
@Suite("Reading content files")
struct ContentReadTests {
    /// Pieces that random files are made of: plain text, and each thing the fast path must not take as is.
    private static let pieces: [[UInt8]] = [
        Array("---\ntitle: 通知\n---\n".utf8), Array("正文第一段。".utf8), Array("ascii text ".utf8), [0x0A],
        Array("\u{FFFD}".utf8), [0xEF, 0xBB, 0xBF], [0x0D], [0x0D, 0x0A], [0x00],
        [0xFF], [0xC3], [0xE4, 0xB8], [0xF0, 0x9F, 0x98], [0xED, 0xA0, 0x80], [0xEF, 0xBF], [0xEF],
        Array("😀".utf8),
    ]

    @Test func everyFileReadsAsTheByteChecksReadIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var random = SplitMix64(seed: 20261202)
        var ways = [0, 0, 0]
        for i in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                // Mostly plain text, so that many files take the fast path.
                let k = random.next() % 3 == 0 ? Int(random.next() % UInt64(Self.pieces.count)) : Int(random.next() % 4)
                bytes += Self.pieces[k]
            }
            let url = folder.url.appendingPathComponent("\(i).md")
            try Data(bytes).write(to: url)
            var viaFile = Diagnostics()
            let read = ContentFile.read(url: url, relativePath: "a.md", displayPath: "a.md", diagnostics: &viaFile)
            var viaBytes = Diagnostics()
            let checked = ContentFile.checked(Data(bytes), relativePath: "a.md", displayPath: "a.md", diagnostics: &viaBytes)
            #expect(read?.text == checked?.text, "file \(i): \(bytes)")
            #expect(viaFile.all == viaBytes.all, "file \(i): \(bytes)")
            // Which way the reader went: the string it made holds the bytes as the standard library repairs them.
            switch ContentFile.byteChecks(String(decoding: bytes, as: UTF8.self)) {
            case .none: ways[0] += 1
            case .sameBytes: ways[1] += 1
            case .readAgain: ways[2] += 1
            }
        }
        // Every way is compared with the byte checks, not only the checks themselves.
        #expect(ways.allSatisfy { $0 > 300 }, "files per way: \(ways)")
    }

    @Test func aNamedPipeIsRejectedWithoutWaitingForAWriter() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.url.appendingPathComponent("pipe.md").path
        #expect(mkfifo(path, 0o644) == 0)
        var diagnostics = Diagnostics()
        #expect(ContentFile.read(url: URL(fileURLWithPath: path), relativePath: "pipe.md", displayPath: "pipe.md",
                                 diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map(\.message).first?.hasPrefix("不是普通文件") == true)
    }

    @Test func aFolderWhereAFileShouldBeIsNotRead() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var diagnostics = Diagnostics()
        #expect(ContentFile.read(url: folder.url, relativePath: "x", displayPath: "x", diagnostics: &diagnostics) == nil)
        #expect(diagnostics.all.map(\.message) == ["不是普通文件（设备、管道或套接字），不能作为内容读取"])
    }
}

import Foundation
import Testing
@testable import GazettePublish

/// The data archive as other programs read it: its entries, names and bytes, and past 65,535 entries the
/// ZIP64 end records (the archive of a 100,000-document gazette holds 260,000 entries).
@Suite("ZIP writer")
struct ZipWriterTests {
    func archive(_ count: Int) -> (archive: Data, files: [(name: String, data: Data)]) {
        let deflater = ZipWriter.deflater()
        let files = (0..<count).map { i in
            (name: "api/v1/文件/\(i).json", data: Data(String(repeating: "{\"id\": \(i)} ", count: i % 7).utf8))
        }
        let packed = files.map { ZipWriter.pack(ZipWriter.Entry(name: $0.name, data: $0.data), with: deflater) }
        return (ZipWriter.archive(packed, date: (2026, 11, 29)).data, files)
    }

    @Test(arguments: [0, 3, 70_000])
    func everyEntryReadsBackWithItsNameAndBytes(count: Int) throws {
        let (archive, files) = archive(count)
        let entries = try #require(ZipReader.entries(of: archive), "the archive of \(count) entries reads back")
        #expect(entries.count == count)
        for file in files.prefix(50) + files.suffix(50) {
            let entry = try #require(entries[file.name])
            #expect(entry.size == file.data.count && entry.crc == ZipWriter.crc32(of: file.data))
        }
    }

    /// Python's zipfile, a reader we did not write, tests every entry's CRC (skipped without python3).
    @Test func anotherReaderFindsEveryEntryPastTheZIP64Limit() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let (archive, files) = archive(70_000)
        let said = try python("import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip(); "
                              + "print(len(z.namelist()), bad, z.read(z.namelist()[-1]).decode())", archive)
        let last = String(decoding: files.last!.data, as: UTF8.self)
        #expect(said == "70000 None \(last)\n", "\(said)")
    }

    /// Long bodies are parts of their own, between runs of headers and short bodies: joined, the parts read
    /// back with every entry's bytes, through this reader and Python's.
    @Test func anArchiveOfLongAndShortBodiesReadsBack() throws {
        let deflater = ZipWriter.deflater()
        var random = SeededRandom(seed: 52)
        let files = (0..<40).map { i in
            (name: "api/v1/documents/\(i).json",
             data: Data((0..<(i % 3 == 0 ? 3000 + i : 40 + i)).map { _ in UInt8.random(in: 0...255, using: &random) }))
        }
        let packed = files.map { ZipWriter.pack(ZipWriter.Entry(name: $0.name, data: $0.data), with: deflater) }
        let archive = ZipWriter.archive(packed, date: (2026, 11, 29))
        #expect(archive.parts.count > 14, "each long body is a part, with the headers between")
        let data = archive.data
        #expect(data.count == archive.count)
        let entries = try #require(ZipReader.entries(of: data))
        for file in files {
            let entry = try #require(entries[file.name])
            #expect(entry.size == file.data.count && entry.crc == ZipWriter.crc32(of: file.data))
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let said = try python("import sys, zipfile, hashlib; z = zipfile.ZipFile(sys.argv[1]); "
                              + "print(z.testzip(), hashlib.sha256(b''.join(z.read(n) for n in z.namelist())).hexdigest())", data)
        let expected = SHA256.hex(files.reduce(into: Data()) { $0.append($1.data) })
        #expect(said == "None \(expected)\n", "\(said)")
    }

    /// What a Python `script` prints for `archive`, written to a temporary file named by `sys.argv[1]`.
    private func python(_ script: String, _ archive: Data) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zip-\(UUID().uuidString).zip")
        try archive.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = ["-c", script, path.path]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        python.waitUntilExit()
        return String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }
}

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
        return (ZipWriter.archive(packed, date: (2026, 11, 29)), files)
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
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("zip64-\(UUID().uuidString).zip")
        try archive.write(to: path)
        defer { try? FileManager.default.removeItem(at: path) }
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); bad = z.testzip(); "
                            + "print(len(z.namelist()), bad, z.read(z.namelist()[-1]).decode())", path.path]
        let out = Pipe()
        python.standardOutput = out
        try python.run()
        python.waitUntilExit()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let last = String(decoding: files.last!.data, as: UTF8.self)
        #expect(said == "70000 None \(last)\n", "\(said)")
    }
}

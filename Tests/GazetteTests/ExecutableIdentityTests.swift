import Foundation
import Testing
@testable import GazetteBuild

/// The cache's keys name the executable by its GNU build ID: a new `site` must never reuse what an older
/// one made, and reading the ID must not cost a hash of the whole executable.
@Suite("Executable identity")
struct ExecutableIdentityTests {
    /// A 64-bit little-endian ELF file's start: its header, one program header, then the segment it names.
    func elf(segmentType: UInt32 = 4, notes: [(type: UInt32, name: [UInt8], description: [UInt8])]) -> [UInt8] {
        func le(_ value: Int, _ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }
        func padded(_ bytes: [UInt8]) -> [UInt8] { bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4) }
        let segment = notes.flatMap { note in
            le(note.name.count, 4) + le(note.description.count, 4) + le(Int(note.type), 4) + padded(note.name) + padded(note.description)
        }
        var header = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 64 - 7)
        header.replaceSubrange(0x20..<0x28, with: le(64, 8))  // program headers right after
        header.replaceSubrange(0x36..<0x38, with: le(56, 2))
        header.replaceSubrange(0x38..<0x3A, with: le(1, 2))
        var program = [UInt8](repeating: 0, count: 56)
        program.replaceSubrange(0..<4, with: le(Int(segmentType), 4))
        program.replaceSubrange(8..<16, with: le(64 + 56, 8))
        program.replaceSubrange(32..<40, with: le(segment.count, 8))
        return header + program + segment
    }

    let gnu: [UInt8] = [0x47, 0x4E, 0x55, 0]
    let id: [UInt8] = (0..<20).map { UInt8($0 * 13 % 256) }

    @Test func theBuildIDNoteIsFoundAmongOtherNotes() {
        let file = elf(notes: [(type: 1, name: gnu, description: [1, 2, 3, 4]), (type: 3, name: gnu, description: id)])
        #expect(ExecutableIdentity.buildID(inELF: file) == id.map { String(format: "%02x", $0) }.joined())
    }

    @Test func noBuildIDGivesNil() {
        #expect(ExecutableIdentity.buildID(inELF: elf(notes: [(type: 1, name: gnu, description: id)])) == nil)
        #expect(ExecutableIdentity.buildID(inELF: elf(segmentType: 1, notes: [(type: 3, name: gnu, description: id)])) == nil,
                "a note outside a note segment")
        let file = elf(notes: [(type: 3, name: gnu, description: id)])
        #expect(ExecutableIdentity.buildID(inELF: Array(file.prefix(file.count - 4))) == nil, "cut short")
        #expect(ExecutableIdentity.buildID(inELF: Array("#!/bin/sh\n".utf8) + [UInt8](repeating: 0, count: 100)) == nil)
    }

    #if os(Linux)
    /// The test executable, like `site`, is linked with a build ID, so the cache does not hash it whole.
    @Test func thisExecutableIsKnownByItsBuildID() {
        let identity = ExecutableIdentity.current()
        #expect(identity.hasPrefix("build-id-") && identity.count >= "build-id-".count + 16, "\(identity)")
        #expect(ExecutableIdentity.current() == identity)
    }
    #endif
}

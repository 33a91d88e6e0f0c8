import Foundation
import Testing
import GazettePublish

/// SHA-256 against the examples of FIPS 180-4 (NIST's “SHA256.pdf” and the long-message
/// vector) and messages whose padding spills into a second block.
@Suite("SHA-256")
struct SHA256Tests {
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func fipsExamples(message: String, digest: String) {
        #expect(SHA256.hex(Data(message.utf8)) == digest)
    }

    @Test func oneMillionTimesTheLetterA() {
        let message = Data(repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(message) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// 55 bytes is the longest message whose padding fits one block; 56 needs two.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        #expect(SHA256.hex(Data(repeating: UInt8(ascii: "a"), count: length)) == digest)
    }

    @Test func digestIsThirtyTwoBytesAndHexIsLowercase() {
        let bytes = SHA256.digest(Data("gazette".utf8))
        #expect(bytes.count == 32)
        let hex = SHA256.hex(Data("gazette".utf8))
        #expect(hex.count == 64)
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    /// The processor's SHA instructions and the portable code give the same digest, for every length of
    /// padding and for a message of many blocks. (On a processor without them both paths are the portable
    /// one, and the test says so.)
    @Test func theProcessorsSHAInstructionsAgreeWithThePortableCode() {
        var random = SeededRandom(seed: 256)
        for length in Array(0...200) + [4096, 1 << 20] {
            let message = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
            #expect(SHA256.digest(message) == SHA256.digest(message, portable: true), "\(length) bytes")
        }
        if !SHA256.accelerated { print("note: this processor has no SHA instructions; only the portable code ran") }
    }

    /// The data archive is hashed as the runs of bytes it is written from: cut anywhere (inside a block, on
    /// a block's edge, into empty parts), the parts give the digest of the whole.
    @Test func partsGiveTheDigestOfTheWhole() {
        var random = SeededRandom(seed: 9704)
        let message = Data((0..<5000).map { _ in UInt8.random(in: 0...255, using: &random) })
        let whole = SHA256.hex(message)
        for _ in 0..<50 {
            var cuts = (0..<Int.random(in: 0...12, using: &random)).map { _ in Int.random(in: 0...message.count, using: &random) }
            cuts += [0, 64, 128, message.count]
            let edges = cuts.sorted()
            let parts = zip(edges, edges.dropFirst()).map { message.subdata(in: $0..<$1) }
            #expect(SHA256.hex(parts: parts) == whole, "\(edges)")
            #expect(SHA256.digest(parts: parts, portable: true) == SHA256.digest(message, portable: true))
        }
        #expect(SHA256.hex(parts: []) == SHA256.hex(Data()))
    }
}

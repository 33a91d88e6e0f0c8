import Foundation
import Testing
@testable import GazetteRender

/// The JSON embedded in pages (JSON-LD, the lookup box) is written by hand; it must say exactly what
/// JSONSerialization would, and never let content close the `<script>` element it sits in.
@Suite("JSON in pages")
struct JSONTextTests {
    static let tricky = "引号\"、反斜杠\\、</script><!--、&amp;、换行\n\r、制表\t、\u{1}\u{8}\u{C}、/斜杠"

    static let value = JSONText.object([
        "z": .string(tricky), "a": .int(-42),
        "list": .array([.string("一"), .object(["b": .string("<b>"), "a": .array([])])]),
    ])

    @Test func parsesBackToTheSameValueAsJSONSerializationWouldWrite() throws {
        let ours = Self.value.text()
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(ours.utf8)) as? [String: Any])
        #expect(decoded["z"] as? String == Self.tricky)
        #expect(decoded["a"] as? Int == -42)
        let reference = try JSONSerialization.data(withJSONObject: decoded, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(try JSONSerialization.jsonObject(with: reference) as? NSDictionary == decoded as NSDictionary)
        // Keys sorted, no spaces.
        #expect(ours.hasPrefix("{\"a\":-42,\"list\":[\"一\",{\"a\":[],\"b\":\"<b>\"}],\"z\":"))
    }

    @Test func scriptSafeTextCannotCloseTheScriptOrOpenAComment() throws {
        let safe = Self.value.text(scriptSafe: true)
        #expect(!safe.contains("<") && !safe.contains(">") && !safe.contains("&"))
        let decoded = try #require(try JSONSerialization.jsonObject(with: Data(safe.utf8)) as? [String: Any])
        #expect(decoded["z"] as? String == Self.tricky)
    }
}

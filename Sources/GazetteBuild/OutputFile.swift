import Foundation

/// One file of the built site, not yet written.
public struct OutputFile: Sendable {
    /// Path below the output root.
    public let path: String
    public let data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}

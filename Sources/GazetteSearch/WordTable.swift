import Foundation

/// Gives every word run (digits, letters, Mongolian) a unit id above the Unicode range, shared by all
/// threads. The ids depend on thread timing, so nothing published may be ordered by them: tokens are
/// sorted by their text before they are written.
final class WordTable: @unchecked Sendable {
    static let firstID: UInt32 = 0x11_0000
    private var ids: [String: UInt32] = [:]
    private var words: [String] = []
    private let lock = NSLock()

    func id(_ word: String) -> UInt32 {
        lock.lock()
        defer { lock.unlock() }
        if let id = ids[word] { return id }
        let id = Self.firstID + UInt32(words.count)
        ids[word] = id
        words.append(word)
        return id
    }

    /// The text of a unit id: the Han scalar itself, or the word.
    func text(_ id: UInt32) -> String {
        if id < Self.firstID { return String(Unicode.Scalar(id)!) }
        lock.lock()
        defer { lock.unlock() }
        return words[Int(id - Self.firstID)]
    }

    static func isWord(_ id: UInt32) -> Bool { id >= firstID }
}

/// Collects a text's units as ids, positions and source offsets, for the index.
struct UnitIDSink: UnitSink {
    let words: WordTable
    /// Saves a trip through the shared lock for the words a thread has seen before.
    var localWords: [String: UInt32] = [:]
    var ids: [UInt32] = []
    var positions: [UInt32] = []
    var sources: [Int32] = []

    init(words: WordTable) { self.words = words }

    mutating func reset() {
        ids.removeAll(keepingCapacity: true)
        positions.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
    }

    mutating func han(_ scalar: Unicode.Scalar, position: Int, source: Int) {
        ids.append(scalar.value)
        positions.append(UInt32(position))
        sources.append(Int32(source))
    }

    mutating func word(_ scalars: [Unicode.Scalar], position: Int, source: Int) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let word = String(view)
        let id: UInt32
        if let known = localWords[word] { id = known } else {
            id = words.id(word)
            localWords[word] = id
        }
        ids.append(id)
        positions.append(UInt32(position))
        sources.append(Int32(source))
    }
}

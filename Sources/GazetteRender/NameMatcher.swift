/// Finds which of many names occur in a text in one pass, keyed by each name's first two
/// Unicode scalars: a unit page lists the documents that name the unit, and asking
/// `String.contains` for every unit in every document does not scale to large archives.
struct NameMatcher {
    private var candidates: [UInt64: [(scalars: [Unicode.Scalar], id: String)]] = [:]

    /// `names` maps a name to the id it stands for; names shorter than `minimumLength` are ignored
    /// because two-character words (财政, 教育) occur everywhere.
    init(names: [(name: String, id: String)], minimumLength: Int = 3) {
        for (name, id) in names {
            let scalars = Array(name.unicodeScalars)
            guard scalars.count >= minimumLength else { continue }
            candidates[Self.key(scalars[0], scalars[1]), default: []].append((scalars, id))
        }
    }

    /// The ids of every name that occurs in `text`.
    func ids(in text: String) -> Set<String> {
        let scalars = Array(text.unicodeScalars)
        var found: Set<String> = []
        guard scalars.count >= 2 else { return found }
        for i in 0..<(scalars.count - 1) {
            guard let list = candidates[Self.key(scalars[i], scalars[i + 1])] else { continue }
            for candidate in list where !found.contains(candidate.id)
                && i + candidate.scalars.count <= scalars.count
                && scalars[i..<(i + candidate.scalars.count)].elementsEqual(candidate.scalars) {
                found.insert(candidate.id)
            }
        }
        return found
    }

    private static func key(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> UInt64 {
        UInt64(a.value) << 32 | UInt64(b.value)
    }
}

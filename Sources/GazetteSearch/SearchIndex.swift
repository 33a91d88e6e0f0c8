import Foundation

/// Writes the static search index.
public enum SearchIndex {
    /// The index files for `records`, as (path below the output root, bytes).
    /// Placeholder until the engine lands: no files.
    public static func build(_ records: [SearchRecord]) -> [(path: String, data: Data)] {
        []
    }
}

import GazetteParallel
import GazetteDeflate

/// gzip (RFC 1952) through libdeflate: the index is pre-compressed at build time and the browser inflates it
/// with the built-in `DecompressionStream('gzip')`, so neither side needs third-party code. The header has
/// no file name and a zero time, so the same input always gives the same bytes (for one libdeflate version,
/// which CI and the office's machine take from the same Debian release).
///
/// Level 1 for everything: on the 10,000-document corpus, higher levels save 1–5 % on the records' text
/// (39.9 MB at level 1, 38.0 at level 6, for twice the time) and nothing on the binary postings and positions.
enum Gzip {
    static func compressor() -> Deflater {
        Deflater(.gzip, level: 1)
    }

    /// Every item compressed, in order, on `jobs` strands that each keep one compressor for all their items.
    static func compress(_ items: [[UInt8]], jobs: Int) -> [[UInt8]] {
        Parallel.map(items, jobs: jobs, state: { compressor() }) { $0.compress($1) }
    }
}

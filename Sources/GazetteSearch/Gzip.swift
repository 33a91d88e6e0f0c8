import GazetteParallel
import GazetteZlib

/// gzip (RFC 1952) through the system zlib: the index is pre-compressed at build time and the browser
/// inflates it with the built-in `DecompressionStream('gzip')`, so neither side needs third-party code.
/// zlib writes no file name and a zero time in the header, so the same input always gives the same bytes
/// (for one zlib version, which CI and the office's machine take from the same Debian release).
///
/// Text (records, snippet pages) repeats phrases and is matched at level 1 (level 6 is a quarter slower and
/// saves under 1 % on Chinese text, seen on the 10,000-document corpus); postings and positions are varints
/// with no repeats worth finding, so `matching: false` codes them with Huffman codes only, which is several
/// times faster for nearly the same size.
enum Gzip {
    /// A stream for text (`matching`) or for binary data (Huffman codes only, where zlib ignores the level).
    static func compressor(matching: Bool) -> Deflater {
        Deflater(.gzip, level: 1, matching: matching)
    }

    /// Every item compressed, in order, on `jobs` strands that each keep one stream for all their items.
    static func compress(_ items: [[UInt8]], matching: Bool, jobs: Int) -> [[UInt8]] {
        Parallel.map(items, jobs: jobs, state: { compressor(matching: matching) }) { $0.compress($1) }
    }
}

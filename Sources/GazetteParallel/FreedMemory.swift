import Foundation

/// Hands memory the build has let go back to the system, under glibc's malloc. glibc keeps freed small blocks for reuse, but
/// the search index's postings grow in large arenas of their own (`mmap`), which never reuse them: the
/// Markdown, the page contexts and the bodies' HTML, let go after rendering, would still count in the
/// peak. `malloc_trim` returns the whole free pages among them.
///
/// Only while the process holds more than `worthTrimming`: a trim walks the whole heap and hands pages
/// back one `madvise` at a time, which the next allocations fault in again. A rebuild of a 10,000-document
/// gazette holds about 200 MB at each of its four trims (a clean build 350–650 MB), and trimming there was
/// 256 of its 12,064 profile samples for a peak 35 MB lower, far under the 1 GB the build may take.
public enum FreedMemory {
    public static let worthTrimming = 320 << 20

    public static func release() {
        #if os(Linux)
        // `site` runs on jemalloc (Package.swift), which hands dirty pages back by itself as they age, and
        // whose arenas `malloc_trim` does not reach. Purging them at these points (`mallctl` of
        // "arena.4096.purge") was measured: a clean 10,000-document build peaked at 708–722 MB instead of
        // 781 MB, but took 55,000 more page faults and 0.3–1 s more; the floor is 1 GB, so jemalloc keeps them.
        guard !runsOnJemalloc, residentBytes() > worthTrimming else { return }
        _ = glibcMallocTrim(0)
        #endif
    }

    #if os(Linux)
    /// Whether the process was linked with jemalloc (looked up, so that the libraries and the tests, which
    /// run on glibc's malloc, need no jemalloc).
    private static let runsOnJemalloc = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallctl") != nil
    #endif

    /// The process's resident set now, from /proc/self/statm (0 where there is none).
    public static func residentBytes() -> Int {
        // Read with read(2): /proc files report a size of 0, which Foundation's readers take at its word.
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = read(fd, &buffer, buffer.count)
        guard count > 0 else { return 0 }
        let fields = String(decoding: buffer[..<count], as: UTF8.self).split(separator: " ")
        let pages = fields.count > 1 ? Int(fields[1]) ?? 0 : 0
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

#if os(Linux)
// Swift's Glibc module leaves out <malloc.h>; the function is plain C (size_t → int).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Hands memory the build has let go back to the system. glibc keeps freed small blocks for reuse, but
/// the search index's postings grow in large arenas of their own (`mmap`), which never reuse them: the
/// Markdown, the page contexts and the bodies' HTML, let go after rendering, would still count in the
/// peak. `malloc_trim` returns the whole free pages among them.
public enum FreedMemory {
    public static func release() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

#if os(Linux)
// Swift's Glibc module leaves out <malloc.h>; the function is plain C (size_t → int).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

import Foundation
import GazetteModel

/// The outcome of the latest build, shared by the build loop (which writes it) and the
/// request handlers (which read it for every page they serve).
final class PreviewState: @unchecked Sendable {
    /// What a page needs to know about the build when it is served.
    struct Build: Sendable, Equatable {
        /// Names the build a page was served after; a page whose build is not the latest reloads.
        /// It starts with a per-process token so that pages left open across a restart of
        /// `site serve` reload too, instead of matching the new process's first build.
        var generation: String
        /// The errors of the latest build, sorted; empty when it was published. While there
        /// are errors the output folder still holds the last good site.
        var errors: [Diagnostic]
        /// Where the site in the output folder is mounted: the path of its base URL.
        var basePath: String
    }

    private let lock = NSLock()
    private let session = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    private var count = 0
    private var errors: [Diagnostic] = []
    private var building = false
    private var basePath = "/"

    var current: Build {
        lock.withLock { Build(generation: "\(session)-\(count)", errors: errors, basePath: basePath) }
    }

    var isBuilding: Bool { lock.withLock { building } }

    func beginBuild() { lock.withLock { building = true } }

    /// Records a finished build and returns its generation. `publishedBasePath` is the base
    /// path of the site it published; nil when it published nothing, and the output folder
    /// still holds the previous site, mounted where it was.
    func finishBuild(errors newErrors: [Diagnostic], publishedBasePath: String?) -> String {
        lock.withLock {
            count += 1
            errors = newErrors
            if let publishedBasePath { basePath = Self.normalized(publishedBasePath) }
            building = false
            return "\(session)-\(count)"
        }
    }

    /// `/gongbao/` from `/gongbao`, `gongbao/` or `/gongbao/`; `/` from an empty path.
    static func normalized(_ path: String) -> String {
        let inner = path.split(separator: "/").joined(separator: "/")
        return inner.isEmpty ? "/" : "/\(inner)/"
    }

    /// Waits while a build runs, at most `limit`: a build swaps the output folder in place, and
    /// a request that arrives in that instant should see the new site rather than a 404.
    func waitUntilIdle(limit: Duration = .seconds(10)) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while isBuilding, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }
}

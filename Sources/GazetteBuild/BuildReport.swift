import GazetteModel

/// What a build did: its stages with their times, and every finding.
public struct BuildReport: Sendable {
    public struct Stage: Sendable {
        public let name: String
        public let detail: String
        public let seconds: Double
    }

    public internal(set) var stages: [Stage] = []
    public internal(set) var diagnostics = Diagnostics()
    /// Files written (pages, data, assets).
    public internal(set) var fileCount = 0
    /// Files taken unchanged from the previous build instead of being written again.
    public internal(set) var reusedCount = 0
    /// True when `public/` now holds the new site.
    public internal(set) var published = false
    /// The path of the base URL (`/gongbao/`) where the site is meant to be served, once
    /// `site.yaml` was read; `site serve` serves the preview there, so absolute links work.
    public internal(set) var basePath: String?
    public internal(set) var totalSeconds = 0.0
}

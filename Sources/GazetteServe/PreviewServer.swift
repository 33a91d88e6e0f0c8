import Foundation
import GazetteBuild
import GazetteModel
import Hummingbird
import Logging
import ServiceLifecycle

/// `site serve`: builds the site, serves the output folder on 127.0.0.1 with Hummingbird,
/// rebuilds when the content or the theme changes, and makes open pages reload.
///
/// The server and the build loop run as two services of one `ServiceGroup`, so SIGINT and
/// SIGTERM (or `stop()`) shut both down gracefully: the build loop ends the pages' event
/// streams, then the HTTP server finishes its last responses and closes.
public final class PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var contentRoot: URL
        public var themeRoot: URL
        public var outputRoot: URL
        /// The build date; nil takes the date each build starts (as `site build` does without
        /// `--today`), so a preview left running past midnight shows the new day's notices.
        public var today: Day?
        /// The port on 127.0.0.1; 0 lets the system choose a free one (in the URL `onReady` gets).
        public var port: Int
        /// How often the content and theme folders are checked for changes.
        public var pollInterval: Duration
        public var jobs: Int
        /// Whether SIGINT and SIGTERM stop the server; off when it is embedded (tests).
        public var handlesSignals: Bool

        public init(contentRoot: URL, themeRoot: URL, outputRoot: URL, today: Day? = nil, port: Int = 8080,
                    pollInterval: Duration = .milliseconds(250),
                    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, handlesSignals: Bool = true) {
            self.contentRoot = contentRoot
            self.themeRoot = themeRoot
            self.outputRoot = outputRoot
            self.today = today
            self.port = port
            self.pollInterval = pollInterval
            self.jobs = jobs
            self.handlesSignals = handlesSignals
        }
    }

    /// The only address served: a preview shows unpublished documents, so it is never
    /// reachable from other machines.
    public static let host = "127.0.0.1"

    public let configuration: Configuration
    private let group: ServiceGroup
    private let state: PreviewState
    private let channel: ReloadChannel

    /// - Parameters:
    ///   - log: receives the build's progress lines; the CLI prints them.
    ///   - report: receives each build's errors (and the first build's warnings).
    ///   - onReady: called once with the preview's URL (`http://127.0.0.1:8080/gongbao/`: the
    ///     bound port, and the path of the site's base URL), when the server listens *and*
    ///     the first build has finished.
    public init(configuration: Configuration, log: @escaping @Sendable (String) -> Void = { print($0) },
                report: @escaping @Sendable (Diagnostic) -> Void = { print($0) },
                onReady: @escaping @Sendable (URL) -> Void = { _ in }) {
        self.configuration = configuration
        let state = PreviewState(), channel = ReloadChannel()
        self.state = state
        self.channel = channel
        let readiness = Readiness(onReady)
        let responder = PreviewResponder(outputRoot: configuration.outputRoot, state: state, channel: channel)
        var logger = Logger(label: "gazette.serve")
        // Hummingbird's own info lines (one per start) would interleave with the build's;
        // problems are still reported.
        logger.logLevel = .warning
        let app = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(Self.host, port: configuration.port)),
            onServerRunning: { channel in readiness.serverListening(port: channel.localAddress?.port ?? configuration.port) },
            logger: logger)
        let builds = BuildLoop(configuration: configuration, state: state, channel: channel, log: log, report: report,
                               onFirstBuild: { readiness.firstBuildDone(basePath: $0) })
        // Services stop in reverse order: the build loop (and with it the event streams) first.
        group = ServiceGroup(
            services: [app, builds],
            gracefulShutdownSignals: configuration.handlesSignals ? [.sigint, .sigterm] : [],
            logger: logger)
    }

    /// Serves until `stop()` or, when `handlesSignals`, SIGINT or SIGTERM; then returns normally.
    /// Throws when the server cannot start (the port is taken, for one).
    public func run() async throws {
        try await group.run()
    }

    /// Starts a graceful shutdown; `run()` returns once it is complete.
    public func stop() async {
        await group.triggerGracefulShutdown()
    }

    /// How many pages hold an event stream open.
    public var openEventStreams: Int { channel.subscriberCount }
}

/// Calls `onReady` once both the server listens and the first build is done, whichever
/// comes last: the URL is announced only when it shows the current site.
private final class Readiness: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    private var basePath: String?
    private var announced = false
    private let onReady: @Sendable (URL) -> Void

    init(_ onReady: @escaping @Sendable (URL) -> Void) { self.onReady = onReady }

    func serverListening(port: Int) {
        lock.withLock { self.port = port }
        announceIfReady()
    }

    func firstBuildDone(basePath: String) {
        lock.withLock { self.basePath = basePath }
        announceIfReady()
    }

    private func announceIfReady() {
        let url: URL? = lock.withLock {
            guard let port, let basePath, !announced else { return nil }
            announced = true
            return URL(string: "http://\(PreviewServer.host):\(port)\(basePath)")
        }
        if let url { onReady(url) }
    }
}

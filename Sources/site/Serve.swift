import ArgumentParser
import Foundation
import GazetteBuild
import GazetteModel
import GazetteServe

/// `site serve`: preview while editing. Builds, serves the output folder on 127.0.0.1,
/// rebuilds on every change to content/ or theme/, and reloads the open pages.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview: build, serve on 127.0.0.1, rebuild and reload pages when content or theme change.",
        discussion: """
        Build errors are listed in the browser over the last good site, which keeps being \
        served until they are fixed. Ctrl-C stops the server.
        """)

    @OptionGroup var common: ContentOptions
    @Option(help: "Port on 127.0.0.1 (0: any free port).") var port = 8080
    @Option(help: "Output folder; replaced only when a build succeeds.") var output = "public"

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port 应在 0 到 65535 之间") }
    }

    func run() throws {
        // Checks --today and SOURCE_DATE_EPOCH once; without --today each rebuild takes the day anew.
        let today = try common.buildDay()
        let configuration = PreviewServer.Configuration(
            contentRoot: URL(fileURLWithPath: common.content),
            themeRoot: URL(fileURLWithPath: common.theme),
            outputRoot: URL(fileURLWithPath: output),
            today: common.today == nil ? nil : today,
            port: port)
        let server = PreviewServer(configuration: configuration, log: Self.say, report: { diagnostic in
            // To standard error, as `site build` prints them.
            FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
        }, onReady: { url in
            Self.say("serving \(url.absoluteString) — watching \(configuration.contentRoot.lastPathComponent)/ and \(configuration.themeRoot.lastPathComponent)/; Ctrl-C to stop")
        })
        try Self.block { try await server.run() }
        Self.say("stopped")
    }

    /// Writes a line straight to standard output: `print` is buffered when the output is a
    /// pipe (an editor's task runner, the tests), and the URL and each rebuild's line must
    /// arrive as they happen.
    @Sendable private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Runs async work to completion from this synchronous command. `site`'s root command is
    /// synchronous, and ArgumentParser cannot run an async subcommand under it; waiting on a
    /// semaphore is safe here because the main thread is not one the server's tasks run on.
    private static func block(_ work: @escaping @Sendable () async throws -> Void) throws {
        let done = DispatchSemaphore(value: 0)
        let outcome = Outcome()
        Task {
            do { try await work() } catch { outcome.error = error }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw error }
    }

    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: Error?
        var error: Error? {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }
}

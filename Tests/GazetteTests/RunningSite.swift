import Foundation
import Testing

/// The `site` executable (see `SiteCommandLine`) started as a child process that a test can
/// watch and signal, with its own environment.
final class RunningSite: @unchecked Sendable {
    let process = Process()
    private let out = Pipe(), err = Pipe()
    /// Written once by each reader thread before it leaves `readers`, read only after `readers.wait()`.
    private var stdoutData = Data(), stderrData = Data()
    private let readers = DispatchGroup()

    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = try #require(SiteCommandLine.executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        process.environment = env.merging(environment) { _, new in new }
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Drain both pipes while the child runs, so a chatty child never blocks on a full pipe.
        readers.enter()
        readers.enter()
        Thread.detachNewThread { [self] in
            stdoutData = out.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
        Thread.detachNewThread { [self] in
            stderrData = err.fileHandleForReading.readDataToEndOfFile()
            readers.leave()
        }
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ sig: Int32) { kill(pid, sig) }

    /// Waits for the exit; returns (status, reason, stdout, stderr).
    func wait() -> (status: Int32, reason: Process.TerminationReason, stdout: String, stderr: String) {
        process.waitUntilExit()
        readers.wait()
        return (process.terminationStatus, process.terminationReason,
                String(decoding: stdoutData, as: UTF8.self), String(decoding: stderrData, as: UTF8.self))
    }

    /// Runs to the end.
    static func run(_ arguments: [String], environment: [String: String] = [:])
        throws -> (status: Int32, reason: Process.TerminationReason, stdout: String, stderr: String) {
        try RunningSite(arguments, environment: environment).wait()
    }
}

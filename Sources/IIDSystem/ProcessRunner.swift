import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// How a child process ended.
public struct ProcessOutcome: Sendable, Equatable {
    /// The exit code, or nil when it was killed by a signal, timed out or never started.
    public var exitCode: Int32?
    public var signal: Int32?
    public var stdout: String
    public var stderr: String
    public var timedOut: Bool
    /// Why it could not be started (not found, not executable).
    public var launchError: String?

    public init(
        exitCode: Int32? = nil, signal: Int32? = nil, stdout: String = "", stderr: String = "", timedOut: Bool = false,
        launchError: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
        self.launchError = launchError
    }

    public var succeeded: Bool { exitCode == 0 }

    /// One line for logs: `exit 75: <stderr>`, `timed out after 30s`, `not found`.
    public var summary: String {
        if let launchError { return launchError }
        if timedOut { return "timed out" }
        let err = stderr.trimmingWhitespace().replacing("\n", with: " | ")
        if let signal { return "killed by signal \(signal)" + (err.isEmpty ? "" : ": \(err)") }
        return "exit \(exitCode ?? -1)" + (err.isEmpty ? "" : ": \(err)")
    }
}

/// The one seam through which iid starts programs: an argv array, never a shell.
public protocol ProcessRunner: Sendable {
    /// Runs `argv` with `input` on stdin; kills it (SIGTERM, then SIGKILL) after `timeout`.
    func run(_ argv: [String], input: [UInt8], timeout: Duration) async -> ProcessOutcome

    /// Runs `argv` with no input, handing each line of stdout to `onLine` as it arrives; ends it after
    /// `timeout` or when the calling task is cancelled.
    func runStreaming(_ argv: [String], timeout: Duration, onLine: @escaping @Sendable (String) -> Void) async
        -> ProcessOutcome
}

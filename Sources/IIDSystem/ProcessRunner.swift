import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
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
        let err = stderr.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\n", with: " | ")
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

/// `ProcessRunner` on swift-subprocess (posix_spawn underneath).
public struct SubprocessRunner: ProcessRunner {
    public init() {}

    public func run(_ argv: [String], input: [UInt8], timeout: Duration) async -> ProcessOutcome {
        await Self.spawn(argv, timeout: timeout) { executable, arguments in
            let result = try await Subprocess.run(
                executable, arguments: arguments, platformOptions: Self.options, input: .array(input),
                output: .string(limit: 1 << 16), error: .string(limit: 1 << 16))
            return Self.outcome(result.terminationStatus, stdout: result.standardOutput, stderr: result.standardError)
        }
    }

    public func runStreaming(_ argv: [String], timeout: Duration, onLine: @escaping @Sendable (String) -> Void) async
        -> ProcessOutcome
    {
        await Self.spawn(argv, timeout: timeout) { executable, arguments in
            let result = try await Subprocess.run(
                executable, arguments: arguments, platformOptions: Self.options, input: .none, output: .sequence,
                error: .string(limit: 1 << 16)
            ) { execution in
                var pending: [UInt8] = []
                for try await buffer in execution.standardOutput {
                    buffer.withUnsafeBytes { pending += $0 }
                    while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                        onLine(String(decoding: pending[..<newline], as: UTF8.self))
                        pending.removeSubrange(...newline)
                    }
                }
                if !pending.isEmpty { onLine(String(decoding: pending, as: UTF8.self)) }
            }
            return Self.outcome(result.terminationStatus, stdout: nil, stderr: result.standardError)
        }
    }

    /// On cancellation: SIGTERM, then SIGKILL a second later.
    static var options: PlatformOptions {
        var options = PlatformOptions()
        options.teardownSequence = [.gracefulShutDown(allowedDurationToNextStep: .seconds(1))]
        return options
    }

    static func outcome(_ status: TerminationStatus, stdout: String?, stderr: String?) -> ProcessOutcome {
        var outcome = ProcessOutcome(stdout: stdout ?? "", stderr: stderr ?? "")
        switch status {
        case .exited(let code): outcome.exitCode = code
        case .signaled(let sig): outcome.signal = sig
        }
        return outcome
    }

    /// Runs `start` against `timeout`. At the timeout the child's task is cancelled, which makes
    /// swift-subprocess tear the child down, and the call waits for that so that no child outlives it.
    static func spawn(
        _ argv: [String], timeout: Duration,
        _ start: @escaping @Sendable (Executable, Arguments) async throws -> ProcessOutcome
    ) async -> ProcessOutcome {
        guard let program = argv.first, !program.isEmpty else { return ProcessOutcome(launchError: "empty command") }
        let executable: Executable = program.contains("/") ? .path(FilePath(program)) : .name(program)
        let arguments = Arguments(Array(argv.dropFirst()))
        return await withTaskGroup(of: ProcessOutcome?.self) { group in
            group.addTask {
                do {
                    var outcome = try await start(executable, arguments)
                    if Task.isCancelled { outcome.timedOut = true }
                    return outcome
                } catch {
                    if Task.isCancelled { return ProcessOutcome(timedOut: true) }
                    return ProcessOutcome(launchError: "\(program): \(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            var outcome = ProcessOutcome(timedOut: true)
            if let first = await group.next(), let finished = first {
                outcome = finished
            }
            group.cancelAll()
            while let next = await group.next() {
                if var late = next {
                    late.timedOut = true
                    outcome = late
                }
            }
            return outcome
        }
    }
}

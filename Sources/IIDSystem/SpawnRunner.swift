import CIIDShims
import Dispatch

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// `ProcessRunner` on posix_spawn: the child starts in the caller's own turn, before any
/// suspension, and a worker thread then feeds its stdin, collects its output and reaps it.
///
/// Written by hand rather than with swift-subprocess because of latency: swift-subprocess forks
/// (copying the daemon's page tables) from a helper thread after a task hop, which made a reminder
/// reach `notify-send` about a millisecond later than the timer fired. posix_spawn uses vfork.
public struct SpawnRunner: ProcessRunner {
    /// Output kept per stream; the rest is read and dropped so the child never blocks on a full pipe.
    static let limit = 1 << 16

    public init() { _ = Self.ignoreBrokenPipes }

    /// Writing to a child that already exited must fail with EPIPE, not kill the writer.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    public func run(_ argv: [String], input: [UInt8], timeout: Duration) async -> ProcessOutcome {
        await execute(argv, input: input, timeout: timeout, onLine: nil)
    }

    public func runStreaming(_ argv: [String], timeout: Duration, onLine: @escaping @Sendable (String) -> Void) async
        -> ProcessOutcome
    {
        await execute(argv, input: [], timeout: timeout, onLine: onLine)
    }

    func execute(
        _ argv: [String], input: [UInt8], timeout: Duration, onLine: (@Sendable (String) -> Void)?
    ) async -> ProcessOutcome {
        let child: Child
        switch Child.spawn(argv) {
        case .failed(let outcome): return outcome
        case .started(let c): child = c
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DeliveryExecutor.onThread {
                    continuation.resume(returning: child.finish(input: input, timeout: timeout, onLine: onLine))
                }
            }
        } onCancel: {
            child.cancel()
        }
    }
}

/// One started child and its three pipes.
final class Child: @unchecked Sendable {
    let pid: pid_t
    private let stdin: Int32
    private let stdout: Int32
    private let stderr: Int32
    private let pidfd: Int32
    /// Set once by `cancel` from another thread; read by the worker.
    private let cancelled = CancelFlag()

    private init(pid: pid_t, fds: [Int32], pidfd: Int32) {
        self.pid = pid
        stdin = fds[0]
        stdout = fds[1]
        stderr = fds[2]
        self.pidfd = pidfd
    }

    enum Spawned {
        case started(Child)
        case failed(ProcessOutcome)
    }

    static func spawn(_ argv: [String]) -> Spawned {
        guard let program = argv.first, !program.isEmpty else {
            return .failed(ProcessOutcome(launchError: "empty command"))
        }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cArgs.append(nil)
        defer { for p in cArgs { free(p) } }
        var pid: Int32 = 0
        var fds: [Int32] = [-1, -1, -1]
        var pidfd: Int32 = -1
        let rc = cArgs.withUnsafeMutableBufferPointer { args in
            fds.withUnsafeMutableBufferPointer { iid_spawn(args.baseAddress, &pid, $0.baseAddress, &pidfd) }
        }
        guard rc == 0 else {
            let reason = rc == ENOENT ? "not found" : String(cString: strerror(rc))
            return .failed(ProcessOutcome(launchError: "\(program): \(reason)"))
        }
        return .started(Child(pid: pid, fds: fds, pidfd: pidfd))
    }

    /// `sig` to the child's process group, and to the child itself in case it left the group.
    private func signal(_ sig: Int32) {
        kill(-pid, sig)
        kill(pid, sig)
    }

    /// SIGTERM to the child's process group now; `finish` follows with SIGKILL a second later.
    func cancel() {
        // Once reaped, the pid may belong to someone else: signal only a child still ours.
        if cancelled.set() { signal(SIGTERM) }
    }

    /// Feeds `input`, reads until the child exits, ends it at `timeout` (SIGTERM, then SIGKILL a
    /// second later), and reaps it. Blocks: run it on a worker thread.
    func finish(input: [UInt8], timeout: Duration, onLine: (@Sendable (String) -> Void)?) -> ProcessOutcome {
        var written = 0
        var inOpen = true
        var out: [UInt8] = []
        var err: [UInt8] = []
        var line: [UInt8] = []
        var outOpen = true
        var errOpen = true
        var exited = false
        var status: Int32 = 0
        var timedOut = false
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        var deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
        var killing = false
        if input.isEmpty {
            close(stdin)
            inOpen = false
        }
        func drain(_ fd: Int32, into buffer: inout [UInt8], streaming: Bool) -> Bool {
            var chunk = [UInt8](repeating: 0, count: 16_384)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if streaming, let onLine {
                        line += chunk[0..<n]
                        while let nl = line.firstIndex(of: UInt8(ascii: "\n")) {
                            onLine(String(decoding: line[..<nl], as: UTF8.self))
                            line.removeSubrange(...nl)
                        }
                    } else if buffer.count < SpawnRunner.limit {
                        buffer += chunk[0..<min(n, SpawnRunner.limit - buffer.count)]
                    }
                    continue
                }
                if n == 0 { return false }  // end of file
                return errno == EINTR ? true : (errno == EAGAIN || errno == EWOULDBLOCK)
            }
        }
        while !exited {
            let now = DispatchTime.now().uptimeNanoseconds
            if cancelled.isSet || now >= deadline {
                if !killing {
                    timedOut = true
                    killing = true
                    signal(SIGTERM)
                    deadline = now + 1_000_000_000
                } else if now >= deadline {
                    signal(SIGKILL)
                    deadline = now + 1_000_000_000
                }
            }
            var polls: [pollfd] = []
            if inOpen { polls.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            if outOpen { polls.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
            if errOpen { polls.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
            if pidfd >= 0 { polls.append(pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0)) }
            // Without a pidfd the child's exit is seen by polling for it, ten times a second.
            let wait = max(0, Int64(deadline) - Int64(DispatchTime.now().uptimeNanoseconds)) / 1_000_000
            let ms = Int32(min(wait + 1, pidfd >= 0 ? 60_000 : 100))
            let ready = poll(&polls, nfds_t(polls.count), ms)
            if ready < 0 && errno != EINTR { break }
            for p in polls where p.revents != 0 {
                if p.fd == stdin {
                    let n = input.withUnsafeBytes { bytes -> Int in
                        guard let base = bytes.baseAddress else { return 0 }
                        return write(stdin, base + written, bytes.count - written)
                    }
                    if n > 0 { written += n }
                    if n < 0 && errno != EAGAIN && errno != EINTR || written >= input.count {
                        close(stdin)
                        inOpen = false
                    }
                } else if p.fd == stdout {
                    outOpen = drain(stdout, into: &out, streaming: true)
                } else if p.fd == stderr {
                    errOpen = drain(stderr, into: &err, streaming: false)
                }
            }
            if waitpid(pid, &status, WNOHANG) == pid { exited = true }
        }
        if !exited { waitpid(pid, &status, 0) }
        cancelled.reaped()
        if cancelled.isSet { timedOut = true }
        // What the child wrote before it exited is still in the pipes.
        if outOpen { _ = drain(stdout, into: &out, streaming: true) }
        if errOpen { _ = drain(stderr, into: &err, streaming: false) }
        if let onLine, !line.isEmpty { onLine(String(decoding: line, as: UTF8.self)) }
        if inOpen { close(stdin) }
        close(stdout)
        close(stderr)
        if pidfd >= 0 { close(pidfd) }
        var outcome = ProcessOutcome(
            stdout: String(decoding: out, as: UTF8.self), stderr: String(decoding: err, as: UTF8.self),
            timedOut: timedOut)
        if status & 0x7f == 0 {
            outcome.exitCode = (status >> 8) & 0xff
        } else {
            outcome.signal = status & 0x7f
        }
        return outcome
    }
}

/// Whether the caller cancelled, set from another thread; after `reaped` it no longer matters.
final class CancelFlag: @unchecked Sendable {
    private var value = false
    private var done = false
    private let lock = ThreadLock()
    /// Sets the flag; true while the child has not been reaped yet.
    func set() -> Bool {
        lock.withLock {
            value = true
            return !done
        }
    }
    func reaped() { lock.withLock { done = true } }
    var isSet: Bool { lock.withLock { value } }
}

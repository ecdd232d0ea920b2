import CIIDShims
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program a test starts: on posix_spawn, through the shim the daemon spawns with, so that the
/// child gets only its stdin, stdout and stderr, and every descriptor of the test's side is
/// closed when the test is done with it.
///
/// Not Foundation's `Process`, for two reasons seen in this toolchain's swift-corelibs-foundation:
/// `run()` finds the highest open descriptor by copying each entry of /proc/self/fd whole, 256
/// bytes, past the end of glibc's buffer when the listing fills it, and the test process crashed
/// in that copy at times (swift-corelibs-foundation#5472, fixed after 6.3); and the pipes and
/// file handles given to it stayed open after the test, over two thousand by the end of the
/// integration tests, which is what filled that listing.
final class TestProcess: @unchecked Sendable {
    /// Where the child's stdout or stderr goes.
    enum Stream {
        case null
        /// A pipe whose other end the test reads (`readToEnd`, `readLine`).
        case pipe
        /// A file, appended to, created if missing.
        case file(String)
        /// stderr only: where stdout goes.
        case stdout
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    let processIdentifier: pid_t
    /// The test's end of each `.pipe` stream, or -1.
    private(set) var stdoutPipe: Int32 = -1
    private(set) var stderrPipe: Int32 = -1
    private let lock = NSLock()
    /// The wait status once reaped: the pid is no longer signalled after that.
    private var status: Int32?

    /// Starts `executable` with `arguments`, in `environment` (nil: the test's own), its stdin
    /// read from the file `stdin` (nil: /dev/null).
    init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        stdin: String? = nil, stdout: Stream = .null, stderr: Stream = .null
    ) throws {
        var childEnds = [open(stdin ?? "/dev/null", O_RDONLY | O_CLOEXEC)]
        var ours: [Int32] = [-1, -1, -1]
        func release() {
            for fd in childEnds where fd >= 0 { close(fd) }
            for fd in ours where fd >= 0 { close(fd) }
        }
        if childEnds[0] < 0 {
            let reason = String(cString: strerror(errno))
            release()
            throw SpawnError(description: "\(executable): stdin: \(reason)")
        }
        for (n, stream) in [(1, stdout), (2, stderr)] {
            switch stream {
            case .null:
                childEnds.append(open("/dev/null", O_WRONLY | O_CLOEXEC))
            case .file(let path):
                childEnds.append(open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644))
            case .pipe:
                var fds: [Int32] = [-1, -1]
                // Close-on-exec at once; every child is spawned with only its own three anyway.
                guard pipe(&fds) == 0, fcntl(fds[0], F_SETFD, FD_CLOEXEC) == 0, fcntl(fds[1], F_SETFD, FD_CLOEXEC) == 0
                else {
                    release()
                    throw SpawnError(description: "pipe: \(String(cString: strerror(errno)))")
                }
                childEnds.append(fds[1])
                ours[n] = fds[0]
            case .stdout:
                childEnds.append(fcntl(childEnds[1], F_DUPFD_CLOEXEC, 3))
            }
            if childEnds[n] < 0 {
                let reason = String(cString: strerror(errno))
                release()
                throw SpawnError(description: "\(executable): stream \(n): \(reason)")
            }
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = (environment ?? [:]).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = argv.withUnsafeMutableBufferPointer { args in
            envp.withUnsafeMutableBufferPointer { env in
                childEnds.withUnsafeBufferPointer { ends in
                    iid_spawn_fds(args.baseAddress, environment == nil ? nil : env.baseAddress, ends.baseAddress, &pid)
                }
            }
        }
        for fd in childEnds { close(fd) }
        childEnds = []
        guard rc == 0 else {
            release()
            throw SpawnError(description: "\(executable): \(String(cString: strerror(rc)))")
        }
        processIdentifier = pid
        (stdoutPipe, stderrPipe) = (ours[1], ours[2])
    }

    deinit {
        for fd in [stdoutPipe, stderrPipe] where fd >= 0 { close(fd) }
        // Nothing a test started outlives it, and no zombie is left behind.
        if isRunning {
            signal(SIGKILL)
            var s: Int32 = 0
            waitpid(processIdentifier, &s, 0)
        }
    }

    /// Whether the child has not ended yet; reaps it once it has.
    var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard status == nil else { return false }
        var s: Int32 = 0
        let r = waitpid(processIdentifier, &s, WNOHANG)
        if r == processIdentifier || (r < 0 && errno == ECHILD) {
            status = r == processIdentifier ? s : 0
            return false
        }
        return true
    }

    /// The exit code, or the signal that ended it; -1 while it runs.
    var terminationStatus: Int32 {
        guard !isRunning else { return -1 }
        let s = lock.withLock { status ?? 0 }
        return s & 0x7f == 0 ? (s >> 8) & 0xff : s & 0x7f
    }

    /// Sends `sig`, unless the child was already reaped (its pid may be someone else's by now).
    func signal(_ sig: Int32) {
        lock.withLock {
            if status == nil { _ = kill(processIdentifier, sig) }
        }
    }

    /// Waits for the child to end, up to `timeout` seconds; returns whether it did.
    @discardableResult
    func waitForExit(timeout: Double = 120) -> Bool {
        eventually(timeout) { !isRunning }
    }

    /// Waits up to `timeout` seconds, then kills it and waits for that; returns whether it ended.
    @discardableResult
    func end(within timeout: Double = 120) -> Bool {
        if waitForExit(timeout: timeout) { return true }
        signal(SIGKILL)
        return waitForExit(timeout: 10)
    }

    /// All the child writes to its `.pipe` stdout and stderr, until both reach end of file or
    /// `timeout` seconds pass (then the child is killed, and what is left is read).
    func readToEnd(timeout: Double = 120) -> (stdout: String, stderr: String) {
        var out: [UInt8] = []
        var err: [UInt8] = []
        var deadline = Date().addingTimeInterval(timeout)
        var killed = false
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while stdoutPipe >= 0 || stderrPipe >= 0 {
            var polls = [stdoutPipe, stderrPipe].filter { $0 >= 0 }.map {
                pollfd(fd: $0, events: Int16(POLLIN), revents: 0)
            }
            if deadline.timeIntervalSinceNow <= 0 {
                if killed { break }
                killed = true
                signal(SIGKILL)
                deadline = Date().addingTimeInterval(10)
            }
            let ready = poll(&polls, nfds_t(polls.count), Int32(min(deadline.timeIntervalSinceNow, 1) * 1000) + 1)
            if ready < 0 && errno != EINTR { break }
            for p in polls where p.revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(p.fd, $0.baseAddress, $0.count) }
                if n > 0 {
                    if p.fd == stdoutPipe { out += chunk[0..<n] } else { err += chunk[0..<n] }
                } else if n == 0 || errno != EINTR {
                    close(p.fd)
                    if p.fd == stdoutPipe { stdoutPipe = -1 } else { stderrPipe = -1 }
                }
            }
        }
        return (String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    /// The next line of the `.pipe` stdout, read as it arrives; nil at end of file.
    func readLine() -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(stdoutPipe, &byte, 1) == 1 {
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}

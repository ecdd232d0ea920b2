import CIIDShims
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The client side of the daemon's control socket: one request line, one answer, then close.
public struct ControlClient: Sendable {
    public var path: String
    public var timeout: Int32 = 5

    public init(path: String) { self.path = path }

    public func request(_ line: String) throws(SystemError) -> String {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw SystemError("socket", path) }
        defer { close(fd) }
        var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
        guard iid_connect_unix(fd, path) == 0 else { throw SystemError("connect", path) }
        let bytes = Array((line + "\n").utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count
        else {
            throw SystemError("send", path)
        }
        shutdown(fd, Int32(SHUT_WR))
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemError("recv", path)
            }
            if n == 0 { break }
            out += buffer[0..<n]
            if out.count > 1 << 20 { break }
        }
        guard let text = String(validating: out, as: UTF8.self), !text.isEmpty else {
            throw SystemError("recv", path, EPROTO)
        }
        if text.hasPrefix("error: ") {
            throw SystemError(String(text.dropFirst(7)).trimmingNewlines(), path, EACCES)
        }
        return text.trimmingNewlines()
    }
}

/// The listening side: a 0700 folder, a stale socket replaced, peers of another uid refused.
public enum ControlListener {
    /// Takes the lock at `path` (flock, exclusive) for as long as the returned descriptor stays
    /// open, and writes this process's pid into it: one daemon per user, even if another is
    /// stopped or too busy to answer a ping. The folder must be private (`FileIO.checkPrivate`).
    public static func lock(path: String) throws(SystemError) -> Int32 {
        let dir = PathName.parent(of: path)
        try FileIO.makeDirectory(dir)
        try FileIO.checkPrivate(dir)
        // Held read-only: a file kept open for writing would stop its file system from being
        // remounted read-only while the daemon runs.
        let fd = Glibc.open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SystemError("open", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let e = errno
            close(fd)
            if e == EWOULDBLOCK {
                let who = holder(path: path).map { " (pid \($0))" } ?? ""
                throw SystemError("lock (another iid is running\(who))", path, EADDRINUSE)
            }
            throw SystemError("flock", path, e)
        }
        let writer = Glibc.open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)
        if writer >= 0 {
            let pid = Array("\(getpid())\n".utf8)
            _ = pid.withUnsafeBytes { Glibc.write(writer, $0.baseAddress, $0.count) }
            close(writer)
        }
        return fd
    }

    /// The pid written into the lock at `path`, if any.
    public static func holder(path: String) -> Int32? {
        guard let bytes = try? FileIO.read(path, limit: 64) else { return nil }
        return Int32(String(decoding: bytes, as: UTF8.self).trimmingWhitespace())
    }

    /// Whether a daemon holds the lock at `path` (without taking it).
    public static func isHeld(path: String) -> Bool {
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        guard flock(fd, LOCK_SH | LOCK_NB) == 0 else { return errno == EWOULDBLOCK }
        flock(fd, LOCK_UN)
        return false
    }

    /// A non-blocking listening socket at `path`.
    public static func open(path: String, backlog: Int32 = SOMAXCONN) throws(SystemError) -> Int32 {
        let dir = PathName.parent(of: path)
        try FileIO.makeDirectory(dir)
        try FileIO.checkPrivate(dir)
        if FileIO.exists(path) {
            // A live daemon answers; a dead one left its socket behind.
            if (try? ControlClient(path: path).request("ping")) != nil {
                throw SystemError("bind (another iid is running)", path, EADDRINUSE)
            }
            unlink(path)
        }
        let fd = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw SystemError("socket", path) }
        guard iid_bind_unix(fd, path) == 0 else {
            let e = errno
            close(fd)
            throw SystemError("bind", path, e)
        }
        chmod(path, 0o600)
        guard listen(fd, backlog) == 0 else {
            let e = errno
            close(fd)
            throw SystemError("listen", path, e)
        }
        return fd
    }

    /// The peer's uid (SO_PEERCRED).
    public static func peerUID(_ fd: Int32) -> uid_t? {
        var uid: uid_t = 0
        return iid_peer_uid(fd, &uid) == 0 ? uid : nil
    }

    public static func reply(_ fd: Int32, _ text: String) {
        let bytes = Array((text + "\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
        }
    }
}

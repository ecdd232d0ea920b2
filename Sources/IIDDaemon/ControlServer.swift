import Dispatch
import IIDCore
import IIDSystem
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// The control socket's server side: one request line per connection, answered on the loop's
/// queue by `answer`. Peers of another uid are refused (SO_PEERCRED). Each connection is read as
/// its bytes arrive, so a peer that connects and says nothing costs a descriptor for two seconds,
/// never the loop's time. Used only on the loop's queue (hence `@unchecked Sendable`).
final class ControlServer: @unchecked Sendable {
    private let queue: DispatchQueue
    private let log: Logger
    private let path: String
    private let fd: Int32
    private var source: DispatchSourceRead?
    private var connections: [Int32: (serial: Int, source: DispatchSourceRead, request: [UInt8])] = [:]
    private var serial = 0
    /// Answers one request line; called on `queue`.
    var answer: (String) -> String = { "error: unknown request '\($0)'" }
    /// How long a connection may stay open without a complete request.
    let idleLimit: DispatchTimeInterval = .seconds(2)

    /// Listens at `path` (`ControlListener.open`: a 0700 folder, a stale socket replaced).
    init(path: String, queue: DispatchQueue, log: Logger) throws(SystemError) {
        self.path = path
        self.queue = queue
        self.log = log
        fd = try ControlListener.open(path: path)
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in self?.acceptAll() }
        // Closed only once the source is gone (see `InotifyWatcher`).
        source.setCancelHandler { [fd] in Glibc.close(fd) }
        source.resume()
        self.source = source
    }

    /// Stops listening and removes the socket, so that iictl says "not running" at once.
    func close() {
        if paused { source?.resume() }
        source?.cancel()
        source = nil
        if reserve >= 0 { Glibc.close(reserve) }
        reserve = -1
        unlink(path)
    }

    /// At most this many connections are open at once; the rest wait in the listen backlog.
    /// A quarter of the descriptor limit, so that a storm of clients (anyone who can reach the
    /// socket) never takes the descriptors a reminder's notify-send or sendmail needs.
    let maxConnections: Int = {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        return max(4, min(64, Int(limit.rlim_cur) / 4))
    }()
    /// Whether the accept source is suspended (too many open, or out of descriptors).
    private var paused = false
    /// A descriptor held in reserve: on EMFILE it is closed to accept and drop one client, so a
    /// full table cannot leave the listening socket readable forever (a busy loop).
    private var reserve: Int32 = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)

    private func acceptAll() {
        while connections.count < maxConnections {
            let conn = accept(fd, nil, nil)
            if conn < 0 {
                if errno == EMFILE || errno == ENFILE { shed() }
                return
            }
            _ = fcntl(conn, F_SETFL, fcntl(conn, F_GETFL) | O_NONBLOCK)
            _ = fcntl(conn, F_SETFD, FD_CLOEXEC)
            let source = DispatchSource.makeReadSource(fileDescriptor: conn, queue: queue)
            source.setEventHandler { [weak self] in self?.read(conn) }
            source.setCancelHandler { Glibc.close(conn) }
            serial += 1
            let mine = serial
            connections[conn] = (mine, source, [])
            source.resume()
            queue.asyncAfter(deadline: .now() + idleLimit) { [weak self] in
                // Still the same connection (a descriptor number comes back once closed)? Then it idled.
                if self?.connections[conn]?.serial == mine { self?.end(conn) }
            }
        }
        pause()
    }

    /// Out of descriptors: drop one waiting client with the reserve, and stop accepting for a
    /// moment (a one-off timer, only under such pressure) instead of spinning on EMFILE.
    private func shed() {
        log.warning("control socket: out of file descriptors; refusing clients for a moment")
        if reserve >= 0 {
            Glibc.close(reserve)
            let conn = accept(fd, nil, nil)
            if conn >= 0 { Glibc.close(conn) }
            reserve = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        pause()
        queue.asyncAfter(deadline: .now() + .milliseconds(200)) { [weak self] in self?.resume() }
    }

    private func pause() {
        guard !paused, let source else { return }
        paused = true
        source.suspend()
    }

    private func resume() {
        guard paused, let source, connections.count < maxConnections else { return }
        paused = false
        source.resume()
    }

    private func read(_ conn: Int32) {
        guard var connection = connections[conn] else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { recv(conn, $0.baseAddress, $0.count, 0) }
        if n < 0 && (errno == EAGAIN || errno == EINTR) { return }
        if n > 0 { connection.request += buffer[0..<n] }
        let line = connection.request.firstIndex(of: UInt8(ascii: "\n"))
        guard n <= 0 || line != nil || connection.request.count >= 4096 else {
            connections[conn] = connection
            return
        }
        let bytes = connection.request[..<(line ?? min(connection.request.count, 4096))]
        let request = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
        // The request is read first even from a stranger, so the refusal reaches it intact.
        if let uid = ControlListener.peerUID(conn), uid == getuid() {
            ControlListener.reply(conn, answer(request))
        } else {
            log.warning("control socket: refused a peer of another user")
            ControlListener.reply(conn, "error: permission denied: this iid belongs to another user")
        }
        end(conn)
    }

    private func end(_ conn: Int32) {
        connections.removeValue(forKey: conn)?.source.cancel()
        resume()
    }
}

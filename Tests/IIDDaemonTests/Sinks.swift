import CIIDShims
import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Log lines kept in memory, to check what the daemon said.
final class CapturedLogs: @unchecked Sendable {
    struct Line: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: Logger.Metadata
    }
    private let lock = NSLock()
    private var kept: [Line] = []
    var lines: [Line] { lock.withLock { kept } }
    func add(_ line: Line) { lock.withLock { kept.append(line) } }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            sink.add(Line(level: event.level, message: "\(event.message)", metadata: event.metadata ?? [:]))
        }
    }
}

/// A journal socket of the test's own: every datagram the daemon sends there.
final class JournalSink {
    let path: String
    private let fd: Int32

    init(path: String) {
        self.path = path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        _ = iid_bind_unix(fd, path)
    }
    deinit { close(fd) }

    /// The entries waiting, without blocking.
    func drain() -> [String] {
        var out: [String] = []
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = recv(fd, &buf, buf.count, Int32(MSG_DONTWAIT))
            if n <= 0 { return out }
            out.append(String(decoding: buf[0..<n], as: UTF8.self))
        }
    }
}

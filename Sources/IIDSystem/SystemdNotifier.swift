import CIIDShims
import Foundation

#if Systemd
    import CSystemd
#endif

/// sd_notify(3): one datagram per state change to `$NOTIFY_SOCKET` (a leading `@` is abstract).
/// Without `NOTIFY_SOCKET` every call does nothing, as under a plain shell.
public struct SystemdNotifier: Sendable {
    public var socketPath: String?
    /// Half of `WATCHDOG_USEC`, when systemd asks for pings and they are meant for this process.
    public var watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socketPath = environment["NOTIFY_SOCKET"].flatMap { $0.isEmpty ? nil : $0 }
        if let usec = environment["WATCHDOG_USEC"].flatMap(UInt64.init), usec > 0,
            environment["WATCHDOG_PID"].flatMap(Int32.init).map({ $0 == getpid() }) ?? true
        {
            watchdogInterval = .microseconds(Int64(usec / 2))
        }
    }

    /// Sends `state` (e.g. `READY=1\nSTATUS=…`). Returns false when there is no socket or it failed.
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard let path = socketPath else { return false }
        #if Systemd
            return state.withCString { sd_notify(0, $0) } > 0 || send(state, to: path)
        #else
            return send(state, to: path)
        #endif
    }

    func send(_ state: String, to path: String) -> Bool {
        // Non-blocking: a service manager that does not read its socket must not stop the loop.
        let fd = socket(
            AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(state.utf8)
        return bytes.withUnsafeBytes { iid_send_datagram(fd, path, $0.baseAddress, $0.count) } == bytes.count
    }

    /// `STATUS=` text must be one line.
    public static func statusLine(_ text: String) -> String {
        "STATUS=" + text.replacingOccurrences(of: "\n", with: " ")
    }
}

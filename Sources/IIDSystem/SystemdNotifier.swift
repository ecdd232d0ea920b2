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
            // libsystemd's sd_notify blocks while the socket's buffer is full: it runs off the
            // loop, in order, on a queue of its own (`LibsystemdNotifier`).
            LibsystemdNotifier.shared.send(state) { send(state, to: path) }
            return true
        #else
            return send(state, to: path)
        #endif
    }

    /// Waits, at most `timeout`, until the states sent so far have left: before the process exits,
    /// so that STOPPING=1 is not lost. Nothing to wait for without libsystemd (sends are inline).
    public func flush(timeout: Duration = .seconds(1)) {
        #if Systemd
            LibsystemdNotifier.shared.flush(timeout: timeout)
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
        "STATUS=" + text.replacing("\n", with: " ")
    }
}

#if Systemd
    /// sd_notify(3) through libsystemd, off the daemon's loop: its datagram socket is a blocking one,
    /// so a service manager (or a test) that does not read its socket would otherwise stop every
    /// wake-up. States are sent in order from one serial queue; while one send waits, a newer
    /// status line replaces an older one still queued, so nothing piles up.
    final class LibsystemdNotifier: @unchecked Sendable {
        static let shared = LibsystemdNotifier()
        private let queue = DispatchQueue(label: "iid.sd-notify")
        private let lock = ThreadLock()
        private var pending: [(state: String, fallback: @Sendable () -> Bool)] = []
        private var draining = false

        /// Queues `state`; `fallback` sends it another way when libsystemd finds no socket in the
        /// process environment (a notifier made with an environment of its own).
        func send(_ state: String, fallback: @escaping @Sendable () -> Bool) {
            let start = lock.withLock { () -> Bool in
                if state.hasPrefix("STATUS="), let last = pending.last, last.state.hasPrefix("STATUS=") {
                    pending[pending.count - 1] = (state, fallback)
                } else if pending.last?.state != state {
                    pending.append((state, fallback))
                }
                defer { draining = true }
                return !draining
            }
            if start { queue.async { self.drain() } }
        }

        func flush(timeout: Duration) {
            let done = DispatchSemaphore(value: 0)
            queue.async { done.signal() }
            let (s, a) = timeout.components
            _ = done.wait(timeout: .now() + .nanoseconds(Int(s) * 1_000_000_000 + Int(a / 1_000_000_000)))
        }

        private func drain() {
            while let next = lock.withLock({ () -> (state: String, fallback: @Sendable () -> Bool)? in
                if pending.isEmpty {
                    draining = false
                    return nil
                }
                return pending.removeFirst()
            }) {
                if next.state.withCString({ sd_notify(0, $0) }) <= 0 { _ = next.fallback() }
            }
        }
    }
#endif

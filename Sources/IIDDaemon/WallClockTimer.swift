import CIIDShims
import Dispatch
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

/// The one timer the daemon keeps: armed for the next deadline, re-armed on every wake-up. A
/// protocol so that in-process tests can stand in for the kernel's timer with an injected clock.
public protocol WakeTimer: AnyObject {
    /// The instant it is armed for, nil when disarmed.
    var deadline: Date? { get }
    /// Arms the timer for `date` (nil disarms). A date in the past fires at once.
    func arm(_ date: Date?)
}

/// Why the timer woke the daemon.
public enum TimerFire: Sendable, Equatable { case deadline, clockChanged }

/// The daemon's one timer: a timerfd on CLOCK_REALTIME at an absolute wall-clock time, with
/// TFD_TIMER_CANCEL_ON_SET so that a clock step (NTP, a manual change) wakes it too. A realtime
/// deadline that passed during suspend fires on resume, which a monotonic Dispatch timer would not.
public final class WallClockTimer: WakeTimer {
    public typealias Fire = TimerFire

    private let fd: Int32
    private var source: DispatchSourceRead?
    public private(set) var deadline: Date?

    /// `iid_timerfd_create`: timerfd_create(CLOCK_REALTIME) in CIIDShims.
    public init(queue: DispatchQueue, handler: @escaping (Fire) -> Void) throws(SystemError) {
        fd = iid_timerfd_create()
        guard fd >= 0 else { throw SystemError("timerfd_create", "CLOCK_REALTIME") }
        let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
        source.setEventHandler { [weak self] in
            guard let self else { return }
            var expirations: UInt64 = 0
            let n = read(self.fd, &expirations, 8)
            if n < 0 && errno == ECANCELED {
                handler(.clockChanged)
            } else if n == 8 {
                handler(.deadline)
            }
        }
        // Closed only once the source is gone (see `InotifyWatcher`).
        source.setCancelHandler { [fd] in close(fd) }
        source.resume()
        self.source = source
    }

    deinit { source?.cancel() }

    /// Arms the timer for `date` (nil disarms). A date in the past fires at once.
    public func arm(_ date: Date?) {
        deadline = date
        guard let date else {
            // Disarming keeps CANCEL_ON_SET off too: nothing to wake for.
            _ = iid_timerfd_arm(fd, 0, 0)
            return
        }
        let t = max(date.timeIntervalSince1970, 1)
        let seconds = t.rounded(.down)
        let nanos = Int((t - seconds) * 1e9)
        _ = iid_timerfd_arm(fd, Int64(seconds), nanos)
    }
}

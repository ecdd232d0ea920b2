import CIIDShims
import Dispatch
import Foundation
import IIDSystem

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's one timer: a timerfd on CLOCK_REALTIME at an absolute wall-clock time, with
/// TFD_TIMER_CANCEL_ON_SET so that a clock step (NTP, a manual change) wakes it too. A realtime
/// deadline that passed during suspend fires on resume, which a monotonic Dispatch timer would not.
final class WallClockTimer {
    enum Fire { case deadline, clockChanged }

    private let fd: Int32
    private var source: DispatchSourceRead?
    private(set) var deadline: Date?

    init(queue: DispatchQueue, handler: @escaping (Fire) -> Void) throws(SystemError) {
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
        source.resume()
        self.source = source
    }

    deinit {
        source?.cancel()
        close(fd)
    }

    /// Arms the timer for `date` (nil disarms). A date in the past fires at once.
    func arm(_ date: Date?) {
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

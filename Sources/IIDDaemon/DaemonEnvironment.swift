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

/// Every side effect the daemon reaches for that a test may want to replace: the clock, how
/// programs are started, the timer, the service manager and where the files are. `live` is the
/// real machine; in-process tests pass a clock they move and a runner that records.
public struct DaemonEnvironment {
    public var paths: Paths
    /// The wall clock, read once per wake-up.
    public var clock: @Sendable () -> Date
    /// Starts the channels' commands (notify-send, sendmail): posix_spawn in `SpawnRunner`.
    public var runner: any ProcessRunner
    /// sd_notify(3) to `$NOTIFY_SOCKET`.
    public var notifier: SystemdNotifier
    /// Makes the one timer, given the loop's queue and what to call when it fires.
    public var makeTimer: (DispatchQueue, @escaping (TimerFire) -> Void) throws -> any WakeTimer
    /// This machine's name, for Message-IDs.
    public var host: String

    public init(
        paths: Paths, clock: @escaping @Sendable () -> Date, runner: any ProcessRunner, notifier: SystemdNotifier,
        host: String = ProcessInfo.processInfo.hostName,
        makeTimer: @escaping (DispatchQueue, @escaping (TimerFire) -> Void) throws -> any WakeTimer
    ) {
        self.paths = paths
        self.clock = clock
        self.runner = runner
        self.notifier = notifier
        self.host = host
        self.makeTimer = makeTimer
    }

    /// The real machine: the environment's XDG folders, `Date()`, posix_spawn, a timerfd.
    public static func live(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> DaemonEnvironment
    {
        DaemonEnvironment(
            paths: Paths(environment: environment), clock: { Date() }, runner: SpawnRunner(),
            notifier: SystemdNotifier(environment: environment),
            makeTimer: { queue, handler in try WallClockTimer(queue: queue, handler: handler) })
    }
}

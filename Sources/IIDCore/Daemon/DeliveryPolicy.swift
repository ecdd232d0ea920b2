#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// How a failed delivery is tried again: `delivery.retry` first, then twice as long each time, at
/// most an hour. A relay that is down for a day is then asked 24 times an hour later, not 2,880
/// times, and a notification server that comes back within a minute is found at once.
public struct RetryPolicy: Equatable, Sendable {
    /// The wait before the first retry.
    public var first: TimeInterval
    public var factor: Double = 2
    public var ceiling: TimeInterval = 3600

    public init(first: TimeInterval) { self.first = first }

    public init(config: Config) { self.init(first: config.delivery.retry.approximateSeconds) }

    /// The wait after the `attempt`-th failure (1 for the first).
    public func delay(afterAttempt attempt: Int) -> TimeInterval {
        min(ceiling, first * pow(factor, Double(max(attempt, 1) - 1)))
    }
}

/// Where a reminder goes meanwhile when its channel failed, so that the person still hears of it.
public enum FallbackRule {
    /// A notification that could not be shown goes to the journal once, unless the reminder goes
    /// to the journal anyway. Mail and the journal have no fallback: mail is retried, and the
    /// journal without a socket already writes to stderr.
    public static func fallback(for channel: Channel, of reminders: [Reminder]) -> Channel? {
        guard channel == .notify, !reminders.contains(where: { $0.channels.contains(.journal) }) else { return nil }
        return .journal
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why a reminder goes out after its time, which its text says: "while you were away" is true only
/// when the daemon was not watching at that time.
public enum Lateness: Sendable, Equatable {
    case onTime
    /// Its time passed while the daemon was not running, or the machine slept, or the clock jumped.
    case away
    /// Its time had passed when the daemon learned of its task, recorded while it watched (a
    /// meeting scheduled for tomorrow, whose homework reminder two days before is already past).
    case pastWhenRecorded
}

/// Since when the daemon has been watching without a break: its start, moved on when the machine
/// slept (the timer fired much later than armed) or the wall clock was set; and when it learned of
/// each contact's latest events while watching. A reminder whose time is before the watch began,
/// of a contact it knew then, was missed while away; one whose time had passed when its contact's
/// events arrived was past when recorded.
public struct Watch: Sendable, Equatable {
    public private(set) var since: Date
    /// When events of each contact were last appended while watching.
    private var learnedAt: [String: Date] = [:]
    /// How late a reminder or a timer may be and still count as on time.
    public static let slack: TimeInterval = 60

    public init(started: Date) { since = started }

    /// The timer armed for `armed` fired at `now`: much later means the machine was asleep.
    public mutating func timerFired(armedFor armed: Date?, now: Date) {
        if let armed, now.timeIntervalSince(armed) > Self.slack { since = max(since, now) }
    }

    /// The wall clock was set: what its jump passed over was not watched.
    public mutating func clockChanged(now: Date) { since = max(since, now) }

    /// Events of `contacts` were appended at `now`.
    public mutating func learned(_ contacts: Set<String>, at now: Date) {
        for c in contacts { learnedAt[c] = now }
    }

    public func lateness(of fireAt: Date, contact: String? = nil, now: Date) -> Lateness {
        guard now.timeIntervalSince(fireAt) > Self.slack else { return .onTime }
        if let learned = contact.flatMap({ learnedAt[$0] }), learned >= since, fireAt < learned {
            return .pastWhenRecorded
        }
        return fireAt < since ? .away : .pastWhenRecorded
    }
}

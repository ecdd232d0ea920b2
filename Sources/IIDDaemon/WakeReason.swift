import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Why the loop woke: every wake-up reads the clock once, updates the state, sends what is due and
/// re-arms the timer, whatever the reason; the reason only says what changed before that.
public enum WakeReason: String, Sendable, Equatable {
    case start
    case timer
    case clockChanged = "clock changed"
    case eventsChanged = "events changed"
    case reload
    case deliveryFinished = "delivery finished"
}

/// A signal, as data: the executable turns SIGHUP, SIGTERM and SIGINT into these.
public enum DaemonSignal: Sendable, Equatable {
    case hangup
    case terminate(Int32)
}

/// Why the config is read again; a reload by SIGHUP also re-reads the whole event log.
public enum ReloadReason: String, Sendable, Equatable {
    case hangup = "SIGHUP"
    case configChanged = "config changed"
    case control = "iictl"
}

/// What the daemon did, as it happened: tests wait for these instead of sleeping, and nothing
/// else depends on them.
public enum DaemonEvent: Sendable, Equatable {
    /// The timer was armed for this instant (nil: disarmed).
    case armed(Date?)
    case delivered(channel: Channel, keys: [String], summary: String)
    case failed(channel: Channel, keys: [String], reason: String, retryAt: Date)
    case unavailable(channel: Channel, keys: [String], reason: String)
    /// A delivery that failed went to `channel` instead.
    case fellBack(channel: Channel, keys: [String])
    case skipped(keys: [String])
    /// A notification's button was pressed and recorded.
    case answered(task: String, action: NotificationAction)
    /// The config was read again; `error` when it was refused and the last good one kept.
    case reloaded(error: String?)
    /// Items written to the calendar folder, by file name.
    case calendarWritten([String])
    /// Items someone else changed or removed in the calendar folder, as read.
    case calendarRead([String])
    /// A change made on the calendar (the phone) was recorded in the log as this event.
    case calendarRecorded(EventType, contact: String, task: String?)
    /// The mail folders were read; the ids of the events recorded from them.
    case mailRead(recorded: [String])
    case stopped
}

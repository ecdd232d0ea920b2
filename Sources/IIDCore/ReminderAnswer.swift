import Foundation

/// A button on a notification, and what pressing it records: the same event as `iictl done` or
/// `iictl snooze 1h`. The buttons' names travel as text (notify-send's `--action`, the line it prints
/// back), so the closed set is spelled here once, with the rule of what each records.
public enum ReminderAnswer: String, CaseIterable, Sendable {
    case done, snooze

    /// The button's label.
    public var label: String {
        switch self {
        case .done: "Done"
        case .snooze: "Snooze 1h"
        }
    }

    /// How long the snooze button puts a task off.
    public static let snoozeLength: TimeInterval = 3600

    /// The event that records the answer for `task`, at `now`.
    public func event(for task: PendingTask, id: String, at now: Date) -> Event {
        var event = Event(id: id, at: now, type: self == .done ? .done : .snoozed, contact: task.contact)
        event.task = task.id
        if self == .snooze { event.until = now.addingTimeInterval(Self.snoozeLength) }
        return event
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The buttons on a desktop notification, and the events their answers become: one type for
/// both, so the label on the button and what pressing it records cannot disagree.
public enum NotificationAction: String, CaseIterable, Sendable {
    case done
    case snooze

    /// How long the Snooze button puts a reminder off.
    public static let snoozeLength = DurationSpec(1, .hours)

    /// The button's label.
    public var label: String {
        switch self {
        case .done: "Done"
        case .snooze: "Snooze \(Self.snoozeLength)"
        }
    }

    /// notify-send's `--action=KEY=LABEL`: the key comes back on stdout when the button is pressed.
    public var argument: String { "--action=\(rawValue)=\(label)" }

    /// The action named by one line of notify-send's output, if it names one.
    public init?(answer line: Substring) {
        self.init(rawValue: line.trimmingSpaces())
    }

    /// The `text` of an event recorded by a button: `explain` tells it from one typed with iictl.
    public static let answerNote = "from the notification"

    /// The event that pressing the button records, like `iictl done` or `iictl snooze TASK 1h`.
    public func event(for task: PendingTask, id: String, at now: Date, zone: TZifZone) -> Event {
        var event = Event(id: id, at: now, type: self == .done ? .done : .snoozed, contact: task.contact)
        event.task = task.id
        event.text = Self.answerNote
        if self == .snooze { event.until = Self.snoozeLength.apply(to: now, in: zone) }
        return event
    }
}

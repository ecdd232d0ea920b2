#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

public enum TaskState: String, Sendable, Codable {
    case upcoming, due, overdue, snoozed
}

/// An open task derived from the log: what to do, for whom, and when.
public struct PendingTask: Sendable, Equatable, Identifiable {
    /// `jane-doe.homework` for the first meeting, `jane-doe.homework.2` for the second; stable across runs.
    public var id: String
    public var kind: TaskKind
    public var contact: String
    public var contactName: String
    /// The moment the offsets count from.
    public var anchor: Date
    /// The first reminder.
    public var remindAt: Date
    public var due: Date
    /// Past this instant the task is pointless (a prep task once the meeting has begun).
    public var expires: Date?
    public var snoozedAt: Date?
    public var snoozedUntil: Date?
    /// The meeting the task belongs to, for prep and thank-you tasks.
    public var meeting: Meeting?
    /// A follow-up's place in `reminders.follow-up.sequence`: the `step`th of `steps`.
    public var step = 1
    public var steps = 1
    /// A next-contact task's organisation, and whom to ask there next, best first (empty: nobody
    /// known there is left to ask).
    public var org: String?
    public var nextPeople: [String] = []
    /// A report-back task's person met, whom the contact referred you to: id and name.
    public var referred: String?
    public var referredName: String?
    /// A report-back on advice: what you did on the contact's advice since the last report, oldest
    /// first (`AdviceReport`); empty for every other task.
    public var advice: [String] = []

    /// Whether it is the report owed on a contact's advice acted on, not on a person met.
    public var isAdviceReport: Bool { kind == .reportBack && !advice.isEmpty }

    /// What the task is counted from, as `explain` says it.
    public var anchorDescription: String {
        isAdviceReport ? "the first advice of theirs you acted on since the last report" : kind.anchorDescription
    }

    public func state(at now: Date) -> TaskState {
        if let until = snoozedUntil, now < until { return .snoozed }
        if now < remindAt { return .upcoming }
        if now < due { return .due }
        return .overdue
    }

    public func isExpired(at now: Date) -> Bool { expires.map { now >= $0 } ?? false }

    /// The task's one-line title.
    public var title: String {
        switch kind {
        case .followUp:
            "Follow up with \(contactName) about the meeting request" + (steps > 1 ? " (\(step) of \(steps))" : "")
        case .homework: "Do your homework for the meeting with \(contactName)"
        case .confirm: "Confirm the time with \(contactName)"
        case .brief: "Meeting with \(contactName) soon: your brief"
        case .thankYou: "Send \(contactName) a thank-you note"
        case .keepInTouch: "Keep in touch with \(contactName)"
        case .nextContact:
            nextPeople.isEmpty
                ? "Find someone else at \(org ?? "their organisation") (\(contactName) has not answered)"
                : "Try the next person at \(org ?? "their organisation"): \(nextPeople[0]) (\(contactName) has not answered)"
        case .reportBack where isAdviceReport:
            "Tell \(contactName) what came of their advice: \(advice[0])"
                + (advice.count > 1 ? " (and \(advice.count - 1) more)" : "")
        case .reportBack:
            "Tell \(contactName) how it went with \(referredName ?? referred ?? "the person they suggested")"
        }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One recorded event as a person reads it, for `iictl log` and `iictl undo`: what was recorded
/// and about whom, so that the event to take back can be recognised without reading JSON.
public enum EventSummary {
    public static func text(_ e: Event, name: String, words: Wording, now: Date) -> String {
        func when(_ d: Date?) -> String { d.map { words.when($0, now: now) } ?? "?" }
        // `(from mail: your message to jane@acme.example)`, on the steps that carry no text of their own.
        let mail = MailRecorder.isFromMail(e) ? " (\(e.text ?? ""))" : ""
        switch e.type {
        case .added: return "added \(name)" + (e.org.map { " (\($0))" } ?? "")
        case .updated: return "updated the details of \(name)"
        case .requested: return "requested a meeting with \(name)" + mail
        case .scheduled:
            return "scheduled a meeting with \(name): \(when(e.start)), \(e.minutes ?? 20) min"
                + (e.place.map { ", \($0)" } ?? "")
        case .confirmed: return "confirmed the meeting with \(name)" + mail
        case .held: return "recorded the meeting with \(name) as held"
        case .thanked: return "recorded the thank-you note to \(name)" + mail
        case .cancelled:
            return e.scope == .contact ? "archived \(name)" : "cancelled the meeting (or request) with \(name)"
        case .note: return "note for \(name): \(e.text ?? "")"
        case .question: return "question for \(name): \(e.text ?? "")"
        case .done:
            return "done: \(e.task ?? "?")"
                + (e.text == NotificationAction.answerNote ? " (from the notification)" : mail)
        case .snoozed: return "snoozed \(e.task ?? "?") until \(when(e.until))"
        case .retracted: return "undid event \(e.retracts ?? "?")"
        case .replied: return "\(name) replied" + (e.text.map { ": \($0)" } ?? "")
        case .declined: return "\(name) declined" + (e.text.map { ": \($0)" } ?? "")
        case .acted: return "acted on the advice of \(name): \(e.text ?? "")"
        case .orgAdded: return "put \(e.name ?? name) on the employer list"
        case .orgUpdated: return "updated the organisation \(e.name ?? name)"
        case .orgAlias:
            if let split = e.split { return "took the name \(split) from \(name)" }
            return "joined the name \(e.alias ?? "?") to \(name)"
        }
    }

    /// `events` without the retractions and the events they take back.
    public static func standing(_ events: [Event]) -> [Event] {
        let retracted = Set(events.compactMap { $0.type == .retracted ? $0.retracts : nil })
        return events.filter { $0.type != .retracted && !retracted.contains($0.id) }
    }
}

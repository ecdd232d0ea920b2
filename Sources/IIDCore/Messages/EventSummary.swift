#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One recorded event as a person reads it, for `iictl log` and `iictl undo`: what was recorded
/// and about whom, so that the event to take back can be recognised without reading JSON.
public enum EventSummary {
    /// `done: jane-doe.follow-up (from mail: your message to jane@acme.example, Tue 3 Dec 10:14)`:
    /// where the event came from follows what it records, unless that says it already.
    public static func text(_ e: Event, name: String, words: Wording, now: Date) -> String {
        let what = step(e, name: name, words: words, now: now)
        guard let from = origin(e), !what.contains(from) else { return what }
        return "\(what) (\(from))"
    }

    /// Where `e` came from, in words: its text for one recorded from mail (`from mail: your
    /// message to jane@acme.example, Tue 3 Dec 10:14`), `from mail` when it has none, `from` and
    /// the word of a source this version does not know; nil for a typed event.
    public static func origin(_ e: Event) -> String? {
        if MailRecorder.isFromMail(e) {
            if let text = e.text, text.hasPrefix(MailRecorder.origin) { return text }
            return "from \(EventOrigin.mail)"
        }
        return e.origin.map { "from \($0)" }
    }

    /// One event recorded from mail, for `iictl show`: the step and the message, as in `done
    /// jane-doe.follow-up (your message to jane@acme.example, Tue 3 Dec 10:14)`.
    public static func fromMail(_ e: Event) -> String {
        let what: String
        switch e.type {
        case .replied: what = "replied"
        case .done: what = "done \(e.task ?? "?")"
        case .confirmed: what = "confirmed the meeting"
        case .thanked: what = "thanked"
        case .requested: what = "requested a meeting"
        case .note: what = "interaction"
        default: what = e.type.rawValue
        }
        guard let text = e.text, text.hasPrefix(MailRecorder.origin) else { return what }
        return "\(what) (\(text.dropFirst(MailRecorder.origin.count)))"
    }

    /// What `e` records, without where it came from.
    static func step(_ e: Event, name: String, words: Wording, now: Date) -> String {
        func when(_ d: Date?) -> String { d.map { words.when($0, now: now) } ?? "?" }
        switch e.type {
        case .added: return "added \(name)" + (e.org.map { " (\($0))" } ?? "")
        case .updated: return "updated the details of \(name)"
        case .requested: return "requested a meeting with \(name)"
        case .scheduled:
            return "scheduled a meeting with \(name): \(when(e.start)), \(e.minutes ?? 20) min"
                + (e.place.map { ", \($0)" } ?? "")
        case .confirmed: return "confirmed the meeting with \(name)"
        case .held: return "recorded the meeting with \(name) as held"
        case .thanked: return "recorded the thank-you note to \(name)"
        case .cancelled:
            return e.scope == .contact ? "archived \(name)" : "cancelled the meeting (or request) with \(name)"
        case .note: return "note for \(name): \(e.text ?? "")"
        case .question: return "question for \(name): \(e.text ?? "")"
        case .done:
            return "done: \(e.task ?? "?")"
                + (e.text == NotificationAction.answerNote ? " (from the notification)" : "")
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

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Every task a contact ever had, open or not, and how each one ended: a task once done stays
/// visible, so that `explain` can say when and how, and a second `done` can say it is done already.
public enum TaskHistory {
    public struct Entry: Sendable, Equatable {
        /// The task as it last stood.
        public var task: PendingTask
        /// The event that ended it (`done`, or the one that made it moot, such as `held` or
        /// `cancelled`); nil while it is open.
        public var endedBy: Event?
        /// Its snoozes, oldest first.
        public var snoozes: [Event] = []

        /// `done Tue 1 Dec 19:51 from the notification`, `gone since … (the meeting was cancelled)`;
        /// for an event recorded from mail, `done from mail: your message to jane@acme.example, Tue
        /// 3 Dec 10:14`: the message's time is in its text.
        public func ending(words: Wording, now: Date) -> String {
            guard let e = endedBy else { return "open" }
            let when = words.when(e.at, now: now)
            let from = EventSummary.origin(e)
            // Events from mail recorded before `source` have no time in their text.
            let timed = e.origin != nil && MailRecorder.isFromMail(e)
            switch e.type {
            case .done:
                if e.text == NotificationAction.answerNote {
                    return "done \(when) from the notification (event \(e.id))"
                }
                guard let from else { return "done \(when) with iictl done (event \(e.id))" }
                return timed ? "done \(from) (event \(e.id))" : "done \(when) \(from) (event \(e.id))"
            case .cancelled:
                return
                    "cancelled \(when): \(e.scope == .contact ? "the contact was archived" : "the meeting was cancelled") (event \(e.id))"
            default:
                let what: String
                switch e.type {
                case .scheduled: what = "replaced \(when): a meeting was scheduled"
                case .held: what = "closed \(when): the meeting was recorded as held"
                case .thanked: what = "closed \(when): the thank-you note was recorded"
                default: what = "closed \(when) by a '\(e.type.rawValue)' event"
                }
                return what + (from.map { " \($0)" } ?? "") + " (event \(e.id))"
            }
        }
    }

    /// The history of contact `id`'s tasks from its events (in log order), in the order they
    /// first appeared. Each event is replayed on top of those before it, and a task that is gone
    /// afterwards ended with it: contacts have tens of events, so replaying each prefix is cheap.
    /// `next`: the organisation on the employer list the contact is at and whom to ask there, for
    /// the next-contact task (taken from the log as it stands; nil without one). `met`: the people
    /// the contact referred whom you met, as the log stands, for their report-back tasks.
    public static func of(
        _ id: String, events: [Event], planner: Planner, met: [MetReferral] = [],
        next: (ContactRecord) -> NextContactContext? = { _ in nil }
    ) -> [Entry] {
        // The plan's order: a repeated id's first copy only (another device's conflict copy), by
        // time, then id.
        var ids = Set<String>()
        let sorted = EventSummary.standing(events.filter { ids.insert($0.id).inserted }).sorted {
            ($0.at, $0.id) < ($1.at, $1.id)
        }
        var entries: [Entry] = []
        var index: [String: Int] = [:]
        var done = Set<String>()
        var open = Set<String>()
        for k in sorted.indices {
            let e = sorted[k]
            if e.type == .snoozed, let t = e.task, let i = index[t] {
                entries[i].snoozes.append(e)
                entries[i].task.snoozedAt = e.at
                entries[i].task.snoozedUntil = e.until
            }
            if e.type == .done, let t = e.task, let i = index[t], open.contains(t) {
                entries[i].endedBy = e
                done.insert(t)
                open.remove(t)
                continue
            }
            let record = planner.replay(id, Array(sorted[...k])).record
            let now =
                record.archived
                ? []
                : planner.tasksFor(record, next: record.openRequest == nil ? nil : next(record), met: met).filter {
                    !done.contains($0.id)
                }
            let ids = Set(now.map(\.id))
            for t in open.subtracting(ids) {
                if let i = index[t] { entries[i].endedBy = e }
            }
            for t in now {
                if let i = index[t.id] {
                    let snooze = (entries[i].task.snoozedAt, entries[i].task.snoozedUntil)
                    entries[i].task = t
                    (entries[i].task.snoozedAt, entries[i].task.snoozedUntil) = snooze
                    if !open.contains(t.id) { entries[i].endedBy = nil }
                } else {
                    index[t.id] = entries.count
                    entries.append(Entry(task: t))
                }
            }
            open = ids
        }
        return entries
    }
}

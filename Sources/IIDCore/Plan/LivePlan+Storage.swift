#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What `LivePlan` keeps: each event with its place in the log, each contact with its events,
/// record and tasks, and the events by id.
extension LivePlan {
    /// An event and its place in the log: events sort by time, then by id. Not by where they were
    /// read: two devices read each other's files in another order and as they arrive, and must
    /// still replay every contact alike (`seq` only orders the same id, which is never kept twice).
    struct Entry: Sendable {
        var event: Event
        var seq: Int
        static func < (a: Entry, b: Entry) -> Bool {
            if a.event.at != b.event.at { return a.event.at < b.event.at }
            if a.event.id != b.event.id { return a.event.id < b.event.id }
            return a.seq < b.seq
        }
    }

    struct Contact: Sendable {
        var entries: [Entry] = []
        /// The record, boxed: some 470 bytes, and `contacts` keeps room for more contacts than
        /// there are, up to twice as many. A replay makes a new box.
        private var recordBox: Box<ContactRecord>
        var record: ContactRecord {
            get { recordBox.value }
            set { recordBox = Box(newValue) }
        }
        var diagnostics: [Diagnostic] = []
        /// Open tasks with `done` and `snoozed` applied, each in the box its reminders share.
        var tasks: [Box<PendingTask>] = []
        /// Their reminders under the config's rules.
        var reminders: [Reminder] = []
        /// The id of the organisation on the employer list the contact is at, worked out once a
        /// replay: names are folded (`OrgName`) once, not for every other contact's task.
        var employer: String?
        /// Whom they were referred by (`referred_by`): that contact's report-back tasks depend on
        /// this one's meetings.
        var referrer: String?

        init(record: ContactRecord) { recordBox = Box(record) }

        /// Puts `entry` in its place, looked for from the end: it is usually the newest.
        mutating func insert(_ entry: Entry) {
            var i = entries.count
            while i > 0, entry < entries[i - 1] { i -= 1 }
            entries.insert(entry, at: i)
        }
    }
}

/// An event that is equal to another of the same id, for `LivePlan.ids`.
struct ByID: Hashable {
    let event: Event
    static func == (a: ByID, b: ByID) -> Bool { a.event.id == b.event.id }
    func hash(into h: inout Hasher) { h.combine(event.id) }
}

extension Set<ByID> {
    /// The event read under `id`, if any.
    func first(id: String) -> Event? {
        let probe = ByID(event: Event(id: id, at: Date(timeIntervalSince1970: 0), type: .note, contact: ""))
        return firstIndex(of: probe).map { self[$0].event }
    }
}

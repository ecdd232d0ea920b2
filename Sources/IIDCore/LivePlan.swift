import Foundation

/// The plan of a log that grows: events appended later replay only the contacts they name.
///
/// A contact's record and tasks depend on its own events alone; `done` and `snoozed` events name
/// their task, whose id starts with the contact's. So an append costs the few contacts it touches
/// and not the whole log, which keeps the daemon's reaction flat as the log grows.
public struct LivePlan: Sendable {
    public let planner: Planner

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
        var record: ContactRecord
        var diagnostics: [Diagnostic] = []
        /// Open tasks with `done` and `snoozed` applied.
        var tasks: [PendingTask] = []
        /// Their reminders under the config's rules.
        var reminders: [Reminder] = []
    }

    /// Contacts by the order they were first named in the file order, found through `index`.
    private var contacts: [Contact] = []
    private var index: [String: Int] = [:]
    /// Positions in `contacts` in the order of each contact's first event in the log.
    private var order: [Int] = []
    /// Every id with the first event read under it: the same event read again (a sync tool's
    /// conflict copy, a file seen twice) changes nothing and says nothing.
    private var ids: [String: Event] = [:]
    private var done = Set<String>()
    private var snoozes: [String: (id: String, at: Date, until: Date)] = [:]
    private var duplicates: [Diagnostic] = []
    private var nextSeq = 0

    /// Whether each contact's reminders are kept too: the daemon asks for them on every wake-up,
    /// a plan made once (iictl) never does.
    private let keepsReminders: Bool

    /// All events, in the order read (file by file, line by line): only a duplicate id's first wins.
    public init(planner: Planner, events: [Event], keepsReminders: Bool = true) {
        self.planner = planner
        self.keepsReminders = keepsReminders
        ids.reserveCapacity(events.count)
        append(events)
    }

    /// Adds events read after those so far (from any file: the order is by time and id); returns
    /// the contacts it replayed.
    @discardableResult
    public mutating func append(_ events: [Event]) -> Set<String> {
        var touched = Set<Int>()
        var reordered = false
        for e in events {
            if let first = ids[e.id] {
                if first != e {
                    duplicates.append(
                        Diagnostic(.warning, .duplicateEventID, "duplicate event id '\(e.id)' ignored", at: e.source))
                }
                continue
            }
            ids[e.id] = e
            let entry = Entry(event: e, seq: nextSeq)
            nextSeq += 1
            let i: Int
            if let known = index[e.contact] {
                i = known
                if let first = contacts[i].entries.first, entry < first { reordered = true }
            } else {
                i = contacts.count
                contacts.append(Contact(record: ContactRecord(id: e.contact, name: e.contact)))
                index[e.contact] = i
                if let last = order.last, let first = contacts[last].entries.first, entry < first { reordered = true }
                order.append(i)
            }
            // Usually the newest event: its place is found from the end.
            contacts[i].insert(entry)
            touched.insert(i)
            if let task = e.task, e.type == .done || e.type == .snoozed {
                let owner = index[String(task.prefix { $0 != "." })]
                if e.type == .done {
                    done.insert(task)
                } else if let until = e.until {
                    if let s = snoozes[task], (s.at, s.id) > (e.at, e.id) { continue }
                    snoozes[task] = (e.id, e.at, until)
                }
                if let owner { touched.insert(owner) }
            }
        }
        for i in touched { replay(i) }
        if reordered {
            order.sort { a, b in
                guard let x = contacts[a].entries.first, let y = contacts[b].entries.first else { return false }
                return x < y
            }
        }
        return Set(touched.map { contacts[$0].record.id })
    }

    private mutating func replay(_ i: Int) {
        let id = contacts[i].record.id
        let (record, diagnostics) = planner.replay(id, contacts[i].entries.map(\.event))
        contacts[i].record = record
        contacts[i].diagnostics = diagnostics
        contacts[i].tasks =
            record.archived
            ? []
            : planner.tasksFor(record).compactMap { t in
                if done.contains(t.id) { return nil }
                var t = t
                if let s = snoozes[t.id] {
                    t.snoozedAt = s.at
                    t.snoozedUntil = s.until
                }
                return t
            }
        guard keepsReminders else { return }
        contacts[i].reminders = contacts[i].tasks.flatMap { Reminder.of($0, rule: planner.config.rule($0.kind)) }
    }

    /// Every task's reminders, one group per contact, for `Scheduler.decide(reminders:…)` (empty when
    /// the plan keeps none).
    public var reminders: [[Reminder]] { order.map { contacts[$0].reminders } }

    public var contactCount: Int { contacts.count }

    public func contact(_ id: String) -> ContactRecord? { index[id].map { contacts[$0].record } }

    public func task(_ id: String) -> PendingTask? {
        guard let i = index[String(id.prefix { $0 != "." })] else { return nil }
        return contacts[i].tasks.first { $0.id == id }
    }

    /// How many tasks are pending at `now`, and how many of them overdue, without listing them.
    public func pendingCounts(at now: Date) -> (pending: Int, overdue: Int) {
        var pending = 0
        var overdue = 0
        for c in contacts.indices {
            for t in contacts[c].tasks.indices where !contacts[c].tasks[t].isExpired(at: now) {
                pending += 1
                if contacts[c].tasks[t].state(at: now) == .overdue { overdue += 1 }
            }
        }
        return (pending, overdue)
    }

    public var diagnostics: [Diagnostic] { duplicates + order.flatMap { contacts[$0].diagnostics } }

    /// Everything at once, in the shape `Planner.plan` returns.
    public var plan: Planner.Plan {
        var tasks: [PendingTask] = []
        var records: [ContactRecord] = []
        var diagnostics = duplicates
        records.reserveCapacity(order.count)
        for i in order {
            records.append(contacts[i].record)
            tasks += contacts[i].tasks
            diagnostics += contacts[i].diagnostics
        }
        return Planner.Plan(contacts: records, tasks: tasks, diagnostics: diagnostics)
    }
}

extension LivePlan.Contact {
    mutating func insert(_ entry: LivePlan.Entry) {
        var i = entries.count
        while i > 0, entry < entries[i - 1] { i -= 1 }
        entries.insert(entry, at: i)
    }
}

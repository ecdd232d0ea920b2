#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The plan of a log that grows: events appended later replay only the contacts they name.
///
/// A contact's record and tasks depend on its own events alone; `done` and `snoozed` events name
/// their task, whose id starts with the contact's. So an append costs the few contacts it touches
/// and not the whole log, which keeps the daemon's reaction flat as the log grows.
///
/// One file of some 300 lines: the replay, what an append touches and the employer list it keeps
/// in step are one invariant (a plan built in pieces equals the plan of the whole log), easier to
/// check when read together. What it keeps each contact and event in is in `LivePlan+Storage`.
public struct LivePlan: Sendable {
    public let planner: Planner

    /// Contacts by the order they were first named in the file order, found through `index`.
    private var contacts: [Contact] = []
    private var index: [String: Int] = [:]
    /// Positions in `contacts` in the order of each contact's first event in the log.
    private var order: [Int] = []
    /// The first event read under each id: the same event read again (a sync tool's conflict
    /// copy, a file seen twice) changes nothing and says nothing. A set keyed by the event's own
    /// id, not a dictionary from id to event: a third of the room with 100,000 events.
    private var ids = Set<ByID>()
    /// How many standing `done` events name each task.
    private var done: [String: Int] = [:]
    private var snoozes: [String: (id: String, at: Date, until: Date)] = [:]
    private var duplicates: [Diagnostic] = []
    /// Ids of events taken back by a `retracted` event.
    private var retracted = Set<String>()
    private var nextSeq = 0
    /// The organisations' events that stand, and the employer list they make: a request at an
    /// organisation on it gets a next-contact task, which names whom to ask there next.
    private var orgEvents: [Event] = []
    private var book = OrgBook(organisations: [])
    /// The contacts each contact referred, by position: whom a referrer owes a report about.
    private var referred: [String: Set<Int>] = [:]

    /// Whether each contact's reminders are kept too: the daemon asks for them on every wake-up,
    /// a plan made once (iictl) never does.
    private let keepsReminders: Bool

    /// All events, in the order read (file by file, line by line): only a duplicate id's first wins.
    public init(planner: Planner, events: [Event], keepsReminders: Bool = true) {
        self.planner = planner
        self.keepsReminders = keepsReminders
        ids.reserveCapacity(events.count)
        // Every contact is replayed: nobody asks which.
        _ = take(events)
    }

    /// Adds events read after those so far (from any file: the order is by time and id); returns
    /// the contacts it replayed.
    @discardableResult
    public mutating func append(_ events: [Event]) -> Set<String> {
        Set(take(events).map { contacts[$0].record.id })
    }

    /// `append`, returning the positions of the contacts it replayed.
    private mutating func take(_ events: [Event]) -> Set<Int> {
        var touched = Set<Int>()
        var reordered = false
        var orgsChanged = false
        for e in events {
            // One hash of the id for a new event, the usual case; a repeated one leaves the first.
            let (new, first) = ids.insert(ByID(event: e))
            if !new {
                if !e.repeats(first.event) {
                    duplicates.append(
                        Diagnostic(.warning, .duplicateEventID, "duplicate event id '\(e.id)' ignored", at: e.source))
                }
                continue
            }
            if e.type == .retracted {
                // A retraction names its event by id, so it takes it back wherever either sorts
                // (another device's file may bring it first). A contact's first event taken back
                // may move the contact in the order.
                if let target = e.retracts, ids.first(id: target)?.type.isOrganisation == true {
                    orgEvents.removeAll { $0.id == target }
                    orgsChanged = true
                }
                if let target = e.retracts, retract(target, contact: e.contact, touched: &touched) { reordered = true }
                continue
            }
            if retracted.contains(e.id) { continue }
            // An organisation's events make no contact: they make the employer list.
            if e.type.isOrganisation {
                orgEvents.append(e)
                orgsChanged = true
                continue
            }
            let entry = Entry(event: e, seq: nextSeq)
            nextSeq += 1
            let i: Int
            if let known = index[e.contact] {
                i = known
                // Earlier than its first event, or the first after all were taken back.
                if contacts[i].entries.first.map({ entry < $0 }) ?? true { reordered = true }
            } else {
                i = contacts.count
                contacts.append(Contact(record: ContactRecord(id: e.contact, name: e.contact)))
                index[e.contact] = i
                // After the last contact, unless that one's events were all taken back (it sorts last).
                if let last = order.last, contacts[last].entries.first.map({ entry < $0 }) ?? true { reordered = true }
                order.append(i)
            }
            // Usually the newest event: its place is found from the end.
            contacts[i].insert(entry)
            touched.insert(i)
            if let task = e.task, e.type == .done || e.type == .snoozed {
                let owner = index[String(task.prefix { $0 != "." })]
                if e.type == .done {
                    done[task, default: 0] += 1
                } else if let until = e.until {
                    if let s = snoozes[task], (s.at, s.id) > (e.at, e.id) { continue }
                    snoozes[task] = (e.id, e.at, until)
                }
                if let owner { touched.insert(owner) }
            }
        }
        if orgsChanged {
            // Rare (a person edits their list): every contact may be at an organisation now, or no longer.
            book = OrgBook(events: orgEvents)
            touched.formUnion(contacts.indices)
        }
        // Records first, then tasks: whom to ask next at an organisation depends on everyone there,
        // so a step with one person there plans the others' tasks again too.
        var employers = Set<String>()
        var referrers = Set<String>()
        for i in touched {
            if let o = contacts[i].employer { employers.insert(o) }
            if let r = contacts[i].referrer { referrers.insert(r) }
            replayRecord(i)
            if let o = contacts[i].employer { employers.insert(o) }
            if let r = contacts[i].referrer { referrers.insert(r) }
        }
        var planned = touched
        // A meeting with someone referred is the referrer's report to give: theirs are planned again.
        for r in referrers { if let i = index[r] { planned.insert(i) } }
        if !employers.isEmpty {
            for i in contacts.indices where !planned.contains(i) {
                if let o = contacts[i].employer, employers.contains(o) { planned.insert(i) }
            }
        }
        for i in planned { replan(i) }
        if reordered {
            order.sort { a, b in
                // A contact whose every event was taken back goes last.
                switch (contacts[a].entries.first, contacts[b].entries.first) {
                case (let x?, let y?): return x < y
                case (.some, nil): return true
                default: return false
                }
            }
        }
        return planned
    }

    /// Takes event `id` out of the plan, with the done or snooze it recorded. It is looked for
    /// among `contact`'s events first (where iictl puts it), then among all.
    /// Returns whether it was the first event of its contact.
    @discardableResult
    private mutating func retract(_ id: String, contact: String, touched: inout Set<Int>) -> Bool {
        retracted.insert(id)
        var found: (Int, Int)?
        for i in (index[contact].map { [$0] } ?? []) + Array(contacts.indices) {
            if let k = contacts[i].entries.firstIndex(where: { $0.event.id == id }) {
                found = (i, k)
                break
            }
        }
        guard let (i, k) = found else { return false }
        let gone = contacts[i].entries.remove(at: k)
        touched.insert(i)
        guard let task = gone.event.task, gone.event.type == .done || gone.event.type == .snoozed else {
            return k == 0
        }
        if gone.event.type == .done {
            done[task, default: 1] -= 1
            if done[task] == 0 { done[task] = nil }
        } else if let s = snoozes[task], s.id == gone.event.id {
            // The snooze in force is gone: the latest other one of the task applies.
            snoozes[task] = latestSnooze(of: task)
        }
        if let owner = index[String(task.prefix { $0 != "." })] { touched.insert(owner) }
        return k == 0
    }

    /// The snooze in force is the latest by time, then id, as in `append`.
    private func latestSnooze(of task: String) -> (id: String, at: Date, until: Date)? {
        var best: (id: String, at: Date, until: Date)?
        for c in contacts {
            for e in c.entries where e.event.type == .snoozed && e.event.task == task {
                guard let until = e.event.until else { continue }
                if best.map({ ($0.at, $0.id) < (e.event.at, e.event.id) }) ?? true {
                    best = (e.event.id, e.event.at, until)
                }
            }
        }
        return best
    }

    private mutating func replayRecord(_ i: Int) {
        let id = contacts[i].record.id
        let (record, diagnostics) = planner.replay(id, contacts[i].entries.map(\.event))
        contacts[i].record = record
        contacts[i].diagnostics = diagnostics
        contacts[i].employer = book.organisation(for: record.org)?.id
        let by = record.referredBy.flatMap { $0.isEmpty ? nil : $0 }
        if by != contacts[i].referrer {
            if let old = contacts[i].referrer { referred[old]?.remove(i) }
            if let by { referred[by, default: []].insert(i) }
            contacts[i].referrer = by
        }
    }

    /// The people `r` referred whom you met: one report-back each.
    private func met(by r: ContactRecord) -> [MetReferral] {
        guard let mine = referred[r.id], !mine.isEmpty else { return [] }
        let people = mine.compactMap { contacts[$0].entries.isEmpty ? nil : contacts[$0].record }
        return MetReferral.all(by: r.id, in: people)
    }

    /// The organisation on the list that `r` is at, and whom to ask there next, while a request
    /// of theirs is open.
    private func nextContact(_ r: ContactRecord, at employer: String?) -> NextContactContext? {
        guard let asked = r.openRequest, r.repliedAt == nil, let employer,
            let name = book.organisation(id: employer)?.name
        else { return nil }
        let others = contacts.filter {
            !$0.entries.isEmpty && !$0.record.archived && $0.record.id != r.id && $0.employer == employer
        }
        let next = EmployerList.nextToAsk(
            others.map(\.record), at: asked, labels: Responsiveness.Rule(config: planner.config, zone: planner.zone))
        return NextContactContext(org: name, people: next.map(\.name))
    }

    private mutating func replan(_ i: Int) {
        let record = contacts[i].record
        contacts[i].tasks =
            record.archived
            ? []
            : planner.tasksFor(record, next: nextContact(record, at: contacts[i].employer), met: met(by: record))
                .compactMap { t in
                    if done[t.id] != nil { return nil }
                    var t = t
                    if let s = snoozes[t.id] {
                        t.snoozedAt = s.at
                        t.snoozedUntil = s.until
                    }
                    return Box(t)
                }
        guard keepsReminders else { return }
        contacts[i].reminders = contacts[i].tasks.flatMap { Reminder.of($0, rule: planner.config.rule($0.value.kind)) }
    }

    /// Every task's reminders, one group per contact, for `Scheduler.decide(reminders:…)` (empty when
    /// the plan keeps none).
    public var reminders: [[Reminder]] { order.map { contacts[$0].reminders } }

    /// Contacts with an event that stands (all of a contact's events may be taken back).
    public var contactCount: Int { contacts.reduce(0) { $0 + ($1.entries.isEmpty ? 0 : 1) } }

    public func contact(_ id: String) -> ContactRecord? {
        index[id].flatMap { contacts[$0].entries.isEmpty ? nil : contacts[$0].record }
    }

    public func task(_ id: String) -> PendingTask? {
        guard let i = index[String(id.prefix { $0 != "." })] else { return nil }
        return contacts[i].tasks.first { $0.value.id == id }?.value
    }

    /// How many tasks are pending at `now`, and how many of them overdue, without listing them.
    public func pendingCounts(at now: Date) -> (pending: Int, overdue: Int) {
        var pending = 0
        var overdue = 0
        for c in contacts.indices {
            for box in contacts[c].tasks where !box.value.isExpired(at: now) {
                pending += 1
                if box.value.state(at: now) == .overdue { overdue += 1 }
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
        // A contact whose every event was taken back is no contact.
        for i in order where !contacts[i].entries.isEmpty {
            records.append(contacts[i].record)
            tasks += contacts[i].tasks.lazy.map { $0.value }
            diagnostics += contacts[i].diagnostics
        }
        return Planner.Plan(contacts: records, tasks: tasks, diagnostics: diagnostics)
    }
}

import Foundation

/// The rules: events and config in, contacts and open tasks out. Pure; `now` only decides states.
public struct Planner: Sendable {
    public var config: Config
    public var zone: TimeZone

    public init(config: Config, zone: TimeZone) {
        self.config = config
        self.zone = zone
    }

    public struct Plan: Sendable {
        /// Contacts in the order they were first mentioned.
        public var contacts: [ContactRecord]
        /// Every open task, expired prep tasks included (the daemon logs their missed reminders).
        public var tasks: [PendingTask]
        public var diagnostics: [Diagnostic]

        public init(contacts: [ContactRecord], tasks: [PendingTask], diagnostics: [Diagnostic]) {
            self.contacts = contacts
            self.tasks = tasks
            self.diagnostics = diagnostics
        }

        public func contact(_ id: String) -> ContactRecord? { contacts.first { $0.id == id } }

        /// What a person still has to do at `now`: open and not expired, soonest due first.
        public func pending(at now: Date) -> [PendingTask] {
            tasks.filter { !$0.isExpired(at: now) }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        }
    }

    /// Plans a whole log at once: `LivePlan` with every event, materialised.
    public func plan(_ events: [Event]) -> Plan { LivePlan(planner: self, events: events, keepsReminders: false).plan }

    /// One contact's record from its events, which are in log order (time, then id).
    ///
    /// A contact's record depends on its own events only, which is what lets `LivePlan` replay
    /// just the contacts an appended event names.
    func replay(_ id: String, _ events: [Event]) -> (record: ContactRecord, diagnostics: [Diagnostic]) {
        // Names come from `added` wherever it stands: a request may be logged with an earlier time.
        let addedName = events.first { $0.type == .added }?.name
        var r = ContactRecord(id: id, name: addedName ?? id)
        var diagnostics: [Diagnostic] = []
        if addedName == nil, let first = events.first {
            r.implicit = true
            diagnostics.append(
                Diagnostic(
                    .warning, .contactNeverAdded, "event '\(first.id)' names contact '\(id)', which was never added",
                    at: first.source))
        }
        for e in events { apply(e, to: &r) }
        return (r, diagnostics)
    }

    func apply(_ e: Event, to r: inout ContactRecord) {
        if r.lastEventAt.map({ $0 < e.at }) ?? true { r.lastEventAt = e.at }
        switch e.type {
        case .added, .updated:
            r.details.merge(e.details)
            if let text = e.text, !text.isEmpty { r.notes.append(text) }
            if e.type == .added {
                if r.addedAt == nil { r.addedAt = e.at }
                r.implicit = false
                r.archived = false
            }
        case .question:
            if let text = e.text, !text.isEmpty { r.questions.append(text) }
        case .requested:
            if r.firstRequested == nil { r.firstRequested = e.at }
            r.openRequest = e.at
            r.archived = false
            r.requestCount += 1
            r.lastInteraction = e.at
        case .scheduled:
            let start = e.start ?? e.at
            let minutes = e.minutes ?? 20
            if let i = r.meetings.lastIndex(where: { !$0.held && !$0.cancelled && $0.thankedAt == nil }) {
                // A reschedule: the same meeting moves, and its prep is to be done for the new time.
                r.meetings[i].start = start
                r.meetings[i].minutes = minutes
                if e.place != nil { r.meetings[i].place = e.place }
                r.meetings[i].confirmed = false
                r.meetings[i].revisions += 1
            } else {
                r.meetings.append(
                    Meeting(number: r.meetings.count + 1, start: start, minutes: minutes, place: e.place))
            }
            r.openRequest = nil
            r.archived = false
            r.lastInteraction = e.at
            if r.firstScheduled == nil { r.firstScheduled = e.at }
        case .confirmed:
            if let i = r.meetings.lastIndex(where: { !$0.held && !$0.cancelled }) { r.meetings[i].confirmed = true }
            r.lastInteraction = e.at
        case .held:
            if let i = r.meetings.lastIndex(where: { !$0.cancelled && $0.thankedAt == nil }) {
                r.meetings[i].held = true
                r.meetings[i].heldAt = e.at
                r.meetings[i].points += e.points ?? []
            } else {
                // A meeting nobody scheduled in iid: it began at the event's time, for `--minutes`.
                var m = Meeting(
                    number: r.meetings.count + 1, start: e.start ?? e.at, minutes: e.minutes ?? 0, place: e.place)
                m.held = true
                m.heldAt = e.at
                m.points = e.points ?? []
                r.meetings.append(m)
            }
            r.openRequest = nil
            r.lastInteraction = e.at
        case .thanked:
            if let i = r.meetings.lastIndex(where: { !$0.cancelled && $0.thankedAt == nil }) {
                r.meetings[i].thankedAt = e.at
            }
            r.lastThanked = e.at
            r.lastInteraction = e.at
        case .cancelled:
            if e.scope == .contact {
                r.archived = true
            } else if let i = r.meetings.lastIndex(where: { !$0.held && !$0.cancelled && $0.thankedAt == nil }) {
                r.meetings[i].cancelled = true
            } else {
                r.openRequest = nil
            }
        case .note:
            if let text = e.text, !text.isEmpty { r.notes.append(text) }
            r.lastInteraction = e.at
        case .done:
            if let task = e.task, task.contains(".\(TaskKind.keepInTouch.rawValue)") { r.lastInteraction = e.at }
        case .snoozed, .retracted:
            break
        }
    }

    static func suffix(_ n: Int) -> String { n <= 1 ? "" : ".\(n)" }

    func make(_ kind: TaskKind, _ r: ContactRecord, anchor: Date, id: String, meeting: Meeting?) -> PendingTask {
        let rule = config.rule(kind)
        let sign = kind.countsBackward ? -1 : 1
        let remindAt = rule.offset.apply(to: anchor, sign: sign, in: zone)
        let due = max(rule.due.apply(to: anchor, sign: sign, in: zone), remindAt)
        return PendingTask(
            id: id, kind: kind, contact: r.id, contactName: r.name, anchor: anchor, remindAt: remindAt, due: due,
            expires: kind.expiresAtMeetingStart ? meeting?.start : nil, meeting: meeting)
    }

    func tasksFor(_ r: ContactRecord) -> [PendingTask] {
        var out: [PendingTask] = []
        if let requested = r.openRequest {
            let cycle = r.meetings.filter { !$0.cancelled }.count + 1
            out.append(
                make(.followUp, r, anchor: requested, id: "\(r.id).follow-up\(Self.suffix(cycle))", meeting: nil))
        }
        for m in r.meetings where !m.cancelled {
            let s = Self.suffix(m.number)
            if !m.held, m.thankedAt == nil {
                out.append(make(.homework, r, anchor: m.start, id: "\(r.id).homework\(s)", meeting: m))
                if !m.confirmed {
                    out.append(make(.confirm, r, anchor: m.start, id: "\(r.id).confirm\(s)", meeting: m))
                }
                out.append(make(.brief, r, anchor: m.start, id: "\(r.id).brief\(s)", meeting: m))
            }
            if m.thankedAt == nil {
                out.append(make(.thankYou, r, anchor: m.end, id: "\(r.id).thank-you\(s)", meeting: m))
            }
        }
        if r.lastThanked != nil, let last = r.lastInteraction {
            let day = LocalTime.fields(of: last, in: zone)
            var stamp = ""
            Timestamp.digits(day.year, 4, &stamp)
            Timestamp.digits(day.month, 2, &stamp)
            Timestamp.digits(day.day, 2, &stamp)
            out.append(make(.keepInTouch, r, anchor: last, id: "\(r.id).keep-in-touch.\(stamp)", meeting: nil))
        }
        return out
    }
}

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

    /// Events in log order (time, then file and line); duplicates by id are dropped with a warning.
    public static func order(_ events: [Event]) -> (events: [Event], diagnostics: [Diagnostic]) {
        var seen = Set<String>()
        var out: [Event] = []
        var diagnostics: [Diagnostic] = []
        out.reserveCapacity(events.count)
        for e in events {
            if seen.insert(e.id).inserted {
                out.append(e)
            } else {
                diagnostics.append(Diagnostic(.warning, "duplicate event id '\(e.id)' ignored", at: e.source))
            }
        }
        let indexed = out.enumerated().sorted { a, b in
            a.element.at != b.element.at ? a.element.at < b.element.at : a.offset < b.offset
        }
        return (indexed.map(\.element), diagnostics)
    }

    public func plan(_ rawEvents: [Event]) -> Plan {
        let (events, orderDiagnostics) = Self.order(rawEvents)
        var diagnostics = orderDiagnostics
        var order: [String] = []
        var records: [String: ContactRecord] = [:]
        var done = Set<String>()
        var snoozes: [String: (at: Date, until: Date)] = [:]

        // Names come from `added` wherever it stands: a request may be logged with an earlier time.
        var addedNames: [String: String] = [:]
        for e in events where e.type == .added && addedNames[e.contact] == nil { addedNames[e.contact] = e.name }
        for e in events {
            if records[e.contact] == nil {
                var r = ContactRecord(id: e.contact, name: addedNames[e.contact] ?? e.contact)
                if addedNames[e.contact] == nil {
                    r.implicit = true
                    diagnostics.append(
                        Diagnostic(
                            .warning, "event '\(e.id)' names contact '\(e.contact)', which was never added",
                            at: e.source))
                }
                records[e.contact] = r
                order.append(e.contact)
            }
            guard var r = records[e.contact] else { continue }
            switch e.type {
            case .added, .updated:
                if let name = e.name, !name.isEmpty { r.name = name }
                if e.org != nil { r.org = e.org }
                if e.industry != nil { r.industry = e.industry }
                if e.email != nil { r.email = e.email }
                if e.phone != nil { r.phone = e.phone }
                if e.address != nil { r.address = e.address }
                if e.url != nil { r.url = e.url }
                if e.position != nil { r.position = e.position }
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
                    // A meeting nobody scheduled in iid: it happened at the event's time.
                    var m = Meeting(number: r.meetings.count + 1, start: e.at, minutes: 0, place: nil)
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
                if e.scope == "contact" {
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
                if let task = e.task {
                    done.insert(task)
                    if task.contains(".\(TaskKind.keepInTouch.rawValue)") { r.lastInteraction = e.at }
                }
            case .snoozed:
                if let task = e.task, let until = e.until { snoozes[task] = (e.at, until) }
            }
            records[e.contact] = r
        }

        var tasks: [PendingTask] = []
        for id in order {
            guard let r = records[id], !r.archived else { continue }
            tasks += tasksFor(r)
        }
        tasks = tasks.compactMap { t in
            if done.contains(t.id) { return nil }
            var t = t
            if let s = snoozes[t.id] {
                t.snoozedAt = s.at
                t.snoozedUntil = s.until
            }
            return t
        }
        return Plan(contacts: order.compactMap { records[$0] }, tasks: tasks, diagnostics: diagnostics)
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
            let stamp = String(format: "%04d%02d%02d", day.year, day.month, day.day)
            out.append(make(.keepInTouch, r, anchor: last, id: "\(r.id).keep-in-touch.\(stamp)", meeting: nil))
        }
        return out
    }
}

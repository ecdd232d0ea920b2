#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The rules: events and config in, contacts and open tasks out. Pure; `now` only decides states.
public struct Planner: Sendable {
    public var config: Config
    public var zone: TZifZone

    public init(config: Config, zone: TZifZone) {
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
            // Positions sorted, not tasks: a task is some 270 bytes, and moving them was most of
            // the sort's time with 16,000 of them.
            let open = tasks.indices.filter { !tasks[$0].isExpired(at: now) }
            return open.sorted { (tasks[$0].due, tasks[$0].id) < (tasks[$1].due, tasks[$1].id) }.map { tasks[$0] }
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
        if r.openRequest != nil, r.repliedAt == nil, r.nextFollowUp(of: config.followUps.sequence.count) == nil,
            let last = r.followUpsSent.last ?? r.openRequest
        {
            r.coldAt = config.followUps.coldAfter.apply(to: last, in: zone)
            if let i = r.asks.indices.last, r.asks[i].answeredAt == nil { r.asks[i].coldAt = r.coldAt }
        }
        if let text = r.cadence, !text.isEmpty, (try? Cadence(parsing: text)) == nil {
            let at = events.last { $0.cadence == text }?.source
            diagnostics.append(
                Diagnostic(
                    .warning, .badCadence,
                    "contact '\(id)' has cadence '\(Printable.escaped(text))', which is not a duration; reminders.keep-in-touch applies",
                    at: at))
        }
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
            closeAsk(&r, at: e.at)
            r.asks.append(Ask(at: e.at))
            if r.firstRequested == nil { r.firstRequested = e.at }
            r.openRequest = e.at
            let cycle = r.meetings.filter { !$0.cancelled }.count + 1
            r.requestsInCycle = cycle == r.requestCycle ? r.requestsInCycle + 1 : 1
            r.requestCycle = cycle
            // The day tells requests apart; a third one on the same day gets its number too.
            r.followUpSuffix =
                r.requestsInCycle > 1
                ? "." + Self.dayStamp(e.at, in: zone) + (r.requestsInCycle > 2 ? "-\(r.requestsInCycle)" : "")
                : Self.suffix(cycle)
            r.followUpsSent = []
            r.repliedAt = nil
            r.declinedAt = nil
            r.archived = false
            r.requestCount += 1
            r.requestedAt.append(e.at)
            r.lastInteraction = e.at
        case .scheduled:
            answerAsk(&r, at: e.at)
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
            r.repliedAt = nil
            r.declinedAt = nil
            r.archived = false
            r.lastInteraction = e.at
            if r.firstScheduled == nil { r.firstScheduled = e.at }
        case .confirmed:
            if let i = r.meetings.lastIndex(where: { !$0.held && !$0.cancelled }) { r.meetings[i].confirmed = true }
            r.lastInteraction = e.at
        case .held:
            answerAsk(&r, at: e.at)
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
            r.repliedAt = nil
            r.declinedAt = nil
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
                // Called off: cold if it had gone cold by then, else it says nothing of them.
                closeAsk(&r, at: e.at)
                r.openRequest = nil
            }
        case .note:
            // A message read from mail is an interaction, not a note the person wrote: `iictl log`
            // shows it, and `show` lists it on a `From mail:` line; its notes stay the person's own.
            if let text = e.text, !text.isEmpty, !MailRecorder.isFromMail(e) { r.notes.append(text) }
            r.lastInteraction = e.at
        case .replied:
            answerAsk(&r, at: e.at)
            if r.openRequest != nil { r.repliedAt = e.at }
            if let text = e.text, !text.isEmpty, !MailRecorder.isFromMail(e) { r.notes.append(text) }
            r.lastInteraction = e.at
        case .declined:
            answerAsk(&r, at: e.at)
            // A no to a meeting already arranged calls it off; to a request, ends it.
            if let i = r.meetings.lastIndex(where: { !$0.held && !$0.cancelled && $0.thankedAt == nil }) {
                r.meetings[i].cancelled = true
            }
            r.openRequest = nil
            r.repliedAt = nil
            r.declinedAt = e.at
            if let text = e.text, !text.isEmpty { r.notes.append(text) }
            r.lastInteraction = e.at
        case .acted:
            if let text = e.text, !text.isEmpty { r.advice.append(ActedAdvice(at: e.at, text: text)) }
        case .done:
            guard let task = e.task else { break }
            reportAdvice(&r, task: task)
            if task.contains(".\(TaskKind.keepInTouch.rawValue)") { r.lastInteraction = e.at }
            let steps = config.followUps.sequence.count
            if let step = r.nextFollowUp(of: steps), task == followUpID(r, step: step) {
                r.followUpsSent.append(e.at)
                if step == 1, let i = r.asks.indices.last, r.asks[i].answeredAt == nil { r.asks[i].followedUpAt = e.at }
            }
        case .snoozed, .retracted, .orgAdded, .orgUpdated, .orgAlias:
            break
        }
        if r.lastInteraction == e.at, let what = Self.interaction(e) { r.lastInteractionWhat = what }
    }

    /// A request, as the last interaction: a reminder that names the ask does not say it twice.
    static let asked = "you asked for a meeting"

    /// An event that counts as an interaction with the person, in words; nil for the rest.
    static func interaction(_ e: Event) -> String? {
        switch e.type {
        case .requested: asked
        case .scheduled: "a meeting was arranged"
        case .confirmed: "the meeting was confirmed"
        case .held: "you met"
        case .thanked: "you thanked them"
        case .replied: "they replied"
        case .declined: "they declined"
        case .note: MailRecorder.isFromMail(e) ? "a message by mail" : "a note"
        case .done: e.task?.contains(".\(TaskKind.keepInTouch.rawValue)") == true ? "you kept in touch" : nil
        default: nil
        }
    }
}

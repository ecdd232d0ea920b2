import Foundation
import Testing

@testable import IIDCore

/// A log planned in pieces, as the daemon sees it grow, must plan exactly as the whole log at once.
@Suite struct LivePlanTests {
    /// A random log over a few contacts: every event type, times out of order, done and snoozed
    /// naming real and made-up tasks (reports on advice among them), the odd duplicate id (another event, or the same one read
    /// again) and a contact that was never added.
    static func randomLog(_ rng: inout SplitMix64, count: Int) -> [Event] {
        let base = local("2026-11-02 09:00").timeIntervalSince1970
        var events: [Event] = []
        let kinds = [
            "follow-up", "homework", "confirm", "brief", "thank-you", "homework.2", "thank-you.2", "report-back.c1",
            "report-back.c2", "report-back.advice.20261102", "report-back.advice.20261110",
        ]
        for n in 0..<count {
            let contact = "c\(rng.next() % 6)"
            let at = Date(timeIntervalSince1970: base + Double(rng.next() % (60 * 86_400)))
            let type = EventType.allCases[Int(rng.next() % UInt64(EventType.allCases.count))]
            let id =
                rng.next() % 40 == 0 && !events.isEmpty ? events[Int(rng.next() % UInt64(events.count))].id : "e\(n)"
            var e = Event(id: id, at: at, type: type, contact: contact)
            switch type {
            case .added, .updated:
                e.name = "Name \(contact) \(n)"
                // People at two employers, written several ways, and at one not on the list.
                e.org = ["Acme", "ACME GmbH", "Globex Inc.", "Initech", ""][Int(rng.next() % 5)]
                // Some referred by another (a report-back for them once met), or by nobody again.
                if rng.next() % 3 == 0 { e.referredBy = ["c\(rng.next() % 6)", ""][Int(rng.next() % 2)] }
            case .scheduled:
                e.start = at.addingTimeInterval(Double(rng.next() % (20 * 86_400)))
                e.minutes = 30
            case .done, .snoozed:
                e.task = "c\(rng.next() % 6).\(kinds[Int(rng.next() % UInt64(kinds.count))])"
                e.until = at.addingTimeInterval(86_400)
            case .cancelled: e.scope = rng.next() % 4 == 0 ? .contact : .meeting
            case .note, .question: e.text = "text \(n)"
            case .acted:
                // Advice acted on, often on the few days the made-up reports name.
                e.text = "advice \(n)"
                if rng.next() % 2 == 0 {
                    e.at = [local("2026-11-02 10:00"), local("2026-11-10 18:00")][Int(rng.next() % 2)]
                }
            case .held: e.points = ["p\(n)"]
            case .orgAdded, .orgUpdated, .orgAlias:
                // Acme and Globex put on the list, renamed, joined and split, in any order.
                let acme = rng.next() % 2 == 0
                e.contact = acme ? "org:acme" : "org:globex"
                e.name = acme ? ["Acme", "Acme AG"][Int(rng.next() % 2)] : "Globex"
                if type == .orgAlias {
                    if rng.next() % 2 == 0 { e.alias = "Initech" } else { e.split = "ACME GmbH" }
                }
            case .retracted:
                // An earlier event, a later one, or none.
                e.retracts =
                    !events.isEmpty && rng.next() % 4 != 0
                    ? events[Int(rng.next() % UInt64(events.count))].id : "e\(n + 3)"
            default: break
            }
            if contact == "c5", type == .added { continue }  // c5 is never added
            events.append(e)
            // Now and then the same event again, as a sync tool's conflict copy holds it.
            if rng.next() % 30 == 0 {
                var copy = events[Int(rng.next() % UInt64(events.count))]
                copy.source = SourceLocation(file: "copy.sync-conflict-20261201-101500-ABCDEFG.jsonl", line: n)
                events.append(copy)
            }
        }
        return events
    }

    @Test func appendsInPiecesPlanLikeTheWholeLog() {
        var rng = SplitMix64(state: 2026)
        // Next-contact tasks, which depend on everyone at an employer, come up in the rounds too.
        var nextContacts = 0
        var adviceReports = 0
        for round in 0..<200 {
            let events = Self.randomLog(&rng, count: 5 + Int(rng.next() % 60))
            let whole = planner().referencePlan(events)
            nextContacts += whole.tasks.filter { $0.kind == .nextContact }.count
            adviceReports += whole.tasks.filter(\.isAdviceReport).count
            var live = LivePlan(planner: planner(), events: [])
            var i = 0
            while i < events.count {
                let n = 1 + Int(rng.next() % 5)
                live.append(Array(events[i..<min(events.count, i + n)]))
                i += n
            }
            let pieces = live.plan
            #expect(pieces.contacts == whole.contacts, "round \(round)")
            #expect(pieces.tasks == whole.tasks, "round \(round)")
            #expect(Set(pieces.diagnostics) == Set(whole.diagnostics), "round \(round)")
            // The queries the daemon asks of it answer as the whole plan would.
            let scheduler = Scheduler(config: Config(), zone: berlin)
            #expect(live.reminders.flatMap { $0 } == scheduler.reminders(for: whole.tasks), "round \(round)")
            let now = local("2026-12-01 12:00")
            let pending = whole.pending(at: now)
            #expect(live.pendingCounts(at: now).pending == pending.count)
            #expect(live.pendingCounts(at: now).overdue == pending.filter { $0.state(at: now) == .overdue }.count)
            for t in whole.tasks { #expect(live.task(t.id) == t) }
            for c in whole.contacts { #expect(live.contact(c.id) == c) }
            #expect(live.contactCount == whole.contacts.count)
            let once = planner().plan(events)
            #expect(once.contacts == whole.contacts && once.tasks == whole.tasks, "round \(round)")
        }
        #expect(nextContacts > 20, "\(nextContacts) next-contact tasks in 200 rounds")
        #expect(adviceReports > 20, "\(adviceReports) reports on advice in 200 rounds")
    }

    /// Two devices' files read in either order, one whole and the other as its lines arrive, plan
    /// as one log: retractions included, which may be read before the event they take back.
    @Test func twoDevicesFilesPlanAlikeInEitherOrder() {
        var rng = SplitMix64(state: 1201)
        for round in 0..<200 {
            let events = Self.randomLog(&rng, count: 5 + Int(rng.next() % 60))
            var laptop: [Event] = []
            var desktop: [Event] = []
            for e in events {
                if rng.next() % 2 == 0 { laptop.append(e) } else { desktop.append(e) }
            }
            var first = LivePlan(planner: planner(), events: laptop)
            var i = 0
            while i < desktop.count {
                let n = 1 + Int(rng.next() % 4)
                first.append(Array(desktop[i..<min(desktop.count, i + n)]))
                i += n
            }
            let second = LivePlan(planner: planner(), events: desktop + laptop)
            let reference = planner().referencePlan(laptop + desktop)
            #expect(first.plan.contacts == reference.contacts, "round \(round)")
            #expect(first.plan.tasks == reference.tasks, "round \(round)")
            // Read the other way round, only a duplicate id of another event can tell (its first wins).
            let differing = Dictionary(grouping: events, by: \.id).values.contains { Set($0).count > 1 }
            if !differing {
                #expect(second.plan.contacts == reference.contacts, "round \(round)")
                #expect(second.plan.tasks == reference.tasks, "round \(round)")
                #expect(second.reminders.flatMap { $0 } == first.reminders.flatMap { $0 }, "round \(round)")
            }
        }
    }

    @Test func anAppendReplaysOnlyTheContactsItNames() {
        var log = Log()
        for c in ["ann", "bob", "cid"] { log.add(.added, c, at: "2026-11-02 09:00") }
        var live = LivePlan(planner: planner(), events: log.events)
        log.add(.requested, "bob", at: "2026-11-03 09:00")
        #expect(live.append([log.events[3]]) == ["bob"])
        log.add(.done, "ann", at: "2026-11-04 09:00") { $0.task = "cid.follow-up" }
        #expect(live.append([log.events[4]]) == ["ann", "cid"])
        #expect(live.plan.tasks.map(\.id) == ["bob.follow-up"])
    }

    @Test func anEarlierTimeMovesAContactUpTheOrder() {
        var log = Log()
        log.add(.added, "ann", at: "2026-11-02 09:00")
        log.add(.added, "bob", at: "2026-11-03 09:00")
        var live = LivePlan(planner: planner(), events: log.events)
        #expect(live.plan.contacts.map(\.id) == ["ann", "bob"])
        log.add(.note, "bob", at: "2026-11-01 09:00") { $0.text = "met at a fair before" }
        live.append([log.events[2]])
        #expect(live.plan.contacts.map(\.id) == ["bob", "ann"])
        #expect(live.plan.contacts.map(\.id) == planner().referencePlan(log.events).contacts.map(\.id))
    }
}

/// The whole log at once, the way the planner worked before `LivePlan`: every event sorted into one
/// log order and applied in a single pass, with `done` and `snoozed` gathered over the whole log.
/// It applies each event with the planner's own `apply`, so the rules are not copied; what it checks
/// is the incremental part, per-contact replay and appends in pieces, against the one-pass result.
extension Planner {
    /// Events in log order (time, then id); a repeated id is dropped, with a warning only when it
    /// is another event than the first under that id (a conflict copy repeats the same one).
    static func referenceOrder(_ events: [Event]) -> (events: [Event], diagnostics: [Diagnostic]) {
        var seen: [String: Event] = [:]
        var out: [Event] = []
        var diagnostics: [Diagnostic] = []
        out.reserveCapacity(events.count)
        for e in events {
            if let first = seen[e.id] {
                if !e.repeats(first) {
                    diagnostics.append(
                        Diagnostic(.warning, .duplicateEventID, "duplicate event id '\(e.id)' ignored", at: e.source))
                }
            } else {
                seen[e.id] = e
                out.append(e)
            }
        }
        return (out.sorted { a, b in a.at != b.at ? a.at < b.at : a.id < b.id }, diagnostics)
    }

    func referencePlan(_ rawEvents: [Event]) -> Plan {
        let (ordered, orderDiagnostics) = Self.referenceOrder(rawEvents)
        // A retracted event, and the retraction, are as if never written.
        // An organisation's events are the employer list's, never a contact's.
        let events = EventSummary.standing(ordered).filter { !$0.type.isOrganisation }
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
                            .warning, .contactNeverAdded,
                            "event '\(e.id)' names contact '\(e.contact)', which was never added", at: e.source))
                }
                records[e.contact] = r
                order.append(e.contact)
            }
            guard var r = records[e.contact] else { continue }
            apply(e, to: &r)
            switch e.type {
            case .done: if let task = e.task { done.insert(task) }
            case .snoozed: if let task = e.task, let until = e.until { snoozes[task] = (e.at, until) }
            default: break
            }
            records[e.contact] = r
        }

        // The employer list, and whom to ask next at each, from every record at once.
        let book = OrgBook(events: EventSummary.standing(ordered))
        func next(_ r: ContactRecord) -> NextContactContext? {
            guard let asked = r.openRequest, r.repliedAt == nil, let o = book.organisation(for: r.org) else {
                return nil
            }
            let there = order.compactMap { records[$0] }.filter {
                $0.id != r.id && !$0.archived && book.organisation(for: $0.org)?.id == o.id
            }
            let labels = Responsiveness.Rule(config: config, zone: zone)
            return NextContactContext(
                org: o.name, people: EmployerList.nextToAsk(there, at: asked, labels: labels).map(\.name))
        }
        var tasks: [PendingTask] = []
        let all = order.compactMap { records[$0] }
        for id in order {
            guard let r = records[id], !r.archived else { continue }
            tasks += tasksFor(r, next: next(r), met: MetReferral.all(by: r.id, in: all))
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
}

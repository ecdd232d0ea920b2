#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the weekly digest lists, read from the plan at the moment it goes: what you owe, the
/// coming week's meetings with their preparation, and the people you are losing touch with.
public struct DigestContents: Equatable, Sendable {
    /// A meeting in the coming week and where its preparation stands.
    public struct MeetingPrep: Equatable, Sendable {
        public var contact: String
        public var label: String
        public var meeting: Meeting
        /// Each preparation step and whether it is done (its task is no longer open).
        public var prep: [(kind: TaskKind, done: Bool)]

        public static func == (a: MeetingPrep, b: MeetingPrep) -> Bool {
            a.contact == b.contact && a.meeting == b.meeting && a.prep.map(\.kind) == b.prep.map(\.kind)
                && a.prep.map(\.done) == b.prep.map(\.done)
        }
    }

    /// Due and overdue thank-yous, follow-ups and moves to the next person at an employer, most
    /// overdue first.
    public var owed: [PendingTask]
    /// Each owed task's context (`ReminderContext`), by task id: a line under it in the text.
    public var context: [String: ReminderContext] = [:]
    /// Meetings from `now` to `until`, soonest first.
    public var meetings: [MeetingPrep]
    /// Keep-in-touch tasks that are due or overdue, the longest out of touch first (`Plan.losingTouch`).
    public var losingTouch: [PendingTask]
    public var now: Date
    public var until: Date
    /// The week's goals against what was done, when `goals` are set: said, but no reason on its
    /// own to send a digest with nothing owed.
    public var goals: GoalProgress?

    public var isEmpty: Bool { owed.isEmpty && meetings.isEmpty && losingTouch.isEmpty }

    /// The kinds a person owes someone: the rest are preparation, listed with their meeting, or
    /// keeping in touch, listed on their own.
    static let owedKinds: Set<TaskKind> = [.thankYou, .followUp, .nextContact, .reportBack]
    static let prepKinds: [TaskKind] = [.homework, .confirm, .brief]

    public init(plan: Planner.Plan, now: Date, until: Date, goals: Goals? = nil, zone: TZifZone? = nil) {
        self.now = now
        self.until = until
        if let goals, let zone {
            self.goals = GoalProgress(goals: goals, contacts: plan.contacts, now: now, zone: zone)
        }
        let calling = plan.tasks.filter { [.due, .overdue].contains($0.state(at: now)) && !$0.isExpired(at: now) }
        owed = calling.filter { Self.owedKinds.contains($0.kind) }.sorted { ($0.due, $0.id) < ($1.due, $1.id) }
        losingTouch = plan.losingTouch(at: now).map(\.task)
        for t in owed + losingTouch {
            let c = plan.contact(t.contact)
            let context = ReminderContext(
                task: t, contact: c, referrer: ReminderContext.referrer(of: c, plan.contact))
            if !context.isEmpty { self.context[t.id] = context }
        }
        let open = Set(plan.tasks.map(\.id))
        var meetings: [MeetingPrep] = []
        for c in plan.contacts where !c.archived {
            for m in c.meetings where !m.cancelled && !m.held && m.thankedAt == nil && m.start >= now && m.start < until
            {
                let suffix = Planner.suffix(m.number)
                let prep = Self.prepKinds.map { kind in (kind, !open.contains("\(c.id).\(kind.rawValue)\(suffix)")) }
                meetings.append(MeetingPrep(contact: c.id, label: c.label, meeting: m, prep: prep))
            }
        }
        self.meetings = meetings.sorted { ($0.meeting.start, $0.contact) < ($1.meeting.start, $1.contact) }
    }
}

extension MessageBuilder {
    /// The digest's text for `contents`; `late`: it goes after its time (the daemon was away),
    /// which it says. Names come from other people's files: each line is made printable, so that a
    /// control character in a name can neither split a line nor reach a terminal.
    public func weekly(_ contents: DigestContents, periodStart: Date, late: Bool, daily: Bool = false)
        -> ReminderMessage
    {
        let now = contents.now
        let span = daily ? "day" : "week"
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var counts = ["\(contents.owed.count) owed", plural(contents.meetings.count, "meeting")]
        if !contents.losingTouch.isEmpty { counts.append("\(contents.losingTouch.count) losing touch") }
        let summary = "iid: your \(span) — " + (contents.isEmpty ? "nothing owed" : counts.joined(separator: ", "))
        var lines = ["Your \(span) from \(words.when(now, now: now)) to \(words.when(contents.until, now: now))."]
        if late { lines.append("(Late: this digest was due \(words.when(periodStart, now: now)).)") }
        if contents.isEmpty {
            lines.append("")
            lines.append(
                "Nothing owed this \(span): no thank-you, follow-up or next person to ask due, no meetings, "
                    + "nobody to get back to.")
        }
        if let g = contents.goals {
            lines += [
                "",
                "Goals: last week \(GoalProgress.against(g.goals, g.lastWeek))"
                    + (g.lastWeek.met(g.goals) ? " (met)" : "") + "; this week so far "
                    + GoalProgress.against(g.goals, g.week) + "; \(g.streakText).",
            ]
        }
        if !contents.owed.isEmpty {
            lines += ["", "Owed (\(contents.owed.count)):"]
            for t in contents.owed {
                let overdue = t.state(at: now) == .overdue ? "Overdue: " : ""
                lines.append("• \(overdue)\(t.title) (due \(words.when(t.due, now: now)); \(t.id))")
                if let short = contents.context[t.id]?.short(words, now: now), !short.isEmpty {
                    lines.append("  " + short)
                }
            }
        }
        if !contents.meetings.isEmpty {
            lines += ["", "Meetings (\(contents.meetings.count)):"]
            for m in contents.meetings {
                var line = "• \(words.when(m.meeting.start, now: now)), \(m.meeting.minutes) min"
                if let place = m.meeting.place, !place.isEmpty { line += ", \(place)" }
                let prep = m.prep.map { "\($0.kind.rawValue) \($0.done ? "done" : "open")" }
                lines.append(line + ": \(m.label) (\(prep.joined(separator: ", ")))")
            }
        }
        if !contents.losingTouch.isEmpty {
            lines += ["", "Losing touch (\(contents.losingTouch.count)):"]
            for t in contents.losingTouch {
                let days = Int(now.timeIntervalSince(t.anchor) / 86_400)
                lines.append(
                    "• \(t.contactName): last contact \(words.when(t.anchor, now: now)), \(plural(days, "day")) ago (\(t.id))"
                )
                if let short = contents.context[t.id]?.short(words, now: now), !short.isEmpty {
                    lines.append("  " + short)
                }
            }
        }
        let critical = contents.owed.contains { $0.kind == .thankYou && $0.state(at: now) == .overdue }
        return ReminderMessage(
            summary: Printable.escaped(summary), body: lines.map { Printable.escaped($0) }.joined(separator: "\n"),
            urgency: critical ? .critical : .normal, category: "iid.weekly", tasks: [],
            contacts: (contents.owed + contents.losingTouch).map(\.contact) + contents.meetings.map(\.contact),
            kinds: [], due: nil, isLate: late, draft: nil)
    }

    /// The messages for digest deliveries at `now`, from the plan as it stands; with `empty: skip`,
    /// an empty period's deliveries come back in `nothingOwed` instead, for the ledger to record.
    ///
    /// Whether a period is empty is decided here, not in `Scheduler.decide`, as a deliberate
    /// exception to the one decision path: the scheduler decides *when* (from reminders, the
    /// ledger and the clock, on every wake-up, without the plan), while emptiness is a fact about
    /// the plan's contents at send time, which only composing reads. Both outcomes are recorded
    /// under the same ledger key, so the period still goes once.
    ///
    /// A digest is late, and says so, only when the daemon was away at its time (`watch`), counted
    /// from the end of quiet hours as `Scheduler.classify` counts it: as for any reminder, being
    /// held by quiet hours or retried while watching is not being late.
    public func weekly(_ deliveries: [Scheduler.Delivery], plan: Planner.Plan, now: Date, watch: Watch? = nil)
        -> (outgoing: [Outgoing], nothingOwed: [Scheduler.Delivery])
    {
        guard let rule = config.digest, !deliveries.isEmpty else { return ([], deliveries) }
        let contents = DigestContents(
            plan: plan, now: now, until: rule.horizon(from: now, in: zone), goals: config.goals, zone: zone)
        if contents.isEmpty, rule.empty == .skip { return ([], deliveries) }
        let scheduler = Scheduler(config: config, zone: zone)
        let out = deliveries.map { d in
            let release = scheduler.releaseTime(d.reminder.fireAt, channel: d.channel)
            let late = d.isLate && (watch?.lateness(of: release, now: now) ?? .away) == .away
            return Outgoing(
                message: weekly(contents, periodStart: d.reminder.fireAt, late: late, daily: rule.weekday == nil),
                deliveries: [d], channel: d.channel)
        }
        return (out, [])
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a reminder says, independent of the channel that carries it.
public struct ReminderMessage: Equatable, Sendable {
    public enum Urgency: String, Sendable { case low, normal, critical }

    public var summary: String
    /// Plain text; channels escape it as they need.
    public var body: String
    public var urgency: Urgency
    /// A freedesktop notification category.
    public var category: String
    /// The task ids this message is about (several for a digest).
    public var tasks: [String]
    public var contacts: [String]
    public var kinds: [TaskKind]
    public var due: Date?
    public var isLate: Bool
    /// The thank-you draft, carried by email so it can be copied.
    public var draft: String?
    /// The task's context in full (`ReminderContext.lines`), for the mail: the body carries it in
    /// one short line, for a notification's few lines.
    public var context: [String]

    public init(
        summary: String, body: String, urgency: Urgency, category: String, tasks: [String], contacts: [String],
        kinds: [TaskKind], due: Date?, isLate: Bool, draft: String?, context: [String] = []
    ) {
        self.summary = summary
        self.body = body
        self.urgency = urgency
        self.category = category
        self.tasks = tasks
        self.contacts = contacts
        self.kinds = kinds
        self.due = due
        self.isLate = isLate
        self.draft = draft
        self.context = context
    }
}

/// Builds reminder texts from tasks, contacts and the config. Pure.
public struct MessageBuilder: Sendable {
    public var config: Config
    public var zone: TZifZone
    public init(config: Config, zone: TZifZone) {
        self.config = config
        self.zone = zone
    }

    var words: Wording { Wording(zone: zone) }

    public func message(for reminder: Reminder, contact: ContactRecord?, now: Date, late: Bool) -> ReminderMessage {
        message(for: reminder, contact: contact, now: now, lateness: late ? .away : .onTime)
    }

    /// The message for one reminder; a late one says why it is late (`Watch`). `referrer` is the
    /// name of whoever referred the contact, for the context (`ReminderContext`).
    public func message(
        for reminder: Reminder, contact: ContactRecord?, now: Date, lateness: Lateness, referrer: String? = nil
    ) -> ReminderMessage {
        let late = lateness == .away
        let task = reminder.task
        let overdue = reminder.slot == .overdue || now >= task.due
        var summary = task.title
        if overdue { summary = "Overdue: " + summary }
        var lines = [detail(task, contact: contact, now: now)]
        switch lateness {
        case .away: lines.append("(Late: this reminder was due \(words.when(reminder.fireAt, now: now)).)")
        case .pastWhenRecorded:
            lines.append("(This reminder was due \(words.when(reminder.fireAt, now: now)).)")
        case .onTime: break
        }
        let context = ReminderContext(task: task, contact: contact, referrer: referrer)
        let short = context.short(words, now: now)
        if !short.isEmpty { lines.append("Context: " + short) }
        lines.append("Task \(task.id), due \(words.when(task.due, now: now)).")
        let urgency: ReminderMessage.Urgency =
            (task.kind == .thankYou && overdue) ? .critical : (task.kind == .keepInTouch ? .low : .normal)
        return ReminderMessage(
            summary: summary, body: lines.joined(separator: "\n"), urgency: urgency,
            category: "iid.\(task.kind.rawValue)",
            tasks: [task.id], contacts: [task.contact], kinds: [task.kind], due: task.due, isLate: late,
            draft: task.kind == .thankYou
                ? ThankYouDraft(config: config, zone: zone).text(
                    contact: contact, meeting: task.meeting, fallbackName: task.contactName) : nil,
            context: context.lines(words, now: now))
    }

    /// One message for many reminders on one channel (after an absence, or many at once); each
    /// line carries its task's context in short, `referrer` naming whoever referred a contact.
    public func digest(
        _ items: [(Reminder, ContactRecord?)], now: Date, watch: Watch? = nil,
        referrer: (ContactRecord) -> String? = { _ in nil }
    ) -> ReminderMessage {
        // Away only when the daemon was not watching at their time; without a watch, any late one.
        let lateCount = items.filter {
            (watch ?? Watch(started: now)).lateness(of: $0.0.fireAt, contact: $0.0.task.contact, now: now) == .away
        }.count
        var seenTasks = Set<String>()
        let distinct = items.filter { seenTasks.insert($0.0.task.id).inserted }
        let counted = "\(distinct.count) reminder\(distinct.count == 1 ? "" : "s")"
        let summary =
            lateCount > 0
            ? "\(counted) while you were away" : "\(counted) due now"
        var lines: [String] = []
        for (reminder, contact) in distinct.prefix(20) {
            let t = reminder.task
            let context = ReminderContext(task: t, contact: contact, referrer: contact.flatMap(referrer))
            lines.append("• \(t.title) (due \(words.when(t.due, now: now)); \(t.id))")
            let short = context.short(words, now: now)
            if !short.isEmpty { lines.append("  " + short) }
        }
        if distinct.count > 20 { lines.append("… and \(distinct.count - 20) more: run iictl pending") }
        let critical = items.contains { $0.0.task.kind == .thankYou && now >= $0.0.task.due }
        return ReminderMessage(
            summary: summary, body: lines.joined(separator: "\n"), urgency: critical ? .critical : .normal,
            category: "iid.digest", tasks: distinct.map { $0.0.task.id }, contacts: distinct.map { $0.0.task.contact },
            kinds: distinct.map { $0.0.task.kind }, due: items.map { $0.0.task.due }.min(), isLate: lateCount > 0,
            draft: nil)
    }

    func detail(_ task: PendingTask, contact: ContactRecord?, now: Date) -> String {
        let name = task.contactName
        let org = contact?.org.flatMap { $0.isEmpty ? nil : $0 }
        let meetingLine: String = {
            guard let m = task.meeting else { return "" }
            var s = "Meeting \(words.when(m.start, now: now)), \(m.minutes) min"
            if let place = m.place, !place.isEmpty { s += ", \(place)" }
            return s + "."
        }()
        switch task.kind {
        case .followUp:
            return "You asked \(name) for a meeting on \(words.when(task.anchor, now: now)) and have no date yet. "
                + "One short, polite follow-up is in order. Draft it with: iictl draft follow-up \(task.contact)"
        case .homework:
            var s =
                meetingLine + " Research \(org ?? "their organisation") (business publications, corporate "
                + "literature), think about your objectives and prepare targeted questions."
            if let qs = contact?.questions, !qs.isEmpty {
                s += "\nYour questions so far: " + qs.joined(separator: "; ")
            }
            return s + "\nPreparation sheet: iictl prep \(task.contact)"
        case .confirm:
            return meetingLine + " Confirm the time with \(name), and how much time they can give you."
        case .brief:
            var parts = [meetingLine]
            if !config.me.pitch.isEmpty { parts.append("Your 15 seconds: \(config.me.pitch)") }
            if !config.me.objectives.isEmpty {
                parts.append("Objectives: \(config.me.objectives.joined(separator: "; ")).")
            }
            if let qs = contact?.questions, !qs.isEmpty {
                parts.append("Your questions: " + qs.joined(separator: "; "))
            }
            parts.append(
                "Confirm how much time they can give you and ask permission to take notes. This is not a job "
                    + "interview: do not ask about openings. Keep to the time agreed.")
            parts.append(Scripts.askForNames)
            return parts.joined(separator: "\n")
        case .thankYou:
            var s = "Within a day or two, send \(name) a short thank-you note by regular mail"
            if let points = task.meeting?.points, !points.isEmpty {
                s += ", mentioning: " + points.prefix(2).joined(separator: "; ")
            }
            return s + ". Draft it with: iictl draft \(task.contact)"
        case .nextContact:
            let at = task.org ?? "their organisation"
            let next =
                task.nextPeople.isEmpty
                ? "Nobody else you know there is left to ask: find someone at \(at)."
                : "Whom to ask next, best first: \(task.nextPeople.prefix(3).joined(separator: ", "))."
            return "You asked \(name) for a meeting on \(words.when(task.anchor, now: now)) and have no answer yet. "
                + "One employer at a time: try the next person at \(at). \(next) iictl orgs lists your employers."
        case .reportBack where task.isAdviceReport:
            let times = task.advice.count > 1 ? " \(task.advice.count) times since" : " on"
            return "You acted on \(name)'s advice\(times) \(words.when(task.anchor, now: now)): "
                + task.advice.joined(separator: "; ") + ". Tell \(name) what came of it: a short note keeps them "
                + "informed of your progress. Draft it with: iictl draft report-back \(task.contact) --advice"
        case .reportBack:
            let met = task.referredName ?? "the person they suggested"
            return "You met \(met), whom \(name) suggested, \(words.when(task.anchor, now: now)). "
                + "Tell \(name) how it went: a short note keeps them informed of your progress. Draft it with: "
                + "iictl draft report-back \(task.contact)"
        case .keepInTouch:
            return "Your last contact with \(name) was \(words.when(task.anchor, now: now)). "
                + "Send a short update or an article on a topic you discussed. Draft it with: iictl draft "
                + "keep-in-touch \(task.contact)"
        }
    }
}

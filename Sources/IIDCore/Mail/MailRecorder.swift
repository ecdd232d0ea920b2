#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The messages of one scan turned into events, in the order they were written: each message
/// is judged against the log as it stood at its time, with the events recorded from the messages
/// before it, so that a reply and then a thank-you read in one scan come out as the person
/// lived them.
public struct MailRecorder: Sendable {
    public var planner: Planner
    public var me: Set<String>

    public init(planner: Planner, me: Set<String>) {
        self.planner = planner
        self.me = me
    }

    /// One message's result: what the rule said for each contact, and the events to append.
    public struct Decision: Sendable {
        public var item: MailItem
        public var outcomes: [MailOutcome]
        public var events: [Event]
    }

    /// `items` judged in time order. A message whose event is in `log` already (recorded by an
    /// earlier scan, or recorded and then undone) records nothing again: the event's id is made
    /// from the Message-ID's hash, so undoing it is for good. `sent`: the keys of the person's
    /// messages to contacts read by earlier scans, to whom (`MailState.sent`), for the thread of a
    /// message from someone else.
    ///
    /// A first scan judges 100,000 messages, so nothing is worked out again per message: the
    /// address book is made once from the whole log (mail records no `added` or `updated`, so who
    /// is who is the same for every message), and a message that names a contact is judged
    /// against the plan of those contacts only, from their own events up to its time (a contact's
    /// record and tasks depend on its own events alone, as `LivePlan` relies on). A message that
    /// names nobody (most of a mailbox) is judged without planning anything.
    public func decide(_ items: [MailItem], log: [Event], sent: [String: String] = [:]) -> [Decision] {
        let known = Set(log.map(\.id))
        let book = MailRule.addressBook(planner.plan(log))
        var byContact: [String: [Event]] = [:]
        for e in log where !e.type.isOrganisation { byContact[e.contact, default: []].append(e) }
        var sent = sent
        let words = Wording(zone: planner.zone)
        let nobody = Planner.Plan(contacts: [], tasks: [], diagnostics: [])
        var out: [Decision] = []
        for item in items.sorted(by: { ($0.date, $0.key ?? "") < ($1.date, $1.key ?? "") }) {
            let thread = MailRule.threadContact(item, me: me, book: book, sent: sent)
            let named = MailRule.unique(
                ([item.from].compactMap { $0 } + item.recipients + item.failedRecipients).compactMap {
                    book[$0.normalized]
                } + [thread].compactMap { $0 })
            let plan =
                named.isEmpty
                ? nobody
                : planner.plan(
                    named.flatMap { byContact[$0] ?? [] }.filter {
                        $0.at <= item.date || $0.type == .added || $0.type == .updated
                    })
            let outcomes = MailRule.decide(item, me: me, plan: plan, book: book, thread: thread)
            var recorded: [Event] = []
            for outcome in outcomes {
                guard let key = item.key, let event = Self.event(for: outcome, item: item, key: key, words: words),
                    !known.contains(event.id)
                else { continue }
                recorded.append(event)
            }
            for e in recorded { byContact[e.contact, default: []].append(e) }
            if let key = item.key, let from = item.from?.normalized, me.contains(from),
                let to = outcomes.lazy.compactMap(\.contact).first
            {
                sent[key] = to
            }
            out.append(Decision(item: item, outcomes: outcomes, events: recorded))
        }
        return out
    }

    /// What the text of an event recorded from mail starts with: `from mail: your message to
    /// jane@acme.example, Tue 3 Dec 10:14`.
    public static let origin = "from mail: "

    /// Whether `event` was recorded from mail: its `source` is `mail`. Events recorded before
    /// the log had `source` are known by their id and text, as they were written then.
    public static func isFromMail(_ event: Event) -> Bool {
        if let source = event.origin { return source == EventOrigin.mail }
        return event.id.hasPrefix("mail-") && (event.text?.hasPrefix(origin) ?? false)
    }

    /// `mail-<hash>-<contact>`: the id of the event a message records for a contact.
    public static func eventID(key: String, contact: String) -> String { "mail-\(key.prefix(20))-\(contact)" }

    /// The event `outcome` records, or nil for one that records nothing: `source` is `mail`, and
    /// the text names the message by its one address and its time in the person's zone (`words`),
    /// which `iictl log`, `show` and `explain` show as they are.
    public static func event(for outcome: MailOutcome, item: MailItem, key: String, words: Wording) -> Event? {
        guard let contact = outcome.contact else { return nil }
        var e = Event(id: eventID(key: key, contact: contact), at: item.date, type: .note, contact: contact)
        e.origin = EventOrigin.mail
        let when = words.when(item.date)
        let mine = "\(origin)your message to \(item.recipients.first.map(\.normalized) ?? "them"), \(when)"
        let theirs = "\(origin)message from \(item.from?.normalized ?? "them"), \(when)"
        e.text = mine
        switch outcome {
        case .replied:
            e.type = .replied
            e.text = theirs
        case .done(_, let task):
            e.type = .done
            e.task = task
        case .confirmed: e.type = .confirmed
        case .thanked: e.type = .thanked
        case .requested: e.type = .requested
        case .interaction(_, let fromContact):
            e.type = .note
            e.text = fromContact ? theirs : mine
        case .suggested, .bounced, .nothing: return nil
        }
        return e
    }
}

extension Event {
    /// Whether `self`, read under the id of `first`, records the same thing: the same event (a
    /// conflict copy repeats it), or the same message read from mail on two devices. The id of an
    /// event from mail is the message's and the contact's; its text gives the message's time in
    /// the zone and words of the device that read it, so a laptop abroad and the desktop at home
    /// write the same message in two texts, and neither is a conflict to warn of.
    public func repeats(_ first: Event) -> Bool {
        if self == first { return true }
        return MailRecorder.isFromMail(self) && MailRecorder.isFromMail(first) && type == first.type
            && at == first.at && contact == first.contact && task == first.task
    }
}

extension MailOutcome {
    /// One line for `iictl mail scan`: what was (or would be) recorded, and why.
    public func line(item: MailItem, words: Wording, now: Date) -> String {
        let who = item.from?.normalized ?? "(no sender)"
        let when = words.when(item.date, now: now)
        switch self {
        case .replied(let c): return "\(c): replied (message from \(who), \(when))"
        case .done(let c, let task): return "\(c): done \(task) (your message, \(when))"
        case .confirmed(let c): return "\(c): confirmed the meeting (your message, \(when))"
        case .thanked(let c): return "\(c): thanked (your message, \(when))"
        case .requested(let c): return "\(c): requested a meeting (your message, \(when))"
        case .interaction(let c, let fromContact):
            return "\(c): interaction (\(fromContact ? "message from \(who)" : "your message"), \(when))"
        case .suggested(let c):
            return "\(c): suggestion: \(who) answered in the thread of your message to them, \(when): "
                + "if it answers for them, iictl replied \(c)"
        case .bounced(let address): return "\(address) bounced: check the address"
        case .nothing(let why): return "nothing: \(who), \(when): \(why)"
        }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A message as the rule sees it: who wrote it, to whom, when, and what kind it is. Built from a
/// header section by `init(headers:)`; the caller supplies the time when `Date:` will not do.
public struct MailItem: Sendable, Equatable {
    public var messageID: String? { didSet { key = messageID.map(Self.key(of:)) } }
    public var from: MailAddress?
    public var recipients: [MailAddress]
    public var date: Date
    public var subject: String
    public var kind: MailKind
    /// A bounce's `X-Failed-Recipients:` (exim and Gmail write it): whom the bounce is about, as
    /// far as the headers say; the report itself is in the body, which iid does not read.
    public var failedRecipients: [MailAddress] = []
    /// The ids `In-Reply-To:` and `References:` name: the thread it answers. Only their hashes are
    /// compared (`threadKeys`), with those of the person's own messages to contacts.
    public var references: [String] = []

    public init(
        messageID: String?, from: MailAddress?, recipients: [MailAddress], date: Date, subject: String = "",
        kind: MailKind = .person
    ) {
        self.messageID = messageID
        self.key = messageID.map(Self.key(of:))
        self.from = from
        self.recipients = recipients
        self.date = date
        self.subject = subject
        self.kind = kind
    }

    /// `headers` read as the rule needs them. The time is `Date:`, or `fileTime` when the header
    /// is missing, unreadable, or more than a day ahead of `fileTime` (a clock far off, or a
    /// forged date to keep a message on top).
    public init(headers: MailHeaders, fileTime: Date) {
        let stated = headers.date
        let date: Date
        if let stated, stated <= fileTime.addingTimeInterval(86_400) { date = stated } else { date = fileTime }
        self.init(
            messageID: headers.messageID, from: headers.from.first,
            recipients: headers.to + headers.cc + headers.bcc, date: date, subject: headers.subject ?? "",
            kind: MailClassifier.classify(headers))
        failedRecipients = headers.all("x-failed-recipients").flatMap(MailAddress.list)
        // A long thread's References are its first message and its latest ones (RFC 5322 lets a
        // client drop the middle): those are kept, so that a header of thousands of ids costs
        // no more than a short one.
        let thread = headers.all("references").flatMap(MessageIDs.parse)
        references = MailRule.unique(
            headers.inReplyTo + Array(thread.prefix(Self.threadEnds)) + Array(thread.suffix(Self.threadEnds)))
    }

    /// How many ids of each end of `References:` are kept.
    static let threadEnds = 32

    /// The key iid keeps for the message instead of its id: the first 32 hex digits of the
    /// SHA-256 of the Message-ID, so that the state says nothing about the mail it saw. Worked out
    /// once, when the id is set: a scan sorts and looks up 100,000 messages by it.
    public private(set) var key: String?

    /// The key of the message whose Message-ID is `id`.
    public static func key(of id: String) -> String { String(SHA256.hex(Array(id.utf8)).prefix(32)) }

    /// The keys of the messages this one answers, as `key` is made.
    public var threadKeys: [String] { references.map(Self.key(of:)) }
}

/// What one message means for one contact, by the rule of `Documentation/mail.md`.
public enum MailOutcome: Sendable, Equatable {
    /// They answered an open request or follow-up: `replied`.
    case replied(contact: String)
    /// The person's message was the step that was due: `done` of this follow-up or keep-in-touch task.
    case done(contact: String, task: String)
    /// The person confirmed the meeting inside the confirmation's window: `confirmed`.
    case confirmed(contact: String)
    /// The person sent the thank-you after the meeting: `thanked`.
    case thanked(contact: String)
    /// The person wrote to a contact who was only a target: `requested`.
    case requested(contact: String)
    /// Any other message between them: keep-in-touch counts from it (`note`).
    case interaction(contact: String, fromContact: Bool)
    /// Someone else answered in the thread of the person's message to the contact (a colleague
    /// answering for them) while a request waits for its answer: shown, never recorded, as it may
    /// or may not be the contact's answer (`iictl pending` shows it with `iictl replied`).
    case suggested(contact: String)
    /// A delivery failure about this address.
    case bounced(address: String)
    /// Nothing to record, and why.
    case nothing(String)

    public var contact: String? {
        switch self {
        case .replied(let c), .done(let c, _), .confirmed(let c), .thanked(let c), .requested(let c),
            .interaction(let c, _):
            c
        case .suggested, .bounced, .nothing: nil
        }
    }
}

/// The one rule that turns a message into what iid records. Direction comes from `From:` only,
/// never from the folder or the thread: the person's own follow-up in Sent that carries
/// `In-Reply-To` the request is the person's message, not the contact's reply.
public enum MailRule {
    /// The contacts' addresses, lowercased, to their ids; an archived contact is left out, and
    /// an address two contacts share belongs to neither (which of them wrote is not known).
    public static func addressBook(_ plan: Planner.Plan) -> [String: String] {
        var book: [String: String] = [:]
        var shared: Set<String> = []
        for c in plan.contacts where !c.archived {
            for address in c.details.emails.map({ $0.lowercased() }) {
                if let other = book[address], other != c.id { shared.insert(address) }
                book[address] = c.id
            }
        }
        for address in shared { book[address] = nil }
        return book
    }

    /// What `item` records, contact by contact. `plan` is the log as it stood at the message's
    /// time (events up to `item.date`), of the contacts the message names at least; `me` the
    /// person's own addresses, lowercased; `book` the address book (`addressBook`, of the whole
    /// log: an address two contacts share belongs to neither, whichever the message names),
    /// `plan`'s own when nil. `thread`: the contact the person wrote the message this one answers
    /// in its thread to (`threadContact`), if any.
    public static func decide(
        _ item: MailItem, me: Set<String>, plan: Planner.Plan, book: [String: String]? = nil, thread: String? = nil
    ) -> [MailOutcome] {
        let book = book ?? addressBook(plan)
        func contact(_ id: String) -> ContactRecord? { plan.contact(id).flatMap { $0.archived ? nil : $0 } }
        if case .bounce = item.kind {
            // Whom the bounce is about is in its body, which iid does not read: the contacts
            // named by `X-Failed-Recipients:` or among the bounce's own recipients are reported.
            let named = unique(
                (item.failedRecipients + item.recipients).map(\.normalized).filter { book[$0] != nil })
            return named.isEmpty ? [.nothing("a bounce")] : named.map { .bounced(address: $0) }
        }
        if case .automatic(let why) = item.kind { return [.nothing("an automatic answer (\(why))")] }
        if case .list(let why) = item.kind { return [.nothing("a list message (\(why))")] }
        guard let from = item.from?.normalized else { return [.nothing("no readable From")] }
        if me.contains(from) {
            let records = unique(item.recipients.compactMap { book[$0.normalized] }).compactMap(contact)
            if records.isEmpty { return [.nothing("to nobody among the contacts")] }
            return records.map { fromPerson(item, $0, plan) }
        }
        if book[from] == nil, let id = thread, let c = contact(id) {
            // Neither theirs nor the person's, in the thread of the person's message to them.
            return c.awaitsAnswer(at: item.date)
                ? [.suggested(contact: id)]
                : [.nothing("someone else in the thread of your message to \(id), with no request waiting")]
        }
        guard let id = book[from], let c = contact(id) else { return [.nothing("from nobody among the contacts")] }
        if c.awaitsAnswer(at: item.date) { return [.replied(contact: id)] }
        return [.interaction(contact: id, fromContact: true)]
    }

    /// The contact the person wrote one of the messages `item` answers to (`In-Reply-To:`,
    /// `References:`), by `sent`: the keys of the person's messages to contacts, to whom. Only for
    /// a person's message from neither the person nor a contact: the others are theirs.
    public static func threadContact(
        _ item: MailItem, me: Set<String>, book: [String: String], sent: [String: String]
    ) -> String? {
        guard item.kind == .person, !sent.isEmpty, !item.references.isEmpty, let from = item.from?.normalized,
            !me.contains(from), book[from] == nil
        else { return nil }
        return item.references.lazy.compactMap { sent[MailItem.key(of: $0)] }.first
    }

    /// The step that is due when the person writes to `c`.
    static func fromPerson(_ item: MailItem, _ c: ContactRecord, _ plan: Planner.Plan) -> MailOutcome {
        let at = item.date
        let tasks = plan.tasks.filter { $0.contact == c.id && !$0.isExpired(at: at) }
        if c.firstRequested == nil && c.meetings.isEmpty { return .requested(contact: c.id) }
        if let f = tasks.first(where: { $0.kind == .followUp && $0.remindAt <= at }) {
            return .done(contact: c.id, task: f.id)
        }
        if tasks.contains(where: { $0.kind == .confirm && $0.remindAt <= at && at < ($0.meeting?.start ?? at) }) {
            return .confirmed(contact: c.id)
        }
        // The thank-you after the meeting, never before it.
        if tasks.contains(where: { $0.kind == .thankYou && at >= ($0.meeting?.end ?? $0.anchor) }) {
            return .thanked(contact: c.id)
        }
        if let k = tasks.first(where: { $0.kind == .keepInTouch && $0.remindAt <= at }) {
            return .done(contact: c.id, task: k.id)
        }
        return .interaction(contact: c.id, fromContact: false)
    }

    static func unique(_ ids: [String]) -> [String] {
        var seen: Set<String> = []
        return ids.filter { seen.insert($0).inserted }
    }
}

extension ContactRecord {
    /// Whether a message at `date` can be the answer to the person's request: one is open, not
    /// answered yet, and was made before the message. A suggestion stands while this holds.
    public func awaitsAnswer(at date: Date) -> Bool {
        guard let request = openRequest, repliedAt == nil else { return false }
        return date > request
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What iid keeps about the person's mail, in its own state folder (`mail.json`): per folder
/// when it was last read and which files it has seen, per message the hash of its Message-ID
/// (`MailItem.key`) and the verdict. Never an address, a name or a subject: the state says what
/// iid decided, not what the mail said.
public struct MailState: Codable, Sendable, Equatable {
    public struct Folder: Codable, Sendable, Equatable {
        /// `Sent`, `INBOX`: as `Maildir.Folder.name` gives it.
        public var name: String
        public var lastRead: Date?
        /// The files' unique parts (`Maildir.unique`) read so far: a renamed file (flags changed)
        /// is not read again.
        public var seen: Set<String> = []
        /// The times `new/` and `cur/` last changed, as of a read that left nothing for later:
        /// while they are the same, the folder holds no file the read did not see, and the daemon
        /// passes it over without listing it (`MailScanner.scan(..., skipUnchanged:)`).
        public var stamp: String?

        public init(name: String, lastRead: Date? = nil, seen: Set<String> = [], stamp: String? = nil) {
            self.name = name
            self.lastRead = lastRead
            self.seen = seen
            self.stamp = stamp
        }
    }

    /// The verdict kept for one message: `replied`, `done`, `confirmed`, `thanked`, `requested`,
    /// `interaction`, `suggested`, `bounce`, `automatic`, `list`, `nothing`.
    public struct Verdict: Codable, Sendable, Equatable {
        public var verdict: String
        /// The contact it was recorded (or suggested) for, if any: an id iid gave, not text from
        /// the mail.
        public var contact: String?
        /// True for the person's own message to `contact`: a message from someone else in its
        /// thread is a suggestion. Absent otherwise.
        public var mine: Bool?
        /// A suggestion's time (the message's `Date:`), which `iictl pending` shows and which
        /// decides whether it still stands. Absent for every other verdict.
        public var at: Date?
        /// For a bounce about a contact's address: that address's hash (`MailState.hash`), so
        /// that `iictl status` can name the address from the contact list without the state
        /// holding it.
        public var bounced: String?
        public init(
            verdict: String, contact: String? = nil, mine: Bool? = nil, at: Date? = nil, bounced: String? = nil
        ) {
            self.verdict = verdict
            self.contact = contact
            self.mine = mine
            self.at = at
            self.bounced = bounced
        }
    }

    /// By the folder's path.
    public var folders: [String: Folder] = [:]
    /// By `MailItem.key`.
    public var messages: [String: Verdict] = [:]

    public init() {}

    /// The person's messages to contacts by their keys, to whom: what a message from someone else
    /// in their thread is checked against (`MailRecorder.decide(_:log:sent:)`).
    public var sent: [String: String] {
        var out: [String: String] = [:]
        for (key, v) in messages where v.mine == true { if let c = v.contact { out[key] = c } }
        return out
    }

    /// The suggestions that still stand in `plan` (the log as it is now): a message from someone
    /// else in the thread of the person's message to a contact whose request still waits for an
    /// answer. One recorded `replied` (or a meeting, a decline, a new request after it) ends it.
    /// Oldest first, one per contact (the latest message stands for the rest).
    public func suggestions(_ plan: Planner.Plan) -> [MailSuggestion] {
        var latest: [String: Date] = [:]
        for v in messages.values where v.verdict == "suggested" {
            guard let c = v.contact, let at = v.at, latest[c].map({ $0 < at }) ?? true else { continue }
            latest[c] = at
        }
        return latest.compactMap { c, at in
            guard let record = plan.contact(c), !record.archived, record.awaitsAnswer(at: at) else { return nil }
            return MailSuggestion(contact: c, name: record.name, at: at)
        }.sorted { ($0.at, $0.contact) < ($1.at, $1.contact) }
    }

    /// How many messages have each verdict: for `iictl mail status`.
    public var counts: [(verdict: String, count: Int)] {
        Dictionary(grouping: messages.values, by: \.verdict).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
    }
}

extension MailOutcome {
    /// The one word the state keeps.
    public var verdict: String {
        switch self {
        case .replied: "replied"
        case .done: "done"
        case .confirmed: "confirmed"
        case .thanked: "thanked"
        case .requested: "requested"
        case .interaction: "interaction"
        case .suggested: "suggested"
        case .bounced: "bounce"
        case .nothing: "nothing"
        }
    }
}

/// A message from someone else in the thread of the person's message to a contact, while the
/// contact's request waits for an answer: perhaps a colleague answering for them. iid records
/// nothing; `iictl pending` shows it with the command that would.
public struct MailSuggestion: Sendable, Equatable {
    public var contact: String
    public var name: String
    public var at: Date

    /// What records it, if the person finds it is the answer.
    public var command: String { "iictl replied \(contact)" }

    /// `Jane Doe: someone else answered in the thread of your message to them, Tue 3 Nov 10:14; if
    /// it answers for them: iictl replied jane-doe`.
    public func line(words: Wording, now: Date) -> String {
        "\(name): someone else answered in the thread of your message to them, \(words.when(at, now: now)); "
            + "if it answers for them: \(command)"
    }
}

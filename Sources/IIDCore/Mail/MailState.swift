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

        public init(name: String, lastRead: Date? = nil, seen: Set<String> = []) {
            self.name = name
            self.lastRead = lastRead
            self.seen = seen
        }
    }

    /// The verdict kept for one message: `replied`, `done`, `confirmed`, `thanked`, `requested`,
    /// `interaction`, `bounce`, `automatic`, `list`, `nothing`.
    public struct Verdict: Codable, Sendable, Equatable {
        public var verdict: String
        /// The contact it was recorded for, if any: an id iid gave, not text from the mail.
        public var contact: String?
        public init(verdict: String, contact: String? = nil) {
            self.verdict = verdict
            self.contact = contact
        }
    }

    /// By the folder's path.
    public var folders: [String: Folder] = [:]
    /// By `MailItem.key`.
    public var messages: [String: Verdict] = [:]

    public init() {}

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
        case .bounced: "bounce"
        case .nothing: "nothing"
        }
    }
}

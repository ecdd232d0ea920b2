#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the daemon answers to `status` on its control socket: written by the daemon, read by
/// iictl, one `Codable` type for both so that neither side can misspell a field. Times are
/// ISO 8601 text in the configured zone, as everywhere else iid writes them.
///
/// Machine state (this and the delivery ledger) is JSON through `JSONEncoder`/`JSONDecoder`:
/// typed, with snake_case keys, and small. Only the event log, read at every start in bulk, has
/// its own byte-level reader (`JSONLineReader`).
public struct DaemonStatus: Codable, Equatable, Sendable {
    public struct Next: Codable, Equatable, Sendable {
        public var task: String
        public var kind: TaskKind
        public var contact: String
        public var title: String
        public var at: String
        public var channels: [Channel]

        public init(task: String, kind: TaskKind, contact: String, title: String, at: String, channels: [Channel]) {
            self.task = task
            self.kind = kind
            self.contact = contact
            self.title = title
            self.at = at
            self.channels = channels
        }
    }

    public struct ChannelState: Codable, Equatable, Sendable {
        public var lastDelivery: String?
        public var lastError: String?
        public var lastErrorAt: String?
        /// Deliveries on this channel waiting for their next try.
        public var retrying: Int

        public init(
            lastDelivery: String? = nil, lastError: String? = nil, lastErrorAt: String? = nil, retrying: Int = 0
        ) {
            self.lastDelivery = lastDelivery
            self.lastError = lastError
            self.lastErrorAt = lastErrorAt
            self.retrying = retrying
        }
    }

    /// A device sharing the events folder, as this daemon has seen it.
    public struct Device: Codable, Equatable, Sendable {
        public var name: String
        /// The newest change to its files in the folder.
        public var lastWrite: String?
        /// The device this daemon runs on.
        public var this: Bool

        public init(name: String, lastWrite: String?, this: Bool) {
            self.name = name
            self.lastWrite = lastWrite
            self.this = this
        }

        enum CodingKeys: String, CodingKey {
            case name, this
            case lastWrite = "last_write"
        }
    }

    public var pid: Int32
    public var since: String
    public var config: String?
    public var configError: String?
    /// As configured (Foundation would name `UTC` `GMT`).
    public var timezone: String
    public var eventsDir: String
    public var events: Int
    public var contacts: Int
    public var pending: Int
    public var overdue: Int
    /// The next reminder to be sent for the first time.
    public var next: Next?
    /// The next time the daemon wakes (a reminder or a retry).
    public var nextWake: String?
    public var lastReactionMs: Double?
    public var inFlight: Int
    public var deliveredTotal: Int
    public var channels: [Channel: ChannelState]
    /// The one-line summary systemd shows.
    public var status: String
    /// This device's name, and every device seen in the events folder (absent from older daemons).
    public var device: String?
    public var devices: [Device]?
    /// Where push messages go, scheme and host only (the URLs hold secrets).
    public var pushTo: String?
    /// When the next weekly digest goes, and where; nil with the digest off.
    public var nextDigest: String?
    public var digestVia: [Channel]?
    /// The mail the daemon reads; nil with mail off.
    public var mail: Mail?

    /// The person's mail as the daemon last read it.
    public struct Mail: Codable, Equatable, Sendable {
        /// Folders under the roots, each watched.
        public var folders: Int
        public var lastRead: String?
        /// A read is under way (the first one may take a while).
        public var reading: Bool
        /// Messages kept in the state, by verdict (`replied`, `list`, `nothing`…).
        public var counts: [String: Int]
        /// "jane@acme.example bounced: check the address".
        public var bounces: [String]
        /// Why the mail is not read, if it is not.
        public var problem: String?
        /// Answers in a thread from someone else that may be the contact's (`MailSuggestion.line`),
        /// as `iictl pending` lists them. Optional: a daemon from before them sends none.
        public var suggestions: [String]?

        public init(
            folders: Int, lastRead: String?, reading: Bool, counts: [String: Int], bounces: [String],
            problem: String?, suggestions: [String]? = nil
        ) {
            (self.folders, self.lastRead, self.reading) = (folders, lastRead, reading)
            (self.counts, self.bounces, self.problem) = (counts, bounces, problem)
            self.suggestions = suggestions
        }

        enum CodingKeys: String, CodingKey {
            case folders, reading, counts, bounces, problem, suggestions
            case lastRead = "last_read"
        }
    }

    public init(
        pid: Int32, since: String, config: String?, configError: String?, timezone: String, eventsDir: String,
        events: Int, contacts: Int, pending: Int, overdue: Int, next: Next?, nextWake: String?,
        lastReactionMs: Double?, inFlight: Int, deliveredTotal: Int, channels: [Channel: ChannelState],
        status: String, device: String? = nil, devices: [Device]? = nil, pushTo: String? = nil,
        nextDigest: String? = nil, digestVia: [Channel]? = nil, mail: Mail? = nil
    ) {
        self.pid = pid
        self.since = since
        self.config = config
        self.configError = configError
        self.timezone = timezone
        self.eventsDir = eventsDir
        self.events = events
        self.contacts = contacts
        self.pending = pending
        self.overdue = overdue
        self.next = next
        self.nextWake = nextWake
        self.lastReactionMs = lastReactionMs
        self.inFlight = inFlight
        self.deliveredTotal = deliveredTotal
        self.channels = channels
        self.status = status
        self.device = device
        self.devices = devices
        self.pushTo = pushTo
        self.nextDigest = nextDigest
        self.digestVia = digestVia
        self.mail = mail
    }

    enum CodingKeys: String, CodingKey {
        case pid, since, config, timezone, events, contacts, pending, overdue, next, channels, status, device, devices
        case mail
        case configError = "config_error"
        case eventsDir = "events_dir"
        case nextWake = "next_wake"
        case lastReactionMs = "last_reaction_ms"
        case inFlight = "in_flight"
        case deliveredTotal = "delivered_total"
        case pushTo = "push_to"
        case nextDigest = "next_digest"
        case digestVia = "digest_via"
    }

    /// One line of JSON, keys sorted, so that the answer is stable to read and to compare.
    public func encoded() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .useDefaultKeys
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func decode(_ text: String) throws -> DaemonStatus {
        try JSONDecoder().decode(DaemonStatus.self, from: Data(text.utf8))
    }
}

extension DaemonStatus.Next {
    enum CodingKeys: String, CodingKey { case task, kind, contact, title, at, channels }
}

extension DaemonStatus.ChannelState {
    enum CodingKeys: String, CodingKey {
        case retrying
        case lastDelivery = "last_delivery"
        case lastError = "last_error"
        case lastErrorAt = "last_error_at"
    }
}

/// Channels name the members of `DaemonStatus.channels` (an object, not an array of pairs).
extension Channel: CodingKeyRepresentable {}

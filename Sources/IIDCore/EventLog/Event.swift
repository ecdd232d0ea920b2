#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What happened with a contact; one line of the event log.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case added, updated, requested, scheduled, confirmed, held, thanked, cancelled, note, question, done, snoozed
    /// Takes back the event named by `retracts` (`iictl undo`): the log stays append-only.
    case retracted
    /// They answered a request (or any message): the follow-ups stop, keep-in-touch starts over.
    case replied
    /// They said no to the open request: no more tasks for it.
    case declined
    /// You acted on the contact's advice, what you did in `text` (required): they are owed a
    /// report on what came of it (`report-back`). Not an interaction with them: the report is.
    case acted
    /// An organisation put on the employer list: its `contact` is `org:` and the organisation's
    /// id, its `name` and `industry` are the organisation's, with `motivation`, `postings` and a
    /// note in `text`. The planner passes over the three `org_` kinds: organisations have no tasks.
    case orgAdded = "org_added"
    /// What changed about an organisation: the fields it carries, as `updated` for a person.
    case orgUpdated = "org_updated"
    /// A name joined to an organisation by hand (`alias`), or taken from it again (`split`).
    case orgAlias = "org_alias"

    /// The three kinds that speak of an organisation rather than a person.
    public var isOrganisation: Bool { self == .orgAdded || self == .orgUpdated || self == .orgAlias }
}

/// What a `cancelled` event ends: the upcoming meeting (or, with none, the open request), or the
/// whole contact, who is archived.
public enum CancelScope: String, Sendable, CaseIterable {
    case meeting, contact
}

/// One recorded event. The log is the source of truth: every task is derived from these.
///
/// A value type stored in one shared box (copy on write): the planner sorts and groups events by
/// contact, and copying a pointer instead of twenty fields keeps that cheap in time and memory.
@dynamicMemberLookup
public struct Event: Hashable, Sendable {
    private final class Storage: @unchecked Sendable {
        var id: String
        var at: Date
        var type: EventType
        var contact: String
        /// Only `added` and `updated` carry details: the other nine in ten events keep one empty
        /// pointer instead of ten empty strings' worth of room (150 bytes an event in the daemon).
        /// Never changed in place: a new value is a new box, so copies of the storage may share it.
        var detailsBox: Box<ContactDetails>?
        var text: String?
        var task: String?
        /// The keys only a few types carry (`Extras`), boxed as the details are: an event was
        /// 300 bytes with them in line, and the daemon keeps every event of the log.
        var extras: Box<Extras>?
        /// One pointer, not a string's two words: 100,000 events in the daemon carry it, and the
        /// events from mail, most of those that have one, share one box.
        var origin: Box<String>?
        /// `source`, in three fields rather than a `SourceLocation?` (40 bytes with its padding).
        var sourceFile: String?
        var sourceLine: Int32 = 0
        var sourceColumn: Int32 = -1

        init(id: String, at: Date, type: EventType, contact: String) {
            self.id = id
            self.at = at
            self.type = type
            self.contact = contact
        }

        func copy() -> Storage {
            let c = Storage(id: id, at: at, type: type, contact: contact)
            c.detailsBox = detailsBox
            c.text = text
            c.task = task
            c.extras = extras
            c.origin = origin
            c.sourceFile = sourceFile
            c.sourceLine = sourceLine
            c.sourceColumn = sourceColumn
            return c
        }
    }

    /// The keys of `scheduled`, `held`, `snoozed`, `cancelled`, `retracted` and the organisations'
    /// events: most events carry none of them.
    struct Extras: Equatable, Sendable {
        var start: Date?
        var minutes: Int?
        var place: String?
        var points: [String]?
        var until: Date?
        var scope: CancelScope?
        var retracts: String?
        var motivation: Int?
        var postings: Int?
        var alias: String?
        var split: String?
        static let none = Extras()
    }

    /// Changes the extras: a new box, or none when every key is gone. Setting a key to nil on an
    /// event without extras, as the decoder does for each absent key, allocates nothing.
    private mutating func editExtras(clearing: Bool, _ edit: (inout Extras) -> Void) {
        if clearing && storage.extras == nil { return }
        unique()
        var x = storage.extras?.value ?? Extras()
        edit(&x)
        storage.extras = x == .none ? nil : Box(x)
    }

    private var storage: Storage

    private mutating func unique() {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    }

    public var id: String {
        get { storage.id }
        set {
            unique()
            storage.id = newValue
        }
    }
    public var at: Date {
        get { storage.at }
        set {
            unique()
            storage.at = newValue
        }
    }
    public var type: EventType {
        get { storage.type }
        set {
            unique()
            storage.type = newValue
        }
    }
    public var contact: String {
        get { storage.contact }
        set {
            unique()
            storage.contact = newValue
        }
    }
    /// `added`, `updated`: who the contact is. Its fields read and write as the event's own
    /// (`event.org`), through `subscript(dynamicMember:)`.
    public var details: ContactDetails {
        get { storage.detailsBox?.value ?? ContactDetails() }
        set {
            unique()
            storage.detailsBox = newValue.isEmpty ? nil : Box(newValue)
        }
    }
    public subscript<T>(dynamicMember path: WritableKeyPath<ContactDetails, T>) -> T {
        get { details[keyPath: path] }
        set {
            unique()
            var d = details
            d[keyPath: path] = newValue
            storage.detailsBox = d.isEmpty ? nil : Box(d)
        }
    }
    // `scheduled`
    public var start: Date? {
        get { storage.extras?.value.start }
        set { editExtras(clearing: newValue == nil) { $0.start = newValue } }
    }
    public var minutes: Int? {
        get { storage.extras?.value.minutes }
        set { editExtras(clearing: newValue == nil) { $0.minutes = newValue } }
    }
    public var place: String? {
        get { storage.extras?.value.place }
        set { editExtras(clearing: newValue == nil) { $0.place = newValue } }
    }
    // `held`
    public var points: [String]? {
        get { storage.extras?.value.points }
        set { editExtras(clearing: newValue == nil) { $0.points = newValue } }
    }
    // `note`
    public var text: String? {
        get { storage.text }
        set {
            unique()
            storage.text = newValue
        }
    }
    // `done`, `snoozed`
    public var task: String? {
        get { storage.task }
        set {
            unique()
            storage.task = newValue
        }
    }
    public var until: Date? {
        get { storage.extras?.value.until }
        set { editExtras(clearing: newValue == nil) { $0.until = newValue } }
    }
    // `cancelled`
    public var scope: CancelScope? {
        get { storage.extras?.value.scope }
        set { editExtras(clearing: newValue == nil) { $0.scope = newValue } }
    }
    // `retracted`: the id of the event taken back.
    public var retracts: String? {
        get { storage.extras?.value.retracts }
        set { editExtras(clearing: newValue == nil) { $0.retracts = newValue } }
    }
    // `org_added`, `org_updated`: how much the person wants to work there (1-5) and how many
    // openings it advertises that fit (0-3), the M and P of a LAMP list.
    public var motivation: Int? {
        get { storage.extras?.value.motivation }
        set { editExtras(clearing: newValue == nil) { $0.motivation = newValue } }
    }
    public var postings: Int? {
        get { storage.extras?.value.postings }
        set { editExtras(clearing: newValue == nil) { $0.postings = newValue } }
    }
    // `org_alias`: the name joined to the organisation, or the one taken from it.
    public var alias: String? {
        get { storage.extras?.value.alias }
        set { editExtras(clearing: newValue == nil) { $0.alias = newValue } }
    }
    public var split: String? {
        get { storage.extras?.value.split }
        set { editExtras(clearing: newValue == nil) { $0.split = newValue } }
    }
    /// Where the event came from, the log's `source` key: `mail` for one recorded from the person's
    /// mail, nil for one typed. A short lowercase word (`EventOrigin.isValid`); a word this version
    /// does not know is kept and shown, as a newer version may record from elsewhere.
    public var origin: String? {
        get { storage.origin?.value }
        set {
            unique()
            storage.origin = newValue.map { $0 == EventOrigin.mail ? EventOrigin.mailBox : Box($0) }
        }
    }
    /// Where the event was read from, for messages; not part of the event.
    public var source: SourceLocation? {
        get {
            storage.sourceFile.map {
                SourceLocation(
                    file: $0, line: Int(storage.sourceLine),
                    column: storage.sourceColumn < 0 ? nil : Int(storage.sourceColumn))
            }
        }
        set {
            unique()
            storage.sourceFile = newValue?.file
            storage.sourceLine = Int32(clamping: newValue?.line ?? 0)
            storage.sourceColumn = Int32(clamping: newValue?.column ?? -1)
        }
    }

    public init(id: String, at: Date, type: EventType, contact: String) {
        storage = Storage(id: id, at: at, type: type, contact: contact)
    }

    public static func == (a: Event, b: Event) -> Bool {
        a.storage === b.storage || (a.id == b.id && a.details == b.details && a.storedFields == b.storedFields)
    }
    public func hash(into h: inout Hasher) { h.combine(id) }

    private var storedFields: [String] {
        [
            "\(at.timeIntervalSince1970)", type.rawValue, contact, "\(start?.timeIntervalSince1970 ?? -1)",
            "\(minutes ?? -1)", place ?? "",
            (points ?? []).joined(separator: "\u{1}"), text ?? "", task ?? "",
            "\(until?.timeIntervalSince1970 ?? -1)", scope?.rawValue ?? "", retracts ?? "",
            "\(motivation ?? -1)", "\(postings ?? -1)", alias ?? "", split ?? "",
            origin ?? "",
        ]
    }
}

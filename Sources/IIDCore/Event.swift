import Foundation

/// What happened with a contact; one line of the event log.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case added, updated, requested, scheduled, confirmed, held, thanked, cancelled, note, question, done, snoozed
}

/// One recorded event. The log is the source of truth: every task is derived from these.
///
/// A value type stored in one shared box (copy on write): the planner sorts and groups events by
/// contact, and copying a pointer instead of twenty fields keeps that cheap in time and memory.
public struct Event: Hashable, Sendable {
    private final class Storage: @unchecked Sendable {
        var id: String
        var at: Date
        var type: EventType
        var contact: String
        var name: String?
        var org: String?
        var industry: String?
        var email: String?
        var phone: String?
        var address: String?
        var url: String?
        var position: String?
        var start: Date?
        var minutes: Int?
        var place: String?
        var points: [String]?
        var text: String?
        var task: String?
        var until: Date?
        var scope: String?
        var source: SourceLocation?

        init(id: String, at: Date, type: EventType, contact: String) {
            self.id = id
            self.at = at
            self.type = type
            self.contact = contact
        }

        func copy() -> Storage {
            let c = Storage(id: id, at: at, type: type, contact: contact)
            c.name = name
            c.org = org
            c.industry = industry
            c.email = email
            c.phone = phone
            c.address = address
            c.url = url
            c.position = position
            c.start = start
            c.minutes = minutes
            c.place = place
            c.points = points
            c.text = text
            c.task = task
            c.until = until
            c.scope = scope
            c.source = source
            return c
        }
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
    // `added`
    public var name: String? {
        get { storage.name }
        set {
            unique()
            storage.name = newValue
        }
    }
    public var org: String? {
        get { storage.org }
        set {
            unique()
            storage.org = newValue
        }
    }
    public var industry: String? {
        get { storage.industry }
        set {
            unique()
            storage.industry = newValue
        }
    }
    public var email: String? {
        get { storage.email }
        set {
            unique()
            storage.email = newValue
        }
    }
    public var phone: String? {
        get { storage.phone }
        set {
            unique()
            storage.phone = newValue
        }
    }
    /// A postal address, lines separated by newlines.
    public var address: String? {
        get { storage.address }
        set {
            unique()
            storage.address = newValue
        }
    }
    /// A profile URL (LinkedIn or similar).
    public var url: String? {
        get { storage.url }
        set {
            unique()
            storage.url = newValue
        }
    }
    public var position: String? {
        get { storage.position }
        set {
            unique()
            storage.position = newValue
        }
    }
    // `scheduled`
    public var start: Date? {
        get { storage.start }
        set {
            unique()
            storage.start = newValue
        }
    }
    public var minutes: Int? {
        get { storage.minutes }
        set {
            unique()
            storage.minutes = newValue
        }
    }
    public var place: String? {
        get { storage.place }
        set {
            unique()
            storage.place = newValue
        }
    }
    // `held`
    public var points: [String]? {
        get { storage.points }
        set {
            unique()
            storage.points = newValue
        }
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
        get { storage.until }
        set {
            unique()
            storage.until = newValue
        }
    }
    // `cancelled`: `meeting` or `contact`
    public var scope: String? {
        get { storage.scope }
        set {
            unique()
            storage.scope = newValue
        }
    }
    /// Where the event was read from, for messages; not part of the event.
    public var source: SourceLocation? {
        get { storage.source }
        set {
            unique()
            storage.source = newValue
        }
    }

    public init(id: String, at: Date, type: EventType, contact: String) {
        storage = Storage(id: id, at: at, type: type, contact: contact)
    }

    public static func == (a: Event, b: Event) -> Bool {
        a.storage === b.storage || (a.id == b.id && a.storedFields == b.storedFields)
    }
    public func hash(into h: inout Hasher) { h.combine(id) }

    private var storedFields: [String] {
        [
            "\(at.timeIntervalSince1970)", type.rawValue, contact, name ?? "", org ?? "", industry ?? "",
            email ?? "", phone ?? "", address ?? "", url ?? "", position ?? "", "\(start?.timeIntervalSince1970 ?? -1)",
            "\(minutes ?? -1)", place ?? "",
            (points ?? []).joined(separator: "\u{1}"), text ?? "", task ?? "",
            "\(until?.timeIntervalSince1970 ?? -1)", scope ?? "",
        ]
    }
}

/// A place in a file: `file:line[:column]`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}

/// A problem found in user data: reported, and the rest is still read.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }
    public var severity: Severity
    public var location: SourceLocation?
    public var message: String
    public init(_ severity: Severity, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
    }
    public var description: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }
}

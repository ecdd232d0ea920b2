import Foundation

/// What happened with a contact; one line of the event log.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case added, updated, requested, scheduled, confirmed, held, thanked, cancelled, note, question, done, snoozed
}

/// One recorded event. The log is the source of truth: every task is derived from these.
public struct Event: Hashable, Sendable {
    public var id: String
    public var at: Date
    public var type: EventType
    public var contact: String

    // `added`
    public var name: String?
    public var org: String?
    public var industry: String?
    public var email: String?
    public var phone: String?
    /// A postal address, lines separated by newlines.
    public var address: String?
    /// A profile URL (LinkedIn or similar).
    public var url: String?
    public var position: String?
    // `scheduled`
    public var start: Date?
    public var minutes: Int?
    public var place: String?
    // `held`
    public var points: [String]?
    // `note`
    public var text: String?
    // `done`, `snoozed`
    public var task: String?
    public var until: Date?
    // `cancelled`: `meeting` or `contact`
    public var scope: String?

    /// Where the event was read from, for messages; not part of the event.
    public var source: SourceLocation?

    public init(id: String, at: Date, type: EventType, contact: String) {
        self.id = id
        self.at = at
        self.type = type
        self.contact = contact
    }

    public static func == (a: Event, b: Event) -> Bool { a.id == b.id && a.storedFields == b.storedFields }
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

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The event log's line format: one JSON object per line (JSON Lines).
///
/// Required: `id`, `at` (RFC 3339 with offset), `type`, `contact`. Other keys depend on the type.
/// Unknown keys are ignored, so that other tools may add their own.
public enum EventCoding {
    /// One line of JSON for `event`, timestamps written in `zone`; no trailing newline.
    public static func encode(_ event: Event, zone: TZifZone) -> String {
        var pairs: [(String, Any)] = [
            ("id", event.id), ("at", Timestamp.format(event.at, in: zone)), ("type", event.type.rawValue),
            ("contact", event.contact),
        ]
        func add(_ key: String, _ value: Any?) { if let value { pairs.append((key, value)) } }
        // The contact's details come right after `contact`, in their declared order.
        let details = event.details
        for field in ContactDetails.Field.all { add(field.rawValue, details[field]) }
        add("start", event.start.map { Timestamp.format($0, in: zone) })
        add("minutes", event.minutes)
        add("place", event.place)
        add("points", event.points)
        add("text", event.text)
        add("task", event.task)
        add("until", event.until.map { Timestamp.format($0, in: zone) })
        add("scope", event.scope?.rawValue)
        add("retracts", event.retracts)
        add("motivation", event.motivation)
        add("postings", event.postings)
        add("alias", event.alias)
        add("split", event.split)
        add("source", event.origin)
        // Key order is fixed so that lines are readable and diffable.
        return "{" + pairs.map { "\(JSONText.quote($0.0)):\(JSONText.value($0.1))" }.joined(separator: ",") + "}"
    }

    /// Decodes one line. Throws a message that names the problem; the caller adds the location.
    public static func decode(line: Substring) throws(EventDecodingError) -> Event {
        var text = String(line)
        let result = text.withUTF8 { decode(utf8: $0) }
        return try result.get()
    }

    /// The keys of the event itself, each with its slot; the contact's details follow them.
    private enum Key: Int, CaseIterable {
        case id, at, type, contact, start, minutes, place, points, text, task, until, scope, retracts
        case motivation, postings, alias, split, source

        init?(_ name: String) {
            switch name {
            case "id": self = .id
            case "at": self = .at
            case "type": self = .type
            case "contact": self = .contact
            case "start": self = .start
            case "minutes": self = .minutes
            case "place": self = .place
            case "points": self = .points
            case "text": self = .text
            case "task": self = .task
            case "until": self = .until
            case "scope": self = .scope
            case "retracts": self = .retracts
            case "motivation": self = .motivation
            case "postings": self = .postings
            case "alias": self = .alias
            case "split": self = .split
            case "source": self = .source
            default: return nil
            }
        }
        var name: String { "\(self)" }
    }

    private static let keyCount = Key.allCases.count

    /// The slot of a key of either kind.
    private static func slot(_ name: String) -> Int? {
        if let key = Key(name) { return key.rawValue }
        guard let field = ContactDetails.Field(rawValue: name) else { return nil }
        return ContactDetails.Field.all.firstIndex(of: field).map { keyCount + $0 }
    }

    /// Decodes one line given as UTF-8 bytes, without its newline.
    public static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<Event, EventDecodingError> {
        // The slots on the stack: an array made and freed for every line was a tenth of the read.
        withUnsafeTemporaryAllocation(
            of: JSONLineReader.Value?.self, capacity: keyCount + ContactDetails.Field.all.count
        ) { values in
            values.initialize(repeating: nil)
            defer { values.deinitialize() }
            return decode(utf8: bytes, into: values)
        }
    }

    private static func decode(
        utf8 bytes: UnsafeBufferPointer<UInt8>, into values: UnsafeMutableBufferPointer<JSONLineReader.Value?>
    ) -> Result<Event, EventDecodingError> {
        let failure = JSONLineReader.members(of: bytes) { key, value in
            // A repeated key: the last one counts, as with most JSON readers.
            if let slot = slot(key) { values[slot] = value }
        }
        switch failure {
        case .syntax?:
            // Bytes that are not UTF-8 outside a string make the JSON invalid; name the real cause.
            if String(validating: bytes, as: UTF8.self) == nil {
                return .failure(EventDecodingError(.invalidUTF8, "not valid UTF-8"))
            }
            return .failure(EventDecodingError(.invalidJSON, "not valid JSON"))
        case .encoding?: return .failure(EventDecodingError(.invalidUTF8, "not valid UTF-8"))
        case .notObject?: return .failure(EventDecodingError(.notAnObject, "expected a JSON object"))
        case nil: break
        }
        do {
            return .success(try event(from: UnsafeBufferPointer(values)))
        } catch {
            return .failure(error)
        }
    }

    private static func event(from values: UnsafeBufferPointer<JSONLineReader.Value?>) throws(EventDecodingError)
        -> Event
    {
        // The name only for a message: a key's name is made by reflection, too slow for every line.
        func string(
            _ slot: Int, _ name: @autoclosure () -> String, required: Bool = false
        ) throws(EventDecodingError) -> String? {
            switch values[slot] {
            case nil, .null?:
                if required { throw EventDecodingError(.missingKey, "missing '\(name())'") }
                return nil
            case .string(let s)?: return s
            default: throw EventDecodingError(.notAString, "'\(name())' must be a string")
            }
        }
        func string(_ key: Key, required: Bool = false) throws(EventDecodingError) -> String? {
            try string(key.rawValue, key.name, required: required)
        }
        func time(_ key: Key, required: Bool = false) throws(EventDecodingError) -> Date? {
            guard let s = try string(key, required: required) else { return nil }
            guard let d = Timestamp.parse(s) else {
                throw EventDecodingError(.badTime, "'\(key.name)' must be an RFC 3339 time with offset, got '\(s)'")
            }
            return d
        }
        let id = try string(.id, required: true) ?? ""
        let at = try time(.at, required: true) ?? Date(timeIntervalSince1970: 0)
        let typeName = try string(.type, required: true) ?? ""
        guard let type = EventType(rawValue: typeName) else {
            throw EventDecodingError(.unknownType, "unknown type '\(typeName)'")
        }
        let contact = try string(.contact, required: true) ?? ""
        guard !id.isEmpty else { throw EventDecodingError(.emptyID, "'id' is empty") }
        if type.isOrganisation {
            guard OrgID.isValid(contact) else {
                throw EventDecodingError(.badContact, "'contact' of '\(typeName)' must be 'org:' and an id")
            }
        } else if !(ContactID.isValid(contact) || (type == .retracted && OrgID.isValid(contact))) {
            // An undo of an organisation's event names the organisation as the event did.
            throw EventDecodingError(.badContact, "'contact' must be a non-empty id without spaces or dots")
        }
        var event = Event(id: id, at: at, type: type, contact: contact)
        // Most events carry no details: they are left as they are, without a write.
        var details = ContactDetails()
        var hasDetails = false
        for (n, field) in ContactDetails.Field.all.enumerated() where values[keyCount + n] != nil {
            details[field] = try string(keyCount + n, field.rawValue)
            hasDetails = true
        }
        if hasDetails { event.details = details }
        event.start = try time(.start)
        switch values[Key.minutes.rawValue] {
        case nil, .null?: break
        case .number(let d)? where d.rounded() == d && d >= 1 && d <= 24 * 60: event.minutes = Int(d)
        default: throw EventDecodingError(.badMinutes, "'minutes' must be a whole number from 1 to 1440")
        }
        event.place = try string(.place)
        switch values[Key.points.rawValue] {
        case nil, .null?: break
        case .strings(let list)?: event.points = list
        default: throw EventDecodingError(.badPoints, "'points' must be a list of strings")
        }
        event.text = try string(.text)
        event.task = try string(.task)
        event.until = try time(.until)
        // Only `contact` archives; any other scope, as before there were two, cancels the meeting.
        event.scope = try string(.scope).flatMap(CancelScope.init(rawValue:))
        event.retracts = try string(.retracts)
        func score(_ key: Key, _ range: ClosedRange<Int>) throws(EventDecodingError) -> Int? {
            switch values[key.rawValue] {
            case nil, .null?: return nil
            case .number(let d)?
            where d.rounded() == d && d >= Double(range.lowerBound) && d <= Double(range.upperBound):
                return Int(d)
            default:
                throw EventDecodingError(
                    .badScore, "'\(key.name)' must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
        }
        event.motivation = try score(.motivation, OrgScores.motivation)
        event.postings = try score(.postings, OrgScores.postings)
        event.alias = try string(.alias)
        event.split = try string(.split)
        // Absent in a typed event and in logs older than the key; a word this version does not
        // know is kept, as a newer one may add sources, but never one that could carry text.
        if let origin = try string(.source) {
            guard EventOrigin.isValid(origin) else {
                throw EventDecodingError(
                    .badSource,
                    "'source' must be a short word: 1 to \(EventOrigin.maxLength) of a-z, 0-9 and '-', such as 'mail'")
            }
            event.origin = origin
        }
        switch type {
        case .added where event.name == nil: throw EventDecodingError(.missingField, "'added' needs 'name'")
        case .scheduled where event.start == nil: throw EventDecodingError(.missingField, "'scheduled' needs 'start'")
        case .question where event.text == nil: throw EventDecodingError(.missingField, "'question' needs 'text'")
        case .acted where event.text == nil: throw EventDecodingError(.missingField, "'acted' needs 'text'")
        case .done where event.task == nil: throw EventDecodingError(.missingField, "'done' needs 'task'")
        case .retracted where event.retracts == nil:
            throw EventDecodingError(.missingField, "'retracted' needs 'retracts'")
        case .snoozed where event.task == nil || event.until == nil:
            throw EventDecodingError(.missingField, "'snoozed' needs 'task' and 'until'")
        case .orgAdded where (event.name ?? "").isEmpty:
            throw EventDecodingError(.missingField, "'org_added' needs 'name'")
        case .orgAlias where (event.alias == nil) == (event.split == nil):
            throw EventDecodingError(.missingField, "'org_alias' needs 'alias' or 'split'")
        default: break
        }
        return event
    }
}

/// Why a line is not an event: `reason` for code, `message` for people.
public struct EventDecodingError: Error, Equatable {
    public enum Reason: Hashable, Sendable {
        case invalidUTF8, invalidJSON, notAnObject
        /// A required key (`id`, `at`, `type`, `contact`) is absent.
        case missingKey
        case notAString, badTime, unknownType, emptyID, badContact, badMinutes, badPoints
        /// `motivation` or `postings` out of its range, or not a whole number.
        case badScore
        /// `source` is not a short lowercase word (`EventOrigin.isValid`).
        case badSource
        /// A key the event's type needs (`added` needs `name`) is absent.
        case missingField
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }
}

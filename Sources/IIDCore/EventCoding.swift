import Foundation

/// The event log's line format: one JSON object per line (JSON Lines).
///
/// Required: `id`, `at` (RFC 3339 with offset), `type`, `contact`. Other keys depend on the type.
/// Unknown keys are ignored, so that other tools may add their own.
public enum EventCoding {
    /// One line of JSON for `event`, timestamps written in `zone`; no trailing newline.
    public static func encode(_ event: Event, zone: TimeZone) -> String {
        var pairs: [(String, Any)] = [
            ("id", event.id), ("at", Timestamp.format(event.at, in: zone)), ("type", event.type.rawValue),
            ("contact", event.contact),
        ]
        func add(_ key: String, _ value: Any?) { if let value { pairs.append((key, value)) } }
        add("name", event.name)
        add("org", event.org)
        add("industry", event.industry)
        add("email", event.email)
        add("phone", event.phone)
        add("address", event.address)
        add("url", event.url)
        add("position", event.position)
        add("start", event.start.map { Timestamp.format($0, in: zone) })
        add("minutes", event.minutes)
        add("place", event.place)
        add("points", event.points)
        add("text", event.text)
        add("task", event.task)
        add("until", event.until.map { Timestamp.format($0, in: zone) })
        add("scope", event.scope)
        // Key order is fixed so that lines are readable and diffable.
        return "{" + pairs.map { "\(JSONText.quote($0.0)):\(JSONText.value($0.1))" }.joined(separator: ",") + "}"
    }

    /// Decodes one line. Throws a message that names the problem; the caller adds the location.
    public static func decode(line: Substring) throws(EventDecodingError) -> Event {
        var text = String(line)
        let result = text.withUTF8 { decode(utf8: $0) }
        return try result.get()
    }

    /// The keys the format knows, each with its slot.
    private enum Key: Int, CaseIterable {
        case id, at, type, contact, name, org, industry, email, phone, address, url, position, start, minutes, place
        case points, text, task, until, scope

        init?(_ name: String) {
            switch name {
            case "id": self = .id
            case "at": self = .at
            case "type": self = .type
            case "contact": self = .contact
            case "name": self = .name
            case "org": self = .org
            case "industry": self = .industry
            case "email": self = .email
            case "phone": self = .phone
            case "address": self = .address
            case "url": self = .url
            case "position": self = .position
            case "start": self = .start
            case "minutes": self = .minutes
            case "place": self = .place
            case "points": self = .points
            case "text": self = .text
            case "task": self = .task
            case "until": self = .until
            case "scope": self = .scope
            default: return nil
            }
        }
        var name: String { "\(self)" }
    }

    /// Decodes one line given as UTF-8 bytes, without its newline.
    public static func decode(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Result<Event, EventDecodingError> {
        var values = [JSONLineReader.Value?](repeating: nil, count: Key.allCases.count)
        let failure = JSONLineReader.members(of: bytes) { key, value in
            // A repeated key: the last one counts, as with most JSON readers.
            if let slot = Key(key) { values[slot.rawValue] = value }
        }
        switch failure {
        case .syntax?:
            // Bytes that are not UTF-8 outside a string make the JSON invalid; name the real cause.
            if String(validating: bytes, as: UTF8.self) == nil {
                return .failure(EventDecodingError(message: "not valid UTF-8"))
            }
            return .failure(EventDecodingError(message: "not valid JSON"))
        case .encoding?: return .failure(EventDecodingError(message: "not valid UTF-8"))
        case .notObject?: return .failure(EventDecodingError(message: "expected a JSON object"))
        case nil: break
        }
        do {
            return .success(try event(from: values))
        } catch {
            return .failure(error)
        }
    }

    private static func event(from values: [JSONLineReader.Value?]) throws(EventDecodingError) -> Event {
        func string(_ key: Key, required: Bool = false) throws(EventDecodingError) -> String? {
            switch values[key.rawValue] {
            case nil, .null?:
                if required { throw EventDecodingError(message: "missing '\(key.name)'") }
                return nil
            case .string(let s)?: return s
            default: throw EventDecodingError(message: "'\(key.name)' must be a string")
            }
        }
        func time(_ key: Key, required: Bool = false) throws(EventDecodingError) -> Date? {
            guard let s = try string(key, required: required) else { return nil }
            guard let d = Timestamp.parse(s) else {
                throw EventDecodingError(message: "'\(key.name)' must be an RFC 3339 time with offset, got '\(s)'")
            }
            return d
        }
        let id = try string(.id, required: true) ?? ""
        let at = try time(.at, required: true) ?? Date(timeIntervalSince1970: 0)
        let typeName = try string(.type, required: true) ?? ""
        guard let type = EventType(rawValue: typeName) else {
            throw EventDecodingError(message: "unknown type '\(typeName)'")
        }
        let contact = try string(.contact, required: true) ?? ""
        guard !id.isEmpty else { throw EventDecodingError(message: "'id' is empty") }
        guard ContactID.isValid(contact) else {
            throw EventDecodingError(message: "'contact' must be a non-empty id without spaces or dots")
        }
        var event = Event(id: id, at: at, type: type, contact: contact)
        event.name = try string(.name)
        event.org = try string(.org)
        event.industry = try string(.industry)
        event.email = try string(.email)
        event.phone = try string(.phone)
        event.address = try string(.address)
        event.url = try string(.url)
        event.position = try string(.position)
        event.start = try time(.start)
        switch values[Key.minutes.rawValue] {
        case nil, .null?: break
        case .number(let d)? where d.rounded() == d && d >= 1 && d <= 24 * 60: event.minutes = Int(d)
        default: throw EventDecodingError(message: "'minutes' must be a whole number from 1 to 1440")
        }
        event.place = try string(.place)
        switch values[Key.points.rawValue] {
        case nil, .null?: break
        case .strings(let list)?: event.points = list
        default: throw EventDecodingError(message: "'points' must be a list of strings")
        }
        event.text = try string(.text)
        event.task = try string(.task)
        event.until = try time(.until)
        event.scope = try string(.scope)
        switch type {
        case .added where event.name == nil: throw EventDecodingError(message: "'added' needs 'name'")
        case .scheduled where event.start == nil: throw EventDecodingError(message: "'scheduled' needs 'start'")
        case .question where event.text == nil: throw EventDecodingError(message: "'question' needs 'text'")
        case .done where event.task == nil: throw EventDecodingError(message: "'done' needs 'task'")
        case .snoozed where event.task == nil || event.until == nil:
            throw EventDecodingError(message: "'snoozed' needs 'task' and 'until'")
        default: break
        }
        return event
    }
}

public struct EventDecodingError: Error, Equatable {
    public var message: String
}

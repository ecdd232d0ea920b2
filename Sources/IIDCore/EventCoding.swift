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
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [])
        } catch {
            throw EventDecodingError(message: "not valid JSON")
        }
        guard let dict = object as? [String: Any] else { throw EventDecodingError(message: "expected a JSON object") }
        func string(_ key: String, required: Bool = false) throws(EventDecodingError) -> String? {
            guard let raw = dict[key], !(raw is NSNull) else {
                if required { throw EventDecodingError(message: "missing '\(key)'") }
                return nil
            }
            guard let s = raw as? String else { throw EventDecodingError(message: "'\(key)' must be a string") }
            return s
        }
        func time(_ key: String, required: Bool = false) throws(EventDecodingError) -> Date? {
            guard let s = try string(key, required: required) else { return nil }
            guard let d = Timestamp.parse(s) else {
                throw EventDecodingError(message: "'\(key)' must be an RFC 3339 time with offset, got '\(s)'")
            }
            return d
        }
        let id = try string("id", required: true) ?? ""
        let at = try time("at", required: true) ?? Date(timeIntervalSince1970: 0)
        let typeName = try string("type", required: true) ?? ""
        guard let type = EventType(rawValue: typeName) else {
            throw EventDecodingError(message: "unknown type '\(typeName)'")
        }
        let contact = try string("contact", required: true) ?? ""
        guard !id.isEmpty else { throw EventDecodingError(message: "'id' is empty") }
        guard ContactID.isValid(contact) else {
            throw EventDecodingError(message: "'contact' must be a non-empty id without spaces or dots")
        }
        var event = Event(id: id, at: at, type: type, contact: contact)
        event.name = try string("name")
        event.org = try string("org")
        event.industry = try string("industry")
        event.email = try string("email")
        event.phone = try string("phone")
        event.address = try string("address")
        event.url = try string("url")
        event.position = try string("position")
        event.start = try time("start")
        if let m = dict["minutes"], !(m is NSNull) {
            guard let n = (m as? NSNumber)?.intValue, n > 0, n <= 24 * 60 else {
                throw EventDecodingError(message: "'minutes' must be a whole number from 1 to 1440")
            }
            event.minutes = n
        }
        event.place = try string("place")
        if let p = dict["points"], !(p is NSNull) {
            guard let list = p as? [String] else {
                throw EventDecodingError(message: "'points' must be a list of strings")
            }
            event.points = list
        }
        event.text = try string("text")
        event.task = try string("task")
        event.until = try time("until")
        event.scope = try string("scope")
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

/// Minimal JSON text output with a stable key order (JSONSerialization sorts or scrambles keys).
public enum JSONText {
    public static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Strings, numbers, booleans, nil (null), arrays and ordered objects (`[(String, Any?)]`).
    public static func value(_ v: Any?) -> String {
        switch v {
        case nil: return "null"
        case let s as String: return quote(s)
        case let b as Bool: return b ? "true" : "false"
        case let i as Int: return String(i)
        case let d as Double: return d.isFinite ? String(d) : "null"
        case let a as [String]: return "[" + a.map(quote).joined(separator: ",") + "]"
        case let a as [Any?]: return "[" + a.map(value).joined(separator: ",") + "]"
        case let o as [(String, Any?)]: return object(o)
        case let o as JSONObject: return object(o.pairs)
        default: return "null"
        }
    }

    public static func object(_ pairs: [(String, Any?)]) -> String {
        "{" + pairs.map { "\(quote($0.0)):\(value($0.1))" }.joined(separator: ",") + "}"
    }

    /// Objects pretty-printed with two-space indentation, for `--json` output people read too.
    public static func pretty(_ v: Any?, indent: String = "") -> String {
        let inner = indent + "  "
        switch v {
        case let a as [Any?] where !a.isEmpty:
            return "[\n" + a.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n\(indent)]"
        case let o as JSONObject where !o.pairs.isEmpty:
            return "{\n"
                + o.pairs.map { "\(inner)\(quote($0.0)): \(pretty($0.1, indent: inner))" }.joined(separator: ",\n")
                + "\n\(indent)}"
        case let o as JSONObject: return object(o.pairs)
        default: return value(v)
        }
    }
}

/// An ordered JSON object.
public struct JSONObject: @unchecked Sendable {
    public var pairs: [(String, Any?)]
    public init(_ pairs: [(String, Any?)]) { self.pairs = pairs }
}

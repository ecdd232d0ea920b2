import Foundation

/// Scheduled meetings as an iCalendar (RFC 5545) file: one VEVENT each, with a UID that stays the
/// same across exports and a SEQUENCE that grows when the meeting moves, so calendars update in place.
public struct ICalendar: Sendable {
    public var config: Config
    public var zone: TimeZone
    public var host: String

    public init(config: Config, zone: TimeZone, host: String = "iid.localhost") {
        self.config = config
        self.zone = zone
        self.host = host
    }

    public func document(_ contacts: [ContactRecord], stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//iid//informational interviews//EN", "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        for c in contacts where !c.archived {
            for m in c.meetings where m.number > 0 && m.minutes > 0 {
                lines += event(c, m, stamp: stamp)
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    func event(_ c: ContactRecord, _ m: Meeting, stamp: Date) -> [String] {
        var description = "Informational interview with \(c.label): about \(m.minutes) minutes."
        if !c.questions.isEmpty {
            description += "\nQuestions:\n" + c.questions.map { "- \($0)" }.joined(separator: "\n")
        }
        description += "\nNot a job interview: do not ask about openings. Ask permission to take notes."
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(c.id)-meeting-\(m.number)@\(host)",
            "DTSTAMP:\(Self.utc(stamp))",
            "DTSTART:\(Self.utc(m.start))",
            "DTEND:\(Self.utc(m.end))",
            "SEQUENCE:\(m.revisions)",
            "SUMMARY:\(Self.escape("Informational interview: \(c.label)"))",
            "DESCRIPTION:\(Self.escape(description))",
        ]
        if let place = m.place, !place.isEmpty { lines.append("LOCATION:\(Self.escape(place))") }
        if m.cancelled {
            lines.append("STATUS:CANCELLED")
        } else {
            lines.append(m.confirmed ? "STATUS:CONFIRMED" : "STATUS:TENTATIVE")
        }
        let brief = config.rule(.brief).offset
        let minutes = max(0, Int(brief.approximateSeconds / 60))
        lines += [
            "BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:\(Self.escape("Your brief for \(c.name)"))",
            "TRIGGER:-PT\(minutes)M", "END:VALARM", "END:VEVENT",
        ]
        return lines
    }

    /// `20261203T130000Z`.
    public static func utc(_ date: Date) -> String {
        let f = LocalTime.fields(of: date, in: TimeZone(identifier: "UTC") ?? .current)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", f.year, f.month, f.day, f.hour, f.minute, f.second)
    }

    /// TEXT escaping: backslash, semicolon, comma and newline.
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default: out.append(ch)
            }
        }
        return out
    }

    /// Lines longer than 75 octets folded with CRLF + space, never inside a character.
    public static func fold(_ line: String) -> String {
        var out = ""
        var count = 0
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > 75 {
                out += "\r\n "
                count = 1
            }
            out.append(ch)
            count += n
        }
        return out
    }
}

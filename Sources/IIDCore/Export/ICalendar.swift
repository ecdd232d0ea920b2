#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Scheduled meetings as iCalendar (RFC 5545) text: one VEVENT each, with a UID that stays the
/// same across exports and a SEQUENCE that grows when the meeting moves, so calendars update in
/// place. `iictl export ics` writes one file of them; the calendar folder (`CalendarItems`) writes
/// one item per file with the same events and more alarms, through the same writer.
public struct ICalendar: Sendable {
    public var config: Config
    public var zone: TZifZone
    public var host: String

    public init(config: Config, zone: TZifZone, host: String = "iid.localhost") {
        self.config = config
        self.zone = zone
        self.host = host
    }

    /// A VALARM: relative to the start (the export's one), or at an instant (the calendar folder's,
    /// at each reminder's own time); `acknowledged` once iid has delivered that reminder (RFC 9074),
    /// so that a client that honours it does not ring again.
    public struct Alarm: Equatable, Sendable {
        public enum Trigger: Equatable, Sendable {
            case beforeStart(minutes: Int)
            case at(Date)
        }
        public var uid: String?
        public var trigger: Trigger
        public var description: String
        public var acknowledged: Date?

        public init(uid: String? = nil, trigger: Trigger, description: String, acknowledged: Date? = nil) {
            self.uid = uid
            self.trigger = trigger
            self.description = description
            self.acknowledged = acknowledged
        }

        public var lines: [String] {
            var out = ["BEGIN:VALARM"]
            if let uid { out.append("UID:\(ICalendar.escape(uid))") }
            out += ["ACTION:DISPLAY", "DESCRIPTION:\(ICalendar.escape(description))"]
            switch trigger {
            case .beforeStart(let minutes): out.append("TRIGGER:-PT\(minutes)M")
            case .at(let date): out.append("TRIGGER;VALUE=DATE-TIME:\(ICalendar.utc(date))")
            }
            if let acknowledged { out.append("ACKNOWLEDGED:\(ICalendar.utc(acknowledged))") }
            out.append("END:VALARM")
            return out
        }
    }

    public func document(_ contacts: [ContactRecord], stamp: Date) -> String {
        var lines: [String] = []
        let brief = config.rule(.brief).offset
        let minutes = max(0, Int(brief.approximateSeconds / 60))
        for c in contacts where !c.archived {
            for m in c.meetings where m.number > 0 && m.minutes > 0 {
                let alarm = Alarm(trigger: .beforeStart(minutes: minutes), description: "Your brief for \(c.name)")
                lines += event(c, m, stamp: stamp, sequence: m.revisions, alarms: [alarm])
            }
        }
        return Self.calendar(lines, method: "PUBLISH")
    }

    /// The text of a whole calendar around `components`' lines, folded, with CRLF. A calendar
    /// object on a CalDAV server must not carry METHOD, hence the choice.
    public static func calendar(_ components: [String], method: String?) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//iid//informational interviews//EN", "CALSCALE:GREGORIAN",
        ]
        if let method { lines.append("METHOD:\(method)") }
        lines += components
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// The meeting's stable UID, shared by the export and the calendar folder.
    public func meetingUID(contact: String, number: Int) -> String { "\(contact)-meeting-\(number)@\(host)" }

    /// One VEVENT. `essentials` adds the brief's pitch and objectives to the description, for a
    /// phone that shows it at the alarm; `cancelled` covers an archived contact's meeting too.
    public func event(
        _ c: ContactRecord, _ m: Meeting, stamp: Date, sequence: Int, alarms: [Alarm], essentials: Bool = false,
        cancelled: Bool? = nil, extra: [String] = []
    ) -> [String] {
        var description = "Informational interview with \(c.label): about \(m.minutes) minutes."
        if essentials, !config.me.pitch.isEmpty { description += "\nYour 15 seconds: \(config.me.pitch)" }
        if essentials, !config.me.objectives.isEmpty {
            description += "\nObjectives: \(config.me.objectives.joined(separator: "; "))."
        }
        if !c.questions.isEmpty {
            description += "\nQuestions:\n" + c.questions.map { "- \($0)" }.joined(separator: "\n")
        }
        description += "\nNot a job interview: do not ask about openings. Ask permission to take notes."
        if essentials { description += "\nPreparation sheet: iictl prep \(c.id)" }
        var lines = [
            "BEGIN:VEVENT",
            "UID:\(Self.escape(meetingUID(contact: c.id, number: m.number)))",
            "DTSTAMP:\(Self.utc(stamp))",
            "DTSTART:\(Self.utc(m.start))",
            "DTEND:\(Self.utc(m.end))",
            "SEQUENCE:\(sequence)",
            "SUMMARY:\(Self.escape("Informational interview: \(c.label)"))",
            "DESCRIPTION:\(Self.escape(description))",
        ]
        if let place = m.place, !place.isEmpty { lines.append("LOCATION:\(Self.escape(place))") }
        if cancelled ?? m.cancelled {
            lines.append("STATUS:CANCELLED")
        } else {
            lines.append(m.confirmed ? "STATUS:CONFIRMED" : "STATUS:TENTATIVE")
        }
        lines += extra
        for alarm in alarms { lines += alarm.lines }
        lines.append("END:VEVENT")
        return lines
    }

    /// `20261203T130000Z`.
    public static func utc(_ date: Date) -> String {
        let f = LocalTime.fields(of: date, in: TZifZone.utc)
        return Digits.padded(f.year, 4) + Digits.padded(f.month, 2) + Digits.padded(f.day, 2) + "T"
            + Digits.padded(f.hour, 2)
            + Digits.padded(f.minute, 2) + Digits.padded(f.second, 2) + "Z"
    }

    /// TEXT escaping: backslash, semicolon, comma and newline; other control characters, which
    /// RFC 5545 does not allow in a value (and a CR or LF would end the line), are dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            case "\t": out += " "
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
                out.unicodeScalars.append(u)
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

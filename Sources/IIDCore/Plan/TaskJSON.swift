#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The JSON shapes of `--json` output. Fields are never removed or renamed once released; unknown
/// values are `null`, never absent.
public enum TaskJSON {
    public static func task(_ t: PendingTask, now: Date, zone: TZifZone) -> JSONObject {
        JSONObject([
            ("id", t.id),
            ("contact", t.contact),
            ("contact_name", t.contactName),
            ("kind", t.kind.rawValue),
            ("state", t.state(at: now).rawValue),
            ("title", t.title),
            ("due", Timestamp.format(t.due, in: zone)),
            ("remind_at", Timestamp.format(t.remindAt, in: zone)),
            ("snoozed_until", t.snoozedUntil.flatMap { now < $0 ? Timestamp.format($0, in: zone) : nil }),
            ("meeting", t.meeting.map { meeting($0, zone: zone) }),
            ("step", t.kind == .followUp ? t.step : nil),
            ("steps", t.kind == .followUp ? t.steps : nil),
            ("referred", t.referred),
            ("advice", t.isAdviceReport ? t.advice : nil),
        ])
    }

    /// One event as `iictl log --json` and `show --json` (`from_mail`) give it: what it records,
    /// the `task` and `text` it carries, and `source` (`mail`, or null for one typed).
    public static func event(_ e: Event, zone: TZifZone) -> JSONObject {
        JSONObject([
            ("id", e.id),
            ("at", Timestamp.format(e.at, in: zone)),
            ("type", e.type.rawValue),
            ("contact", e.contact),
            ("task", e.task),
            ("text", e.text),
            ("source", e.origin),
        ])
    }

    public static func meeting(_ m: Meeting, zone: TZifZone) -> JSONObject {
        JSONObject([
            ("number", m.number),
            ("start", Timestamp.format(m.start, in: zone)),
            ("minutes", m.minutes),
            ("place", m.place),
            ("confirmed", m.confirmed),
            ("held", m.held),
            ("points", m.points),
            ("thanked", m.thankedAt.map { Timestamp.format($0, in: zone) }),
            ("cancelled", m.cancelled),
        ])
    }

    /// `referrals`: the ids of the contacts this one suggested, in the order they were added;
    /// `label`: how they answer (`Responsiveness`), null while nothing says.
    public static func contact(
        _ c: ContactRecord, tasks: [PendingTask], referrals: [String] = [], label: Responsiveness? = nil, now: Date,
        zone: TZifZone
    ) -> JSONObject {
        // The name shown, which falls back to the id, and then the other details as the log has them.
        var pairs: [(String, Any?)] = [("id", c.id), ("name", c.name)]
        for field in ContactDetails.Field.all where field != .name { pairs.append((field.rawValue, c.details[field])) }
        return JSONObject(
            pairs + [
                ("questions", c.questions),
                ("stage", c.stage(at: now).rawValue),
                ("label", label?.rawValue),
                ("referrals", referrals as [Any?]),
                ("follow_ups_sent", c.followUpsSent.map { Timestamp.format($0, in: zone) } as [Any?]),
                ("notes", c.notes),
                (
                    "acted",
                    c.advice.map { JSONObject([("at", Timestamp.format($0.at, in: zone)), ("text", $0.text)]) }
                        as [Any?]
                ),
                ("last_interaction", c.lastInteraction.map { Timestamp.format($0, in: zone) }),
                ("meetings", c.meetings.map { meeting($0, zone: zone) } as [Any?]),
                ("tasks", tasks.map { task($0, now: now, zone: zone) } as [Any?]),
            ])
    }
}

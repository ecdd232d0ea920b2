#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The JSON shapes of `--json` output. Fields are never removed or renamed once released; unknown
/// values are `null`, never absent.
public enum TaskJSON {
    public static func task(_ t: PendingTask, now: Date, zone: TZifZone) -> JSONObject {
        var pairs = JSONPairs()
        fields(of: t, now: now, zone: zone, into: &pairs)
        return JSONObject(pairs.pairs)
    }

    /// `tasks` as `JSONText.prettyBytes` writes a list of `task(_:now:zone:)`, byte for byte,
    /// without making the objects: for `iictl pending --json`, where building 16,000 objects of
    /// `Any` and casting each value back took a seventh of the run.
    public static func prettyBytes(_ tasks: [PendingTask], now: Date, zone: TZifZone) -> [UInt8] {
        let sink = JSONPrettyObject.Sink()
        sink.out.reserveCapacity(tasks.count * 400 + 2)
        sink.out.append(0x5B)
        for (n, t) in tasks.enumerated() {
            if n > 0 { sink.out.append(0x2C) }
            JSONText.newline(1, into: &sink.out)
            var object = JSONPrettyObject(sink, indent: 1)
            fields(of: t, now: now, zone: zone, into: &object)
            object.close()
        }
        if !tasks.isEmpty { JSONText.newline(0, into: &sink.out) }
        sink.out.append(0x5D)
        return sink.out
    }

    /// A task's fields, in their order, said once for both ways of writing them.
    static func fields<W: JSONFields>(of t: PendingTask, now: Date, zone: TZifZone, into w: inout W) {
        w.string("id", t.id)
        w.string("contact", t.contact)
        w.string("contact_name", t.contactName)
        w.string("kind", t.kind.rawValue)
        w.string("state", t.state(at: now).rawValue)
        w.string("title", t.title)
        w.string("due", Timestamp.format(t.due, in: zone))
        w.string("remind_at", Timestamp.format(t.remindAt, in: zone))
        w.string("snoozed_until", t.snoozedUntil.flatMap { now < $0 ? Timestamp.format($0, in: zone) : nil })
        w.object("meeting", t.meeting.map { m in { meetingFields(of: m, zone: zone, into: &$0) } })
        w.int("step", t.kind == .followUp ? t.step : nil)
        w.int("steps", t.kind == .followUp ? t.steps : nil)
        w.string("referred", t.referred)
        w.strings("advice", t.isAdviceReport ? t.advice : nil)
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
        var pairs = JSONPairs()
        meetingFields(of: m, zone: zone, into: &pairs)
        return JSONObject(pairs.pairs)
    }

    static func meetingFields<W: JSONFields>(of m: Meeting, zone: TZifZone, into w: inout W) {
        w.int("number", m.number)
        w.string("start", Timestamp.format(m.start, in: zone))
        w.int("minutes", m.minutes)
        w.string("place", m.place)
        w.bool("confirmed", m.confirmed)
        w.bool("held", m.held)
        w.strings("points", m.points)
        w.string("thanked", m.thankedAt.map { Timestamp.format($0, in: zone) })
        w.bool("cancelled", m.cancelled)
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

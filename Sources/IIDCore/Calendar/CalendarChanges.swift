#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What a change to one of iid's items in the calendar folder means, once vdirsyncer has
/// brought it from the server: a task completed on the phone is done; a meeting moved there
/// (its start or its length) is rescheduled, and its tasks move with it.
public enum CalendarChange: Equatable, Sendable {
    case done(task: String, at: Date)
    case moved(contact: String, start: Date, minutes: Int)
    /// Seen and deliberately not recorded, with the reason for the log.
    case ignored(String)
}

/// Reads changed items back; pure, with the open tasks and the contacts looked up through closures.
public struct CalendarChanges: Sendable {
    public var items: CalendarItems
    /// The zone a TZID names, when it is not the configured one: the system layer reads the files.
    public var zones: @Sendable (String) -> TZifZone?

    public init(items: CalendarItems, zones: @escaping @Sendable (String) -> TZifZone? = { _ in nil }) {
        self.items = items
        self.zones = zones
    }

    /// The change `text` describes against the plan, or nil when it says what the plan says (iid's
    /// own write, seen again), is stale (written before iid last moved the meeting, or a task
    /// iid itself marked finished), or is not iid's.
    public func change(
        in text: String, now: Date, task: (String) -> PendingTask?, contact: (String) -> ContactRecord?
    ) -> CalendarChange? {
        guard let root = CalendarText.parse(text) else { return nil }
        let zone = items.ics.zone
        if let todo = root.find("VTODO") {
            guard let uid = todo.value("UID").map(CalendarText.unescape), let id = local(uid),
                let t = task(id)
            else { return nil }
            let completed = todo.value("STATUS")?.uppercased() == "COMPLETED" || todo.first("COMPLETED") != nil
            // Marked finished by iid itself (a confirm task once confirmed): not the phone's word,
            // and stale when the task has come back since (the meeting moved while iid was stopped).
            guard completed, todo.first("X-IID-CLOSED") == nil else { return nil }
            let at = todo.first("COMPLETED").flatMap { CalendarText.date($0, zone: zone, zones: zones) } ?? now
            return .done(task: t.id, at: min(at, now))
        }
        guard let event = root.find("VEVENT"), let uid = event.value("UID").map(CalendarText.unescape),
            let id = local(uid), let cut = id.ranges(of: "-meeting-").last,
            let number = Int(id[cut.upperBound...]), let c = contact(String(id[..<cut.lowerBound])),
            let m = c.upcomingMeeting, m.number == number
        else { return nil }
        if let revision = event.value("X-IID-REVISION").flatMap({ Int($0) }), revision < m.revisions { return nil }
        if event.value("STATUS")?.uppercased() == "CANCELLED" {
            return .ignored(
                "the meeting with \(c.name) was cancelled on the calendar; iid keeps it: cancel it with iictl cancel \(c.id)"
            )
        }
        guard let start = event.first("DTSTART").flatMap({ CalendarText.date($0, zone: zone, zones: zones) }) else {
            return nil
        }
        let end =
            event.first("DTEND").flatMap { CalendarText.date($0, zone: zone, zones: zones) }
            ?? event.value("DURATION").flatMap(CalendarText.duration).map { start.addingTimeInterval($0) }
        let minutes = end.map { Int(($0.timeIntervalSince(start) / 60).rounded()) } ?? m.minutes
        guard minutes > 0 else { return nil }
        if abs(start.timeIntervalSince(m.start)) < 1 && minutes == m.minutes { return nil }
        return .moved(contact: c.id, start: start, minutes: minutes)
    }

    /// The UID's part before `@host`, when the item is iid's.
    func local(_ uid: String) -> String? {
        let suffix = "@\(items.host)"
        guard uid.hasSuffix(suffix), uid.count > suffix.count else { return nil }
        return String(uid.dropLast(suffix.count))
    }

    /// The event to record for `change`, as `iictl done` or `iictl schedule` would write it.
    public static func event(for change: CalendarChange, id: String, now: Date) -> Event? {
        switch change {
        case .done(let task, let at):
            var e = Event(id: id, at: at, type: .done, contact: String(task.prefix { $0 != "." }))
            e.task = task
            return e
        case .moved(let contact, let start, let minutes):
            var e = Event(id: id, at: now, type: .scheduled, contact: contact)
            e.start = start
            e.minutes = minutes
            return e
        case .ignored: return nil
        }
    }
}

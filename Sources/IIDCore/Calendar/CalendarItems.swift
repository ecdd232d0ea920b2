#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One item of the calendar folder: a file with one VEVENT or VTODO.
public struct CalendarItem: Equatable, Sendable {
    public var fileName: String
    public var uid: String
    public var text: String
}

/// The plan as the calendar folder's items (a vdir, which khal, todoman and vdirsyncer share): a
/// VEVENT per meeting, with alarms at its homework, confirm and brief reminders, and a VTODO per
/// open task, with its due time and an alarm at its first reminder. Pure: the same plan, ledger
/// and `now` give the same items, so the folder can be brought up to date at any time and only
/// what changed is written (`revise`).
public struct CalendarItems: Sendable {
    public var ics: ICalendar
    public var host: String { ics.host }

    public init(config: Config, zone: TZifZone, host: String = "iid.localhost") {
        ics = ICalendar(config: config, zone: zone, host: host)
    }

    /// Every item, meetings first. `delivered` is the ledger's keys: a reminder iid has sent (or
    /// skipped as missed) carries ACKNOWLEDGED, so the phone does not ring for it again.
    public func items(contacts: [ContactRecord], tasks: [PendingTask], delivered: Set<String>, now: Date)
        -> [CalendarItem]
    {
        var prep: [String: [PendingTask]] = [:]
        for t in tasks where t.kind.countsBackward {
            if let m = t.meeting { prep[ics.meetingUID(contact: t.contact, number: m.number), default: []].append(t) }
        }
        var out: [CalendarItem] = []
        for c in contacts {
            for m in c.meetings where m.number > 0 && m.minutes > 0 {
                let uid = ics.meetingUID(contact: c.id, number: m.number)
                // An archived contact's meeting that had not happened will not: cancelled, not deleted.
                let cancelled = m.cancelled || (c.archived && !m.held && m.thankedAt == nil)
                let alarms = cancelled ? [] : (prep[uid] ?? []).map { alarm($0, delivered: delivered) }
                let lines = ics.event(
                    c, m, stamp: now, sequence: m.revisions, alarms: alarms, essentials: true, cancelled: cancelled,
                    extra: ["X-IID-REVISION:\(m.revisions)"])
                out.append(item(uid: uid, lines))
            }
        }
        let byID = Dictionary(contacts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for t in tasks {
            let c = byID[t.contact]
            let context = ReminderContext(task: t, contact: c, referrer: ReminderContext.referrer(of: c) { byID[$0] })
            out.append(item(uid: taskUID(t.id), todo(t, delivered: delivered, now: now, context: context)))
        }
        return out
    }

    public func taskUID(_ id: String) -> String { "\(id)@\(host)" }

    func item(uid: String, _ lines: [String]) -> CalendarItem {
        CalendarItem(fileName: Self.fileName(uid: uid), uid: uid, text: ICalendar.calendar(lines, method: nil))
    }

    func alarm(_ t: PendingTask, delivered: Set<String>) -> ICalendar.Alarm {
        let first = Reminder.of(t, rule: ics.config.rule(t.kind)).first { $0.slot == .first }
        let acknowledged = first.map { r in r.ledgerKeys.contains { delivered.contains($0) } } ?? false
        return ICalendar.Alarm(
            uid: "\(t.id)-alarm@\(host)", trigger: .at(t.remindAt), description: t.title,
            acknowledged: acknowledged ? t.remindAt : nil)
    }

    /// The task's VTODO; its description carries the task's context (`ReminderContext.lines`),
    /// escaped and folded as every line of the item is.
    func todo(_ t: PendingTask, delivered: Set<String>, now: Date, context: ReminderContext? = nil) -> [String] {
        var description = "Task \(t.id)."
        if let m = t.meeting {
            let place = m.place.map { $0.isEmpty ? "" : ", \($0)" } ?? ""
            description +=
                " Meeting \(Wording(zone: ics.zone).when(m.start, now: .distantPast)), \(m.minutes) min\(place)."
        }
        if t.isAdviceReport {
            // The title names the first piece only: the item is read without iid at hand.
            description += " Acted on their advice: " + t.advice.joined(separator: "; ") + "."
        }
        if let context {
            // Days named without `now`'s year check: an item must not change because a year turned.
            for line in context.lines(Wording(zone: ics.zone), now: .distantPast) { description += " " + line }
        }
        description += " Done on this device counts as iictl done \(t.id)."
        var lines = [
            "BEGIN:VTODO",
            "UID:\(ICalendar.escape(taskUID(t.id)))",
            "DTSTAMP:\(ICalendar.utc(now))",
            "SEQUENCE:0",
            "SUMMARY:\(ICalendar.escape(t.title))",
            "DESCRIPTION:\(ICalendar.escape(description))",
            "DUE:\(ICalendar.utc(t.due))",
            // A preparation task is moot once its meeting has begun.
            "STATUS:\(t.isExpired(at: now) ? "CANCELLED" : "NEEDS-ACTION")",
        ]
        if let m = t.meeting {
            lines.append("RELATED-TO:\(ICalendar.escape(ics.meetingUID(contact: t.contact, number: m.number)))")
        }
        if !t.isExpired(at: now) { lines += alarm(t, delivered: delivered).lines }
        lines.append("END:VTODO")
        return lines
    }

    /// `iid-` and the UID's local part, with anything but letters, digits, `-`, `_` and `.`
    /// percent-encoded: a contact id may hold any letter, a file name should not.
    public static func fileName(uid: String) -> String {
        let local = uid.split(separator: "@", maxSplits: 1).first.map(String.init) ?? uid
        var out = "iid-"
        for b in local.utf8 {
            switch b {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x5F, 0x2E: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += "%" + Digits.hex(b)
            }
        }
        return out + ".ics"
    }

    /// `new` to write over `old`, or nil when they say the same (DTSTAMP and SEQUENCE aside): an
    /// unchanged item is not rewritten, since vdirsyncer would upload it again. A changed one gets
    /// a SEQUENCE above the old one's, so every change is seen as one.
    public static func revise(_ new: String, over old: String?) -> String? {
        guard let old else { return new }
        func significant(_ text: String) -> [String] {
            CalendarText.unfold(text).filter { !$0.hasPrefix("DTSTAMP") && !$0.hasPrefix("SEQUENCE") }
        }
        guard significant(new) != significant(old) else { return nil }
        func sequence(_ text: String) -> Int? {
            CalendarText.unfold(text).first { $0.hasPrefix("SEQUENCE:") }.flatMap { Int($0.dropFirst(9)) }
        }
        guard let mine = sequence(new) else { return new }
        let next = max(mine, (sequence(old) ?? -1) + 1)
        return next == mine
            ? new : new.replacing("\r\nSEQUENCE:\(mine)\r\n", with: "\r\nSEQUENCE:\(next)\r\n")
    }

    /// A task's item once the task is no longer open: COMPLETED (done, confirmed, replaced), or
    /// CANCELLED when its meeting was cancelled. Nil when it already says so, or is no task: a
    /// finished task keeps its file, so the phone sees it ticked off rather than gone.
    /// An item of someone else's that happens to be named like iid's is left alone.
    public static func closing(_ text: String, now: Date, host: String = "iid.localhost", cancelled: (String) -> Bool)
        -> String?
    {
        var lines = CalendarText.unfold(text)
        guard let begin = lines.firstIndex(of: "BEGIN:VTODO"), let end = lines.firstIndex(of: "END:VTODO") else {
            return nil
        }
        let own = lines[begin..<end].prefix { $0 != "BEGIN:VALARM" }
        let props = own.compactMap(CalendarText.property)
        guard let uid = props.first(where: { $0.name == "UID" }), uid.value.hasSuffix("@\(host)") else { return nil }
        let status = props.first { $0.name == "STATUS" }?.value.uppercased() ?? "NEEDS-ACTION"
        guard status != "COMPLETED", status != "CANCELLED" else { return nil }
        let related = props.first { $0.name == "RELATED-TO" }.map { CalendarText.unescape($0.value) }
        let target = related.map(cancelled) == true ? "CANCELLED" : "COMPLETED"
        let sequence = props.first { $0.name == "SEQUENCE" }.flatMap { Int($0.value) } ?? 0
        var body = own.filter { line in
            !["STATUS", "SEQUENCE", "DTSTAMP", "COMPLETED", "PERCENT-COMPLETE"].contains(
                CalendarText.property(line)?.name ?? "")
        }
        body += [
            "DTSTAMP:\(ICalendar.utc(now))", "SEQUENCE:\(sequence + 1)", "STATUS:\(target)", "X-IID-CLOSED:\(target)",
        ]
        if target == "COMPLETED" { body += ["COMPLETED:\(ICalendar.utc(now))", "PERCENT-COMPLETE:100"] }
        lines.replaceSubrange(begin..<(begin + own.count), with: body)
        return lines.map(ICalendar.fold).joined(separator: "\r\n") + "\r\n"
    }
}

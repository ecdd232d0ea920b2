import Foundation
import IIDCore
import Testing

/// The calendar folder's items from a plan, and changed items read back.
@Suite struct CalendarItemsTests {
    let now = local("2026-11-01 10:00")

    func plan(name: String = "Jane") -> Planner.Plan {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") { $0.name = name }
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
        }
        return planner().plan(log.events)
    }

    func items(_ p: Planner.Plan, delivered: Set<String> = []) -> [CalendarItem] {
        CalendarItems(config: Config(), zone: berlin).items(
            contacts: p.contacts, tasks: p.tasks, delivered: delivered, now: now)
    }

    func text(_ items: [CalendarItem], _ name: String) -> String { items.first { $0.fileName == name }?.text ?? "" }

    @Test func aMeetingWithItsAlarmsAndATaskPerOpenTask() {
        let all = items(plan())
        #expect(
            all.map(\.fileName) == [
                "iid-jane-meeting-1.ics", "iid-jane.homework.ics", "iid-jane.confirm.ics", "iid-jane.brief.ics",
                "iid-jane.thank-you.ics",
            ])
        let meeting = text(all, "iid-jane-meeting-1.ics")
        #expect(meeting.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(!meeting.contains("METHOD"))
        #expect(meeting.contains("TRIGGER;VALUE=DATE-TIME:20261108T130000Z\r\n"))
        #expect(meeting.contains("TRIGGER;VALUE=DATE-TIME:20261109T130000Z\r\n"))
        #expect(meeting.contains("TRIGGER;VALUE=DATE-TIME:20261110T120000Z\r\n"))
        #expect(!meeting.contains("ACKNOWLEDGED"))
        let thanks = text(all, "iid-jane.thank-you.ics")
        #expect(
            thanks.contains("DUE:20261112T133000Z\r\n") && thanks.contains("RELATED-TO:jane-meeting-1@iid.localhost"))
        #expect(all.allSatisfy { $0.text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 } })
    }

    @Test func aDeliveredReminderIsAcknowledged() {
        let p = plan()
        let homework = p.tasks.first { $0.kind == .homework }
        let key = homework.map { Reminder.of($0, rule: Config().rule(.homework))[0].ledgerKeys[1] } ?? ""
        let all = items(p, delivered: [key])
        #expect(text(all, "iid-jane.homework.ics").contains("ACKNOWLEDGED:20261108T130000Z\r\n"))
        #expect(text(all, "iid-jane-meeting-1.ics").components(separatedBy: "ACKNOWLEDGED").count == 2)
    }

    @Test func hostileTextCannotAddALine() {
        let all = items(plan(name: "Eve\r\nATTENDEE:mailto:x@evil.example\u{0}\u{1b}[31m"))
        for item in all {
            let lines = CalendarText.unfold(item.text)
            #expect(!lines.contains { $0.hasPrefix("ATTENDEE") })
            #expect(!item.text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
        }
    }

    @Test func aReportOnAdviceNamesEveryPieceWithoutItsControls() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.acted, "jane", at: "2026-11-02 09:00") { $0.text = "applied\r\nATTENDEE:mailto:x@evil.example" }
        log.add(.acted, "jane", at: "2026-11-03 09:00") { $0.text = "went to the meetup\u{1b}[31m" }
        let item = items(planner().plan(log.events)).first { $0.fileName == "iid-jane.report-back.advice.20261102.ics" }
        let lines = CalendarText.unfold(item?.text ?? "")
        #expect(!lines.contains { $0.hasPrefix("ATTENDEE") })
        // The line break is the description's own escaped `\n`, the CR and the escape dropped.
        let description = lines.first { $0.hasPrefix("DESCRIPTION:") } ?? ""
        #expect(
            description.contains(
                "Acted on their advice: applied\\nATTENDEE:mailto:x@evil.example\\; went to the meetup[31m."),
            "\(description)")
        #expect(!(item?.text ?? "").unicodeScalars.contains { $0.value < 0x20 && $0 != "\r" && $0 != "\n" })
    }

    @Test func unchangedIsNotRewrittenAndAChangeRaisesTheSequence() {
        let first = text(items(plan()), "iid-jane-meeting-1.ics")
        let later = CalendarItems(config: Config(), zone: berlin).items(
            contacts: plan().contacts, tasks: plan().tasks, delivered: [], now: now.addingTimeInterval(3600))
        #expect(CalendarItems.revise(text(later, "iid-jane-meeting-1.ics"), over: first) == nil, "only DTSTAMP differs")
        let changed = first.replacingOccurrences(of: "STATUS:TENTATIVE", with: "STATUS:CONFIRMED")
        let revised = CalendarItems.revise(
            changed, over: first.replacingOccurrences(of: "SEQUENCE:0", with: "SEQUENCE:4"))
        #expect(revised?.contains("\r\nSEQUENCE:5\r\n") == true)
    }

    @Test func aFinishedTaskIsCompletedOrCancelledWithItsMeeting() {
        let homework = text(items(plan()), "iid-jane.homework.ics")
        let done = CalendarItems.closing(homework, now: now) { _ in false }
        #expect(done?.contains("STATUS:COMPLETED\r\nX-IID-CLOSED:COMPLETED\r\nCOMPLETED:20261101T090000Z\r\n") == true)
        #expect(done.flatMap { change($0, plan()) } == nil, "iid's own closing is not the phone's word")
        #expect(done?.contains("SEQUENCE:1\r\n") == true)
        #expect(done.flatMap { CalendarItems.closing($0, now: now) { _ in false } } == nil, "once")
        let foreign = homework.replacingOccurrences(of: "UID:jane.homework@iid.localhost", with: "UID:x@phone.example")
        #expect(CalendarItems.closing(foreign, now: now) { _ in false } == nil, "not iid's")
        let cancelled = CalendarItems.closing(homework, now: now) { $0 == "jane-meeting-1@iid.localhost" }
        #expect(cancelled?.contains("STATUS:CANCELLED\r\n") == true)
    }

    func change(_ text: String, _ p: Planner.Plan) -> CalendarChange? {
        CalendarChanges(items: CalendarItems(config: Config(), zone: berlin)).change(
            in: text, now: now, task: { id in p.tasks.first { $0.id == id } }, contact: { p.contact($0) })
    }

    @Test func aCompletedTaskIsDoneAndAMovedMeetingIsRescheduled() {
        let p = plan()
        let all = items(p)
        #expect(all.allSatisfy { change($0.text, p) == nil }, "iid's own items say what the plan says")
        let completed = text(all, "iid-jane.homework.ics").replacingOccurrences(
            of: "STATUS:NEEDS-ACTION", with: "STATUS:COMPLETED\r\nCOMPLETED:20261101T083000Z")
        #expect(change(completed, p) == .done(task: "jane.homework", at: local("2026-11-01 09:30")))
        let moved = text(all, "iid-jane-meeting-1.ics").replacingOccurrences(
            of: "DTEND:20261110T133000Z", with: "DURATION:PT1H")
        #expect(change(moved, p) == .moved(contact: "jane", start: local("2026-11-10 14:00"), minutes: 60))
        let stale = moved.replacingOccurrences(of: "X-IID-REVISION:0", with: "X-IID-REVISION:-1")
        #expect(change(stale, p) == nil, "written before iid last moved it")
        let cancelled = text(all, "iid-jane-meeting-1.ics").replacingOccurrences(
            of: "STATUS:TENTATIVE", with: "STATUS:CANCELLED")
        if case .ignored = change(cancelled, p) {} else { Issue.record("a cancel on the phone is not recorded") }
        let foreign = completed.replacingOccurrences(of: "@iid.localhost", with: "@phone.example")
        #expect(change(foreign, p) == nil)
    }

    @Test func theVdirsyncerPairIsJSONQuoted() {
        let pair = VdirsyncerConfig(
            vdir: "/h/cal", url: "https://dav.example/\"x", username: "sam", passwordFile: "/h/pw",
            statusPath: "/h/status/")
        let text = pair.text(general: true)
        #expect(text.contains("url = \"https://dav.example/\\\"x\"\n"))
        #expect(text.contains("password.fetch = [\"command\", \"cat\", \"/h/pw\"]\n"))
        #expect(text.contains("path = \"/h/cal/\"\n"))
        #expect(
            VdirsyncerConfig(vdir: "/c", url: "ftp://x", username: "s", passwordFile: "/p", statusPath: "/s").problem
                != nil)
        #expect(
            VdirsyncerConfig(
                vdir: "/c", url: "https://x", username: "s\nurl = evil", passwordFile: "/p", statusPath: "/s"
            )
            .problem != nil)
    }
}

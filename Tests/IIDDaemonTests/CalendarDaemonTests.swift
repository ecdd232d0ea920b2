import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

/// The calendar folder in the loop: written at start and after every change, with ACKNOWLEDGED
/// on delivered reminders; items changed as vdirsyncer would write them become events, once each.
@Suite(.serialized) struct CalendarDaemonTests {
    func harness(now: String = "2026-11-01 10:00") throws -> DaemonHarness {
        let h = try DaemonHarness(now: now)
        try h.writeConfig("calendar:\n  dir: \(h.root)/calendar\n")
        try h.record(.added, "jane", at: "2026-11-01 08:00")
        try h.record(.scheduled, "jane", at: "2026-11-01 09:00") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
            $0.place = "Acme, Friedrichstr. 10"
        }
        return h
    }

    func item(_ h: DaemonHarness, _ name: String) -> String {
        (try? String(contentsOfFile: "\(h.root)/calendar/\(name)", encoding: .utf8)) ?? ""
    }

    /// Writes `text` as vdirsyncer does: a temporary file, then a rename over the item.
    func writeAsVdirsyncer(_ h: DaemonHarness, _ name: String, _ text: String) throws {
        let tmp = "\(h.root)/calendar/.\(name).vdirsyncer-tmp"
        try text.write(toFile: tmp, atomically: false, encoding: .utf8)
        #expect(rename(tmp, "\(h.root)/calendar/\(name)") == 0)
    }

    func written(_ h: DaemonHarness, _ name: String, after count: Int = 0) async -> Bool {
        await h.events.wait { e in
            e.filter { if case .calendarWritten(let names) = $0 { names.contains(name) } else { false } }.count > count
        }
    }

    func writes(_ h: DaemonHarness, _ name: String) -> Int {
        h.events.count { if case .calendarWritten(let names) = $0 { names.contains(name) } else { false } }
    }

    @Test func theFolderIsUpToDateAtStartAndAfterAnAppendedEvent() async throws {
        let h = try harness()
        try h.start()
        let meeting = item(h, "iid-jane-meeting-1.ics")
        #expect(meeting.contains("UID:jane-meeting-1@iid.localhost\r\n"))
        #expect(meeting.contains("DTSTART:20261110T130000Z\r\n"))
        #expect(meeting.contains("LOCATION:Acme\\, Friedrichstr. 10\r\n"))
        #expect(meeting.contains("STATUS:TENTATIVE\r\n"))
        #expect(meeting.components(separatedBy: "BEGIN:VALARM").count == 4, "homework, confirm and brief")
        #expect(meeting.contains("TRIGGER;VALUE=DATE-TIME:20261108T130000Z\r\n"), "homework two days before")
        #expect(!meeting.contains("METHOD:"), "a CalDAV object carries no METHOD")
        let homework = item(h, "iid-jane.homework.ics")
        #expect(homework.contains("BEGIN:VTODO") && homework.contains("DUE:20261110T130000Z\r\n"))
        #expect(homework.contains("STATUS:NEEDS-ACTION\r\n"))
        #expect(!FileManager.default.fileExists(atPath: "\(h.root)/calendar/iid-jane.follow-up.ics"))
        let confirmWrites = writes(h, "iid-jane.confirm.ics")
        // Confirmed: the meeting is CONFIRMED with a higher SEQUENCE; the confirm task is completed.
        try h.record(.confirmed, "jane", at: "2026-11-01 10:00")
        #expect(await written(h, "iid-jane.confirm.ics", after: confirmWrites))
        #expect(item(h, "iid-jane-meeting-1.ics").contains("STATUS:CONFIRMED\r\nX-IID-REVISION:0\r\n"))
        #expect(item(h, "iid-jane-meeting-1.ics").contains("SEQUENCE:1\r\n"))
        #expect(item(h, "iid-jane.confirm.ics").contains("STATUS:COMPLETED\r\n"))
        // The homework's item carries the context, which the confirmation changed: written again.
        let homework2 = CalendarText.unfold(item(h, "iid-jane.homework.ics")).joined()
        #expect(homework2.contains("Last interaction: the meeting was confirmed\\, Sun 1 Nov 2026."), "\(homework2)")
        // Unchanged items are not written again: a phone number is in no item.
        let homeworkWrites = writes(h, "iid-jane.homework.ics")
        #expect(homeworkWrites == 2)
        try h.record(.updated, "jane", at: "2026-11-01 10:05") { $0.phone = "+49 30 1234" }
        #expect(await h.events.wait { e in e.filter { $0.armedAt != nil }.count >= 3 })
        #expect(writes(h, "iid-jane.homework.ics") == 2)
    }

    @Test func aTaskThatComesBackIsOpenAgain() async throws {
        let h = try harness()
        try h.start()
        var confirmWrites = writes(h, "iid-jane.confirm.ics")
        try h.record(.confirmed, "jane", at: "2026-11-01 10:00")
        #expect(await written(h, "iid-jane.confirm.ics", after: confirmWrites))
        #expect(item(h, "iid-jane.confirm.ics").contains("STATUS:COMPLETED\r\n"))
        // Moved: the time is to be confirmed again, and the same task is open again.
        confirmWrites = writes(h, "iid-jane.confirm.ics")
        try h.record(.scheduled, "jane", at: "2026-11-01 10:30") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
        }
        #expect(await written(h, "iid-jane.confirm.ics", after: confirmWrites))
        let confirm = item(h, "iid-jane.confirm.ics")
        #expect(confirm.contains("STATUS:NEEDS-ACTION\r\n") && !confirm.contains("X-IID-CLOSED"))
        #expect(confirm.contains("SEQUENCE:2\r\n"))
    }

    @Test func aDeliveredReminderIsAcknowledged() async throws {
        let h = try harness(now: "2026-11-08 13:59")
        try h.start()
        #expect(!item(h, "iid-jane.homework.ics").contains("ACKNOWLEDGED"))
        try h.fireAtDeadline()
        #expect(await written(h, "iid-jane.homework.ics", after: 1))
        #expect(item(h, "iid-jane.homework.ics").contains("ACKNOWLEDGED:20261108T130000Z\r\n"))
        #expect(item(h, "iid-jane-meeting-1.ics").contains("ACKNOWLEDGED:20261108T130000Z\r\n"))
        #expect(item(h, "iid-jane-meeting-1.ics").components(separatedBy: "ACKNOWLEDGED").count == 2, "only that one")
    }

    @Test func aTaskCompletedOnThePhoneIsDoneOnce() async throws {
        let h = try harness()
        try h.start()
        let text = item(h, "iid-jane.homework.ics")
        // As a client writes it: its own line endings, the status changed, COMPLETED added.
        let completed = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(
            of: "STATUS:NEEDS-ACTION\n", with: "STATUS:COMPLETED\nCOMPLETED:20261101T093000Z\n")
        try writeAsVdirsyncer(h, "iid-jane.homework.ics", completed)
        #expect(
            await h.events.wait { e in e.contains(.calendarRecorded(.done, contact: "jane", task: "jane.homework")) })
        // The same again (vdirsyncer writing it twice, a second sync) records nothing more.
        try writeAsVdirsyncer(h, "iid-jane.homework.ics", completed + "\n")
        #expect(
            await h.events.wait { e in
                e.filter {
                    if case .calendarRead(let names) = $0 { names.contains("iid-jane.homework.ics") } else { false }
                }
                .count == 2
            })
        // Every event file: the daemon appends to this device's (2026-11.test.jsonl).
        let log = try FileManager.default.contentsOfDirectory(atPath: h.eventsDir).filter { $0.hasSuffix(".jsonl") }
            .sorted().map { try String(contentsOfFile: h.eventsDir + "/" + $0, encoding: .utf8) }.joined()
        #expect(FileManager.default.fileExists(atPath: h.eventsDir + "/2026-11.test.jsonl"))
        #expect(log.components(separatedBy: "\"type\":\"done\"").count == 2, "one done event")
        #expect(log.contains("\"task\":\"jane.homework\""))
        #expect(h.events.count { if case .calendarRecorded = $0 { true } else { false } } == 1)
        #expect(try h.onQueue { $0.status().pending } == 3, "confirm, brief and thank-you are left")
    }

    @Test func aMeetingMovedOnThePhoneMovesItsTasks() async throws {
        let h = try harness()
        try h.start()
        let moved = item(h, "iid-jane-meeting-1.ics")
            .replacingOccurrences(of: "DTSTART:20261110T130000Z", with: "DTSTART;TZID=Europe/Berlin:20261111T160000")
            .replacingOccurrences(of: "DTEND:20261110T133000Z", with: "DURATION:PT45M")
        let homeworkWrites = writes(h, "iid-jane.homework.ics")
        try writeAsVdirsyncer(h, "iid-jane-meeting-1.ics", moved)
        #expect(await h.events.wait { e in e.contains(.calendarRecorded(.scheduled, contact: "jane", task: nil)) })
        #expect(await written(h, "iid-jane.homework.ics", after: homeworkWrites))
        #expect(item(h, "iid-jane.homework.ics").contains("DUE:20261111T150000Z\r\n"))
        let meeting = item(h, "iid-jane-meeting-1.ics")
        #expect(meeting.contains("DTSTART:20261111T150000Z\r\n"))
        #expect(meeting.contains("DTEND:20261111T154500Z\r\n"), "45 minutes")
        #expect(meeting.contains("X-IID-REVISION:1\r\n"))
        #expect(h.events.count { if case .calendarRecorded = $0 { true } else { false } } == 1)
    }

    @Test func whatChangedWhileIidWasStoppedIsRecordedAtStartBeforeAnythingIsWritten() async throws {
        let h = try harness()
        try h.start()
        h.stop()
        let completed = item(h, "iid-jane.confirm.ics").replacingOccurrences(
            of: "STATUS:NEEDS-ACTION", with: "STATUS:COMPLETED")
        try writeAsVdirsyncer(h, "iid-jane.confirm.ics", completed)
        // A meeting moved with iictl while iid was stopped: the calendar's copy is now stale.
        try h.record(.scheduled, "jane", at: "2026-11-01 09:30") {
            $0.start = local("2026-11-12 10:00")
            $0.minutes = 30
        }
        try h.start()
        #expect(h.events.events.contains(.calendarRecorded(.done, contact: "jane", task: "jane.confirm")))
        #expect(!h.events.events.contains(.calendarRecorded(.scheduled, contact: "jane", task: nil)), "not moved back")
        #expect(item(h, "iid-jane-meeting-1.ics").contains("DTSTART:20261112T090000Z\r\n"))
        #expect(item(h, "iid-jane.confirm.ics").contains("STATUS:COMPLETED"))
    }

    @Test func aDeletedMeetingIsWrittenAgainAndNotCancelled() async throws {
        let h = try harness()
        try h.start()
        let path = "\(h.root)/calendar/iid-jane-meeting-1.ics"
        let before = writes(h, "iid-jane-meeting-1.ics")
        #expect(unlink(path) == 0)
        #expect(await written(h, "iid-jane-meeting-1.ics", after: before))
        #expect(item(h, "iid-jane-meeting-1.ics").contains("STATUS:TENTATIVE"))
        #expect(h.logs.lines.contains { $0.message.contains("was deleted") })
        #expect(h.events.count { if case .calendarRecorded = $0 { true } else { false } } == 0)
    }

    @Test func noCalendarConfiguredWritesNothing() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        try h.record(.added, "jane", at: "2026-11-01 08:00")
        try h.start()
        #expect(!FileManager.default.fileExists(atPath: "\(h.root)/calendar"))
        #expect(h.events.count { if case .calendarWritten = $0 { true } else { false } } == 0)
    }
}

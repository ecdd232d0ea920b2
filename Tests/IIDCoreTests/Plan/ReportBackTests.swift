import Foundation
import IIDCore
import Testing

/// Meeting someone a contact referred you to owes that contact a report: the referrer's task,
/// planned from the other person's meeting.
@Suite struct ReportBackTests {
    /// Jane referred Dan; Dan was met on Thursday 26 March at 10:30.
    func log() -> Log {
        var log = Log()
        log.add(.added, "jane", at: "2026-03-02 09:00")
        log.add(.added, "dan", at: "2026-03-03 09:00") { $0.referredBy = "jane" }
        log.add(.scheduled, "dan", at: "2026-03-04 09:00") { $0.start = local("2026-03-26 10:00") }
        log.add(.held, "dan", at: "2026-03-26 10:30")
        return log
    }

    @Test func theReferrerGetsATaskOnceThePersonIsMet() throws {
        let plan = planner().plan(log().events)
        let t = try #require(plan.tasks.first { $0.kind == .reportBack })
        #expect(t.id == "jane.report-back.dan" && t.contact == "jane" && t.referred == "dan")
        #expect(t.title == "Tell Jane how it went with Dan")
        // Two calendar days after the meeting, at the same wall time across the spring change.
        #expect(iso(t.anchor) == "2026-03-26T10:30:00+01:00")
        #expect(iso(t.remindAt) == "2026-03-28T10:30:00+01:00")
        #expect(iso(t.due) == "2026-04-02T10:30:00+02:00")
        // Not before the meeting is held.
        var early = log()
        early.events.removeLast()
        #expect(!planner().plan(early.events).tasks.contains { $0.kind == .reportBack })
    }

    @Test func doneClosesItAndNeverTurnsItOff() throws {
        var done = log()
        done.add(.done, "jane", at: "2026-03-27 09:00") { $0.task = "jane.report-back.dan" }
        #expect(!planner().plan(done.events).tasks.contains { $0.kind == .reportBack })
        let off = try ConfigParser.parse(
            "reminders:\n  report-back:\n    after: never\n", file: "c.yaml", knownZones: knownZone
        ).config
        #expect(!off.reportBack)
        #expect(!planner(off).plan(log().events).tasks.contains { $0.kind == .reportBack })
        let later = try ConfigParser.parse(
            "reminders:\n  report-back:\n    after: 3d\n    due: 5d\n", file: "c.yaml", knownZones: knownZone
        ).config
        #expect(later.reportBack && later.rule(.reportBack).offset == .days(3))
        #expect(
            throws: ConfigError.self,
            "a word other than never is still a bad duration"
        ) {
            try ConfigParser.parse(
                "reminders:\n  report-back:\n    after: sometimes\n", file: "c.yaml", knownZones: knownZone)
        }
    }

    @Test func theLivePlanPlansTheReferrerAgainWhenThePersonIsMet() {
        let events = log().events
        var live = LivePlan(planner: planner(), events: Array(events.dropLast()))
        #expect(live.task("jane.report-back.dan") == nil)
        // The meeting is Dan's event; Jane's plan changes with it.
        #expect(live.append([events.last!]).contains("jane"))
        #expect(live.task("jane.report-back.dan")?.referredName == "Dan")
        #expect(live.plan.tasks == planner().plan(events).tasks)
        // Referred by nobody now: the task goes with the link.
        var unlinked = Event(id: "u1", at: local("2026-03-27 09:00"), type: .updated, contact: "dan")
        unlinked.referredBy = ""
        live.append([unlinked])
        #expect(live.task("jane.report-back.dan") == nil)
    }

    @Test func theDraftThanksNamesTheMeetingAndItsPoints() {
        var log = log()
        log.events[log.events.count - 1].points = ["grid data hiring", "the Berlin meetup"]
        let plan = planner().plan(log.events)
        let jane = plan.contacts[0]
        let dan = plan.contacts[1]
        var config = Config()
        config.me.name = "Sam Seeker"
        let text = ReportBackDraft(config: config, zone: berlin).text(to: jane, about: dan, meeting: dan.meetings.first)
        #expect(text.hasPrefix("Dear Jane,\n\nThank you again for suggesting I talk to Dan."))
        #expect(text.contains("We met on "), "\(text)")
        #expect(text.contains("said about grid data hiring, and about the Berlin meetup"), "\(text)")
        #expect(text.contains("Sam Seeker"), "\(text)")
        #expect(ReportBackDraft(config: config, zone: berlin).subject(about: dan) == "How it went with Dan")
    }
}

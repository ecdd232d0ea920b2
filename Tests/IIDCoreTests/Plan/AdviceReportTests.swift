import Foundation
import Testing

@testable import IIDCore

/// Acting on a contact's advice owes them a report on what came of it: their own report-back task,
/// one for all the advice acted on since the last report.
@Suite struct AdviceReportTests {
    /// Jane advised; you applied where she said on Thursday 26 March, before the spring change.
    func log() -> Log {
        var log = Log()
        log.add(.added, "jane", at: "2026-03-02 09:00")
        log.add(.acted, "jane", at: "2026-03-26 10:30") { $0.text = "applied to the Acme data team" }
        return log
    }

    func reports(_ plan: Planner.Plan) -> [PendingTask] { plan.tasks.filter(\.isAdviceReport) }

    @Test func actingOnAdviceOwesTheAdviserAReportCountedAcrossTheSpringChange() throws {
        let plan = planner().plan(log().events)
        let t = try #require(reports(plan).first)
        #expect(reports(plan).count == 1)
        #expect(t.id == "jane.report-back.advice.20260326" && t.kind == .reportBack && t.contact == "jane")
        #expect(t.advice == ["applied to the Acme data team"] && t.referred == nil)
        #expect(t.title == "Tell Jane what came of their advice: applied to the Acme data team")
        #expect(t.anchorDescription == "the first advice of theirs you acted on since the last report")
        // Two calendar days after, then seven, at the same wall time across the change on 29 March.
        #expect(iso(t.anchor) == "2026-03-26T10:30:00+01:00")
        #expect(iso(t.remindAt) == "2026-03-28T10:30:00+01:00")
        #expect(iso(t.due) == "2026-04-02T10:30:00+02:00")
        // And across the autumn change, in another zone.
        let ny = try #require(zone("America/New_York"))
        var autumn = Log()
        autumn.add(.added, "jane", at: "2026-10-01 09:00")
        autumn.events.append(Event(id: "a1", at: local("2026-10-30 09:00", ny), type: .acted, contact: "jane"))
        autumn.events[1].text = "went to the meetup"
        let late = try #require(reports(planner(zone: ny).plan(autumn.events)).first)
        #expect(iso(late.remindAt, ny) == "2026-11-01T09:00:00-05:00")
        #expect(iso(late.due, ny) == "2026-11-06T09:00:00-05:00")
        // The contact's record keeps what was done; acting is no interaction with them.
        let jane = try #require(plan.contact("jane"))
        #expect(jane.advice == [ActedAdvice(at: local("2026-03-26 10:30"), text: "applied to the Acme data team")])
        #expect(jane.lastInteraction == nil)
    }

    @Test func adviceActedOnBeforeTheReportIsOneReportAndAfterItTheNext() throws {
        var log = log()
        log.add(.acted, "jane", at: "2026-03-27 18:00") { $0.text = "went to the meetup she named" }
        var t = try #require(reports(planner().plan(log.events)).first)
        // One report for both, counted from the first, its id unchanged by the second.
        #expect(reports(planner().plan(log.events)).count == 1)
        #expect(t.id == "jane.report-back.advice.20260326")
        #expect(t.advice == ["applied to the Acme data team", "went to the meetup she named"])
        #expect(t.title == "Tell Jane what came of their advice: applied to the Acme data team (and 1 more)")
        #expect(iso(t.remindAt) == "2026-03-28T10:30:00+01:00")
        // Reported: nothing owed until the next piece, which is a report of its own.
        log.add(.done, "jane", at: "2026-03-28 09:00") { $0.task = "jane.report-back.advice.20260326" }
        #expect(reports(planner().plan(log.events)).isEmpty)
        log.add(.acted, "jane", at: "2026-03-28 11:00") { $0.text = "called Bob" }
        t = try #require(reports(planner().plan(log.events)).first)
        #expect(t.id == "jane.report-back.advice.20260328" && t.advice == ["called Bob"])
        // Reported again the same day, and acted on again: the id gets -2, never a done one's.
        log.add(.done, "jane", at: "2026-03-28 12:00") { $0.task = "jane.report-back.advice.20260328" }
        log.add(.acted, "jane", at: "2026-03-28 15:00") { $0.text = "read the report" }
        t = try #require(reports(planner().plan(log.events)).first)
        #expect(t.id == "jane.report-back.advice.20260328-2" && t.advice == ["read the report"])
        // A person met from her referral is a report of its own beside it.
        log.add(.added, "dan", at: "2026-03-28 16:00") { $0.referredBy = "jane" }
        log.add(.held, "dan", at: "2026-03-28 17:00") { $0.minutes = 30 }
        let ids = planner().plan(log.events).tasks.filter { $0.kind == .reportBack }.map(\.id)
        #expect(ids == ["jane.report-back.dan", "jane.report-back.advice.20260328-2"])
    }

    @Test func undoTakesItBackAndNeverTurnsItOff() throws {
        var log = log()
        var undo = Event(id: "u1", at: local("2026-03-26 10:31"), type: .retracted, contact: "jane")
        undo.retracts = "e2"
        #expect(reports(planner().plan(log.events + [undo])).isEmpty)
        // A report taken back is owed again, with all it covered.
        log.add(.acted, "jane", at: "2026-03-27 09:00") { $0.text = "second" }
        log.add(.done, "jane", at: "2026-03-28 09:00") { $0.task = "jane.report-back.advice.20260326" }
        #expect(reports(planner().plan(log.events)).isEmpty)
        undo.retracts = "e4"
        undo.at = local("2026-03-28 09:01")
        let back = try #require(reports(planner().plan(log.events + [undo])).first)
        #expect(back.id == "jane.report-back.advice.20260326" && back.advice.count == 2)
        let off = try ConfigParser.parse(
            "reminders:\n  report-back:\n    after: never\n", file: "c.yaml", knownZones: knownZone
        ).config
        #expect(reports(planner(off).plan(self.log().events)).isEmpty)
        // Off, the advice is still recorded.
        #expect(planner(off).plan(self.log().events).contact("jane")?.advice.count == 1)
        // An archived adviser is owed nothing.
        var archived = self.log()
        archived.add(.cancelled, "jane", at: "2026-03-27 09:00") { $0.scope = .contact }
        #expect(reports(planner().plan(archived.events)).isEmpty)
    }

    @Test func theLivePlanAndTheHistoryFollowIt() throws {
        var log = log()
        log.add(.done, "jane", at: "2026-03-28 09:00") { $0.task = "jane.report-back.advice.20260326" }
        log.add(.acted, "jane", at: "2026-03-29 09:00") { $0.text = "called Bob" }
        var live = LivePlan(planner: planner(), events: [log.events[0]])
        #expect(live.append([log.events[1]]) == ["jane"])
        #expect(live.task("jane.report-back.advice.20260326")?.advice == ["applied to the Acme data team"])
        live.append([log.events[2]])
        #expect(live.task("jane.report-back.advice.20260326") == nil)
        live.append([log.events[3]])
        #expect(live.task("jane.report-back.advice.20260329")?.advice == ["called Bob"])
        #expect(live.plan.tasks == planner().plan(log.events).tasks)
        // The report done stays in the history, closed by its done.
        let history = TaskHistory.of("jane", events: log.events, planner: planner())
        let first = try #require(history.first { $0.task.id == "jane.report-back.advice.20260326" })
        #expect(first.endedBy?.id == "e3")
        #expect(history.first { $0.task.id == "jane.report-back.advice.20260329" }?.endedBy == nil)
    }

    @Test func hostileTextStaysText() throws {
        var log = Log()
        log.add(.added, "jane", at: "2026-03-02 09:00") { $0.name = "Jane \u{1B}]0;owned\u{07}Doe" }
        log.add(.acted, "jane", at: "2026-03-26 10:30") { $0.text = "applied\u{1B}[2J\nthere\r\u{07}" }
        let t = try #require(reports(planner().plan(log.events)).first)
        // The reminder's text carries it as it is; every channel escapes it (Printable).
        let reminder = try #require(Reminder.of(t, rule: Config().rule(.reportBack)).first)
        let message = MessageBuilder(config: Config(), zone: berlin).message(
            for: reminder, contact: planner().plan(log.events).contact("jane"), now: local("2026-03-28 10:30"),
            late: false)
        #expect(
            message.body.hasPrefix("You acted on Jane \u{1B}]0;owned\u{07}Doe's advice on Thu 26 Mar 10:30: applied"))
        #expect(!Printable.escaped(message.body).contains("\u{1B}"))
        let argv = NotifyCommand.arguments(for: message, actions: false).joined()
        #expect(argv.contains("applied") && !argv.contains("\u{1B}") && !argv.contains("\u{07}"))
        // The draft keeps one line per piece: a line break in the text does not start another.
        let jane = try #require(planner().plan(log.events).contact("jane"))
        let draft = ReportBackDraft(config: Config(), zone: berlin).text(to: jane, advice: jane.advice)
        #expect(draft.contains("- applied\u{1B}[2J there \u{07} (26 March 2026)"), "\(draft)")
        // The event line keeps it whole and reads back the same.
        let line = EventCoding.encode(log.events[1], zone: berlin)
        #expect(!line.contains("\n") && !line.contains("\u{1B}"))
        #expect(try EventCoding.decode(line: Substring(line)) == log.events[1])
    }
}

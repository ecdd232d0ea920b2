import Foundation
import IIDCore
import Testing

/// Boosters, obligates and curmudgeons: the label from each request's dates, in business days
/// of the configured zone.
@Suite struct ResponsivenessTests {
    let rule = Responsiveness.Rule(config: Config(), zone: berlin)

    func record(_ build: (inout Log) -> Void) -> ContactRecord? {
        var log = Log()
        log.add(.added, "jane", at: "2026-03-02 09:00")
        build(&log)
        return planner().plan(log.events).contacts.first
    }

    func label(at now: String, _ build: (inout Log) -> Void) -> Responsiveness? {
        record(build).flatMap { rule.label(of: $0, at: local(now))?.label }
    }

    @Test func threeBusinessDaysKeepTheWallClockAcrossTheSpringChange() throws {
        // Thursday 10:00 CET; the clocks go forward on Sunday 29 March: the deadline is Tuesday
        // 10:00 CEST, 23 hours short of five whole days.
        let ask: (inout Log) -> Void = { $0.add(.requested, "jane", at: "2026-03-26 10:00") }
        let c = try #require(record(ask))
        #expect(iso(rule.deadline(try #require(c.asks.first))) == "2026-03-31T10:00:00+02:00")
        #expect(
            label(at: "2026-04-10 09:00") {
                ask(&$0)
                $0.add(.replied, "jane", at: "2026-03-31 10:00")
            } == .booster)
        // Half an hour later is late by the wall clock, though not by five times 24 hours.
        #expect(
            label(at: "2026-04-10 09:00") {
                ask(&$0)
                $0.add(.replied, "jane", at: "2026-03-31 10:30")
            } == .obligate)
    }

    @Test func andAcrossTheAutumnChange() throws {
        let c = try #require(record { $0.add(.requested, "jane", at: "2026-10-22 10:00") })
        #expect(iso(rule.deadline(try #require(c.asks.first))) == "2026-10-27T10:00:00+01:00")
        #expect(
            label(at: "2026-11-10 09:00") {
                $0.add(.requested, "jane", at: "2026-10-22 10:00")
                $0.add(.replied, "jane", at: "2026-10-27 10:30")
            } == .obligate)
    }

    @Test func aMeetingOrANoIsAnAnswerAndAFollowUpMakesAnObligate() {
        #expect(
            label(at: "2026-04-10 09:00") {
                $0.add(.requested, "jane", at: "2026-03-02 10:00")
                $0.add(.scheduled, "jane", at: "2026-03-03 10:00") { $0.start = local("2026-03-10 10:00") }
            } == .booster)
        // Quick by the days, but only once a follow-up went out (with a one-day follow-up).
        var config = Config()
        config.followUps.sequence = [.days(1), .days(7)]
        var log = Log()
        log.add(.added, "jane", at: "2026-03-02 09:00")
        log.add(.requested, "jane", at: "2026-03-02 10:00")
        log.add(.done, "jane", at: "2026-03-03 10:00") { $0.task = "jane.follow-up" }
        log.add(.declined, "jane", at: "2026-03-03 12:00")
        let c = planner(config).plan(log.events).contacts[0]
        #expect(c.asks.first?.followedUpAt == local("2026-03-03 10:00"))
        #expect(rule.label(of: c, at: local("2026-04-01 09:00"))?.label == .obligate)
    }

    @Test func silenceOnceTheFollowUpsRanOutIsACurmudgeonOnlyThen() {
        let cold: (inout Log) -> Void = {
            $0.add(.requested, "jane", at: "2026-03-02 10:00")
            $0.add(.done, "jane", at: "2026-03-09 10:00") { $0.task = "jane.follow-up" }
            $0.add(.done, "jane", at: "2026-03-16 10:00") { $0.task = "jane.follow-up-2" }
        }
        // Cold seven days after the last follow-up, 23 March 10:00: open until then.
        #expect(label(at: "2026-03-23 09:59", cold) == nil)
        #expect(label(at: "2026-03-23 10:00", cold) == .curmudgeon)
        // Still open with follow-ups to go, or called off: no label.
        #expect(label(at: "2026-06-01 09:00") { $0.add(.requested, "jane", at: "2026-03-02 10:00") } == nil)
        #expect(
            label(at: "2026-06-01 09:00") {
                $0.add(.requested, "jane", at: "2026-03-02 10:00")
                $0.add(.cancelled, "jane", at: "2026-03-03 10:00") { $0.scope = .meeting }
            } == nil)
        // Never asked: none.
        #expect(label(at: "2026-06-01 09:00") { _ in } == nil)
    }

    @Test func theLatestRequestWithAnOutcomeDecides() {
        let booster: (inout Log) -> Void = {
            $0.add(.requested, "jane", at: "2026-03-02 10:00")
            $0.add(.replied, "jane", at: "2026-03-02 18:00")
            $0.add(.scheduled, "jane", at: "2026-03-03 10:00") { $0.start = local("2026-03-10 10:00") }
            $0.add(.held, "jane", at: "2026-03-10 10:30")
        }
        // Asked again: while it is open, the first answer stands.
        let again: (inout Log) -> Void = {
            booster(&$0)
            $0.add(.requested, "jane", at: "2026-05-04 10:00")
        }
        #expect(label(at: "2026-05-05 09:00", again) == .booster)
        // The second went cold after both follow-ups: now a curmudgeon.
        let cold: (inout Log) -> Void = {
            again(&$0)
            $0.add(.done, "jane", at: "2026-05-11 10:00") { $0.task = "jane.follow-up.2" }
            $0.add(.done, "jane", at: "2026-05-18 10:00") { $0.task = "jane.follow-up-2.2" }
        }
        #expect(label(at: "2026-05-25 10:00", cold) == .curmudgeon)
        // A request after one had gone cold keeps that one's verdict while it waits.
        let third: (inout Log) -> Void = {
            cold(&$0)
            $0.add(.requested, "jane", at: "2026-06-01 10:00")
        }
        let c = record(third)
        #expect(c?.asks.map(\.withdrawn) == [false, false, false])
        #expect(c?.asks[1].coldAt == local("2026-05-25 10:00"))
        #expect(label(at: "2026-06-02 10:00", third) == .curmudgeon)
    }

    @Test func theExplanationNamesTheDatesAndTheVerdict() throws {
        let c = try #require(
            record {
                $0.add(.requested, "jane", at: "2026-03-26 10:00")
                $0.add(.replied, "jane", at: "2026-03-30 16:00")
            })
        let lines = rule.explanation(of: c, at: local("2026-04-10 09:00"))
        #expect(
            lines == [
                "Request 1 of Thu 26 Mar 10:00: a quick answer by Tue 31 Mar 10:00 (3bd later); answered Mon 30 Mar 16:00, in time and before any follow-up: booster.",
                "Label: booster (the latest request with an outcome decides).",
            ])
        let never = try #require(record { _ in })
        #expect(
            rule.explanation(of: never, at: local("2026-04-10 09:00")) == [
                "No label: Jane was never asked for a meeting."
            ])
    }

    @Test func atAnEmployerBoostersComeBeforeObligatesAndCurmudgeonsLast() {
        var log = Log()
        for (id, reply) in [("cur", nil), ("obl", "2026-03-09 10:00"), ("boo", "2026-03-02 12:00"), ("new", nil)] {
            log.add(.added, id, at: "2026-03-01 09:00")
            guard id != "new" else { continue }
            log.add(.requested, id, at: "2026-03-02 10:00")
            if let reply {
                log.add(.replied, id, at: reply)
            } else {
                log.add(.done, id, at: "2026-03-09 10:00") { $0.task = "\(id).follow-up" }
                log.add(.done, id, at: "2026-03-16 10:00") { $0.task = "\(id).follow-up-2" }
            }
        }
        let people = planner().plan(log.events).contacts
        let now = local("2026-04-01 09:00")
        // Without labels: those who answered (Advocacy) first, then as added (at one time: by id).
        #expect(EmployerList.bestFirst(people).map(\.id) == ["boo", "obl", "cur", "new"])
        #expect(EmployerList.bestFirst(people, labels: rule, at: now).map(\.id) == ["boo", "obl", "new", "cur"])
    }
}

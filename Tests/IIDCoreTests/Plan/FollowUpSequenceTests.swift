import Foundation
import IIDCore
import Testing

/// The follow-ups of a request without a date: each counted from the one before being sent, then
/// the contact goes cold; an answer or a no stops them.
@Suite struct FollowUpSequenceTests {
    func plan(_ log: Log, _ config: Config = Config()) -> Planner.Plan { planner(config).plan(log.events) }

    func requested() -> Log {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        return log
    }

    func done(_ log: inout Log, _ task: String, at: String) { log.add(.done, "jane", at: at) { $0.task = task } }

    @Test func twoFollowUpsEachFromTheLastThenCold() throws {
        var log = requested()
        let first = try #require(plan(log).tasks.first)
        #expect(first.id == "jane.follow-up" && first.step == 1 && first.steps == 2)
        #expect(first.remindAt == local("2026-11-09 10:00") && first.due == local("2026-11-12 10:00"))
        #expect(first.title.hasSuffix("(1 of 2)"))
        // Sent two days late: the second counts from when it went, not from when it was due.
        done(&log, "jane.follow-up", at: "2026-11-11 16:30")
        let second = try #require(plan(log).tasks.first)
        #expect(second.id == "jane.follow-up-2" && second.step == 2)
        #expect(second.remindAt == local("2026-11-18 16:30") && second.due == local("2026-11-21 16:30"))
        #expect(plan(log).contacts[0].stage(at: local("2026-11-19 08:00")) == .requested)
        done(&log, "jane.follow-up-2", at: "2026-11-19 09:00")
        let p = plan(log)
        #expect(p.tasks.isEmpty)
        #expect(p.contacts[0].followUpsSent == [local("2026-11-11 16:30"), local("2026-11-19 09:00")])
        // `cold_after` (7d) after the last one, unanswered.
        #expect(p.contacts[0].stage(at: local("2026-11-26 08:59")) == .requested)
        #expect(p.contacts[0].stage(at: local("2026-11-26 09:00")) == .cold)
    }

    @Test func businessDaysAcrossTheChangeToSummerTimeKeepTheWallTime() throws {
        var config = Config()
        config.followUps.sequence = [DurationSpec(3, .businessDays), DurationSpec(7, .businessDays)]
        config.followUps.coldAfter = DurationSpec(5, .businessDays)
        config.reminders[.followUp]?.offset = DurationSpec(3, .businessDays)
        config.reminders[.followUp]?.due = DurationSpec(5, .businessDays)
        var log = Log()
        log.add(.added, "jane", at: "2026-03-18 08:00")
        log.add(.requested, "jane", at: "2026-03-19 10:00")  // a Thursday
        let first = try #require(plan(log, config).tasks.first)
        #expect(iso(first.remindAt) == "2026-03-24T10:00:00+01:00")  // Fri, Mon, Tue
        #expect(iso(first.due) == "2026-03-26T10:00:00+01:00")
        done(&log, "jane.follow-up", at: "2026-03-25 09:00")
        // Berlin moves to summer time on Sunday 29 March: seven business days later is still 09:00.
        let second = try #require(plan(log, config).tasks.first)
        #expect(iso(second.remindAt) == "2026-04-03T09:00:00+02:00")
        #expect(iso(second.due) == "2026-04-07T09:00:00+02:00")  // the same two business days as the first
        done(&log, "jane.follow-up-2", at: "2026-04-03 12:00")
        let c = plan(log, config).contacts[0]
        #expect(c.coldAt.map { iso($0) } == "2026-04-10T12:00:00+02:00")
        #expect(c.stage(at: local("2026-04-10 11:00")) == .requested)
        #expect(c.stage(at: local("2026-04-10 12:00")) == .cold)
    }

    @Test func aReplyStopsTheSequenceAndResetsKeepingInTouch() throws {
        var log = requested()
        done(&log, "jane.follow-up", at: "2026-11-09 10:00")
        log.add(.replied, "jane", at: "2026-11-10 08:00") { $0.text = "Happy to, after the 20th" }
        let p = plan(log)
        #expect(p.tasks.isEmpty)
        #expect(p.contacts[0].stage(at: local("2026-12-30 08:00")) == .replied)
        #expect(p.contacts[0].lastInteraction == local("2026-11-10 08:00"))
        #expect(p.contacts[0].notes == ["Happy to, after the 20th"])
        // Scheduling after the reply is the usual path on.
        log.add(.scheduled, "jane", at: "2026-11-11 08:00") { $0.start = local("2026-11-24 15:00") }
        #expect(plan(log).contacts[0].stage(at: local("2026-11-12 08:00")) == .scheduled)
    }

    @Test func aNoEndsTheRequestUntilTheNextOne() throws {
        var log = requested()
        log.add(.declined, "jane", at: "2026-11-05 08:00")
        #expect(plan(log).tasks.isEmpty)
        #expect(plan(log).contacts[0].stage(at: local("2026-11-06 08:00")) == .declined)
        log.add(.requested, "jane", at: "2027-02-01 10:00")
        let p = plan(log)
        #expect(p.contacts[0].stage(at: local("2027-02-02 08:00")) == .requested)
        // The first request's follow-up ids are taken: this one's carry its day.
        #expect(p.tasks.map(\.id) == ["jane.follow-up.20270201"])
    }

    @Test func aNoToAMeetingCallsItOff() {
        var log = requested()
        log.add(.scheduled, "jane", at: "2026-11-03 08:00") { $0.start = local("2026-11-20 15:00") }
        log.add(.declined, "jane", at: "2026-11-04 08:00")
        let p = plan(log)
        #expect(p.tasks.isEmpty)
        #expect(p.contacts[0].meetings.first?.cancelled == true)
        #expect(p.contacts[0].stage(at: local("2026-11-05 08:00")) == .declined)
    }

    @Test func noFollowUpsGoesColdFromTheRequest() {
        var config = Config()
        config.followUps.sequence = []
        let p = plan(requested(), config)
        #expect(p.tasks.isEmpty)
        #expect(p.contacts[0].coldAt == local("2026-11-09 10:00"))
    }

    @Test func theNextRequestAfterAMeetingNumbersItsFollowUpsToo() throws {
        var log = requested()
        log.add(.held, "jane", at: "2026-11-05 10:00")
        log.add(.thanked, "jane", at: "2026-11-05 18:00")
        log.add(.requested, "jane", at: "2027-01-10 10:00")
        #expect(plan(log).tasks.filter { $0.kind == .followUp }.map(\.id) == ["jane.follow-up.2"])
        done(&log, "jane.follow-up.2", at: "2027-01-17 10:00")
        #expect(plan(log).tasks.filter { $0.kind == .followUp }.map(\.id) == ["jane.follow-up-2.2"])
        #expect(plan(log).contacts[0].stage(at: local("2027-01-18 10:00")) == .requested)
    }

    @Test func everyRequestAgainHasFollowUpsOfItsOwnEvenOnOneDay() {
        var log = requested()
        var ids: [String] = []
        for n in 0..<3 {
            log.add(.requested, "jane", at: "2026-12-01 0\(n + 1):00")
            let id = plan(log).tasks.first?.id ?? "none"
            ids.append(id)
            done(&log, id, at: "2026-12-01 0\(n + 1):30")
        }
        #expect(ids == ["jane.follow-up.20261201", "jane.follow-up.20261201-3", "jane.follow-up.20261201-4"])
    }

    @Test func aRequestWaitingForAnAnswerHoldsKeepingInTouchBack() {
        var log = requested()
        log.add(.held, "jane", at: "2026-11-05 10:00")
        log.add(.thanked, "jane", at: "2026-11-05 18:00")
        #expect(plan(log).tasks.map(\.kind) == [.keepInTouch])
        log.add(.requested, "jane", at: "2027-01-10 10:00")
        #expect(plan(log).tasks.map(\.kind) == [.followUp])
        done(&log, "jane.follow-up.2", at: "2027-01-17 10:00")
        done(&log, "jane.follow-up-2.2", at: "2027-01-24 10:00")
        // Cold: nothing at all.
        #expect(plan(log).tasks.isEmpty)
        log.add(.replied, "jane", at: "2027-02-10 10:00")
        #expect(plan(log).tasks.map(\.id) == ["jane.keep-in-touch.20270210"])
    }

    @Test func aDoneTakenBackBringsTheFollowUpBack() throws {
        var log = requested()
        done(&log, "jane.follow-up", at: "2026-11-09 10:00")
        let id = try #require(log.events.last?.id)
        log.add(.retracted, "jane", at: "2026-11-09 10:05") { $0.retracts = id }
        #expect(plan(log).tasks.map(\.id) == ["jane.follow-up"])
        #expect(plan(log).contacts[0].followUpsSent.isEmpty)
    }
}

/// A person's own keep-in-touch period, and the list of people one is losing touch with.
@Suite struct CadenceTests {
    @Test func aCadenceKeepsInTouchWithSomeoneNeverMet() throws {
        var log = Log()
        log.add(.added, "bob", at: "2026-11-01 08:00") { $0.cadence = "30d" }
        let t = try #require(planner().plan(log.events).tasks.first)
        #expect(t.kind == .keepInTouch && t.remindAt == local("2026-12-01 08:00"))
        // The rule's window (104d − 90d) after the reminder.
        #expect(t.due == local("2026-12-15 08:00"))
        log.add(.replied, "bob", at: "2026-11-20 09:00")
        let moved = try #require(planner().plan(log.events).tasks.first)
        #expect(moved.remindAt == local("2026-12-20 09:00") && moved.id == "bob.keep-in-touch.20261120")
    }

    @Test func aCadenceOverridesTheRuleAfterAThankYouAndNeverSilencesIt() throws {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.held, "jane", at: "2026-11-02 10:00")
        log.add(.thanked, "jane", at: "2026-11-02 18:00")
        #expect(planner().plan(log.events).tasks.first?.remindAt == local("2027-01-31 18:00"))  // 90d
        log.add(.updated, "jane", at: "2026-11-03 08:00") { $0.cadence = "2w" }
        #expect(planner().plan(log.events).tasks.first?.remindAt == local("2026-11-16 18:00"))
        log.add(.updated, "jane", at: "2026-11-04 08:00") { $0.cadence = "never" }
        #expect(planner().plan(log.events).tasks.isEmpty)
        log.add(.updated, "jane", at: "2026-11-05 08:00") { $0.cadence = "" }  // `--cadence default`
        #expect(planner().plan(log.events).tasks.first?.remindAt == local("2027-01-31 18:00"))
    }

    @Test func aCadenceWaitsWhileARequestIsOpen() {
        var log = Log()
        log.add(.added, "bob", at: "2026-11-01 08:00") { $0.cadence = "30d" }
        log.add(.requested, "bob", at: "2026-11-02 08:00")
        #expect(planner().plan(log.events).tasks.map(\.kind) == [.followUp])
    }

    @Test func aBadCadenceInTheLogIsReportedAndTheRuleApplies() {
        var log = Log()
        log.add(.added, "bob", at: "2026-11-01 08:00") { $0.cadence = "monthly" }
        let p = planner().plan(log.events)
        #expect(p.diagnostics.contains { $0.code == .badCadence && $0.message.contains("monthly") })
        #expect(p.tasks.isEmpty)
    }

    @Test func theCadenceTextIsCheckedAndNormalised() throws {
        #expect(try Cadence.stored("6W") == "6w")
        #expect(try Cadence.stored("Never") == "never")
        #expect(try Cadence.stored("default") == "")
        #expect(throws: DurationError.self) { try Cadence.stored("0d") }
        #expect(throws: DurationError.self) { try Cadence.stored("monthly") }
        #expect(throws: DurationError.self) { try Cadence.stored("5h") }
    }

    @Test func losingTouchIsLongestOutOfTouchFirst() {
        var log = Log()
        log.add(.added, "ann", at: "2026-06-01 08:00") { $0.cadence = "30d" }
        log.add(.added, "bob", at: "2026-05-01 08:00") { $0.cadence = "30d" }
        log.add(.added, "cy", at: "2026-11-20 08:00") { $0.cadence = "30d" }
        log.add(.added, "dee", at: "2026-05-01 08:00") { $0.cadence = "30d" }
        log.add(.snoozed, "dee", at: "2026-11-25 08:00") {
            $0.task = "dee.keep-in-touch.20260501"; $0.until = local("2026-12-10 08:00")
        }
        let list = planner().plan(log.events).losingTouch(at: local("2026-12-01 08:00"))
        #expect(list.map(\.contact.id) == ["bob", "ann"])
    }
}

@Suite struct ReferralTests {
    @Test func theLongestChainAndTheMeetingsItBrought() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.added, "bob", at: "2026-11-02 08:00") { $0.referredBy = "jane" }
        log.add(.added, "cy", at: "2026-11-03 08:00") { $0.referredBy = "bob" }
        log.add(.added, "dee", at: "2026-11-03 09:00") { $0.referredBy = "jane" }
        log.add(.held, "bob", at: "2026-11-04 10:00")
        log.add(.held, "jane", at: "2026-11-04 12:00")
        let p = planner().plan(log.events)
        #expect(p.referrals(of: "jane").map(\.id) == ["bob", "dee"])
        let stats = CampaignStats(p.contacts)
        #expect(stats.longestChain == ["jane", "bob", "cy"])
        #expect(stats.heldFromReferrals == 1)
    }

    @Test func aLoopInTheDataIsWalkedOnce() {
        var log = Log()
        log.add(.added, "a", at: "2026-11-01 08:00") { $0.referredBy = "b" }
        log.add(.added, "b", at: "2026-11-01 09:00") { $0.referredBy = "a" }
        #expect(ReferralChain.longest(planner().plan(log.events).contacts).count == 2)
    }
}

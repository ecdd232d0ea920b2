import Foundation
import IIDCore
import Testing

/// The weekly digest lists the move to the next person at an employer with what is owed, says
/// the week's goals against what was done, and gives each owed line its context.
@Suite struct WeeklyDigestGoalsTests {
    static let rule = DigestSchedule(weekday: 2, minuteOfDay: 480, via: [.email])
    /// Monday 6 April 2026: Jane at Acme was asked on the Friday before the clocks went forward
    /// and has not answered; Dan is next there.
    let now = local("2026-04-06 08:00")

    func builder(goals: Goals? = nil) -> MessageBuilder {
        var config = Config()
        config.digest = Self.rule
        config.goals = goals
        return MessageBuilder(config: config, zone: berlin)
    }

    func deliver(_ builder: MessageBuilder, _ plan: Planner.Plan) throws -> ReminderMessage {
        let d = Scheduler.Delivery(
            reminder: Reminder.digest(Self.rule.period(at: now, in: berlin), channels: [.email]), channel: .email,
            lateness: 0, isLate: false)
        let out = builder.weekly([d], plan: plan, now: now)
        return try #require(out.outgoing.first?.message)
    }

    @Test func theNextPersonAtAnEmployerIsOwedWithItsContext() throws {
        let plan = planner().plan(NextContactTaskTests.log().events)
        let contents = DigestContents(plan: plan, now: now, until: Self.rule.horizon(from: now, in: berlin))
        #expect(contents.owed.map(\.id).contains("jane.next-contact"), "\(contents.owed.map(\.id))")
        let lines = try deliver(builder(), plan).body.split(separator: "\n").map(String.init)
        let i = try #require(
            lines.firstIndex {
                $0.hasPrefix(
                    "• Overdue: Try the next person at Acme Analytics: Dan (Jane has not answered) (due Fri 3 Apr")
            }, "\(lines)")
        #expect(lines[i + 1] == "  asked Fri 27 Mar", "\(lines)")
    }

    /// The report owed to whoever referred someone you met is owed like a thank-you: Dan was met
    /// on 26 March, so on Monday 6 April both Dan's thank-you and Jane's report are overdue.
    @Test func theReportToTheReferrerIsOwed() throws {
        let plan = planner().plan(ReportBackTests().log().events)
        let contents = DigestContents(plan: plan, now: now, until: Self.rule.horizon(from: now, in: berlin))
        #expect(contents.owed.map(\.id) == ["dan.thank-you", "jane.report-back.dan"], "\(contents.owed.map(\.id))")
        let body = try deliver(builder(), plan).body
        #expect(body.contains("Tell Jane how it went with Dan"), "\(body)")
    }

    @Test func theGoalsAgainstWhatWasDone() throws {
        var log = NextContactTaskTests.log()
        log.add(.held, "sam", at: "2026-04-01 15:00")
        let plan = planner().plan(log.events)
        let m = try deliver(builder(goals: Goals(requests: 2, meetings: 1)), plan)
        // Last week (30 March to 6 April) had Sam's meeting and no request; the week before, two requests.
        #expect(
            m.body.contains(
                "Goals: last week requests 0 of 2, meetings 1 of 1; this week so far requests 0 of 2, meetings 0 of 1; "
                    + "no week met in a row yet."), "\(m.body)")
        let without = try deliver(builder(), plan)
        #expect(!without.body.contains("Goals:"), "no goals set, none said")
    }
}

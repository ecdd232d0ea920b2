import Foundation
import IIDCore
import Testing

/// A week's goals: weeks from Monday 00:00 to Monday 00:00 in the configured zone, across
/// daylight-saving changes, and the streak of weeks met.
@Suite struct GoalsTests {
    /// Two requests a week for three weeks, the third ending on the night the clocks go back
    /// (Sunday 25 October 2026 in Berlin), and one so far in the week after.
    static func log() -> Log {
        var log = Log()
        let requests = [
            "2026-10-05 10:00", "2026-10-09 10:00", "2026-10-12 10:00", "2026-10-14 10:00", "2026-10-16 10:00",
            "2026-10-19 00:30", "2026-10-25 23:30", "2026-10-26 00:30",
        ]
        for (n, at) in requests.enumerated() {
            log.add(.added, "p\(n)", at: "2026-10-01 08:00")
            log.add(.requested, "p\(n)", at: at)
        }
        log.add(.held, "p0", at: "2026-10-20 15:00")
        return log
    }

    @Test func aWeekIsMondayToMondayInTheZoneAcrossTheChange() {
        let start = GoalProgress.weekStart(containing: local("2026-10-25 23:30"), in: berlin)
        #expect(start == local("2026-10-19 00:00"))
        let p = GoalProgress(
            goals: Goals(requests: 2), contacts: planner().plan(Self.log().events).contacts,
            now: local("2026-10-28 12:00"), zone: berlin)
        #expect(p.lastWeek.start == local("2026-10-19 00:00") && p.lastWeek.end == local("2026-10-26 00:00"))
        #expect(p.lastWeek.end.timeIntervalSince(p.lastWeek.start) == 169 * 3600, "the week the clocks go back")
        // 23:30 on the Sunday is still that week; 00:30 on the Monday is the next.
        #expect(p.lastWeek.requests == 2 && p.lastWeek.meetings == 1)
        #expect(p.week.start == local("2026-10-26 00:00") && p.week.requests == 1)
    }

    @Test func theWeekTheClocksGoForwardIsAnHourShorter() {
        let at = local("2026-03-30 00:30")
        let start = GoalProgress.weekStart(containing: at, in: berlin)
        #expect(start == local("2026-03-30 00:00"))
        let before = GoalProgress.weekStart(containing: local("2026-03-29 23:30"), in: berlin)
        #expect(before == local("2026-03-23 00:00") && start.timeIntervalSince(before) == 167 * 3600)
        // Monday 03:00 in Berlin is still Sunday evening in New York: the week before, there.
        let monday = local("2026-10-19 03:00")
        #expect(GoalProgress.weekStart(containing: monday, in: newYork) == local("2026-10-12 00:00", newYork))
    }

    @Test func theStreakCountsWeeksMetAndAWeekUnderWayDoesNotBreakIt() {
        let contacts = planner().plan(Self.log().events).contacts
        let now = local("2026-10-28 12:00")
        let p = GoalProgress(goals: Goals(requests: 2), contacts: contacts, now: now, zone: berlin)
        #expect(p.streak == 3 && !p.week.met(p.goals))
        #expect(p.streakText == "3 weeks met in a row")
        #expect(GoalProgress.against(p.goals, p.lastWeek) == "requests 2 of 2")
        // This week met too: four.
        var log = Self.log()
        log.add(.requested, "p1", at: "2026-10-27 09:00")
        let more = GoalProgress(
            goals: Goals(requests: 2), contacts: planner().plan(log.events).contacts, now: now, zone: berlin)
        #expect(more.streak == 4)
        // A meeting goal as well: only the week with a meeting is met, and the one before is not.
        let both = GoalProgress(goals: Goals(requests: 2, meetings: 1), contacts: contacts, now: now, zone: berlin)
        #expect(both.streak == 1 && both.lastWeek.met(both.goals))
        #expect(GoalProgress.against(both.goals, both.week) == "requests 1 of 2, meetings 0 of 1")
        // What happens after `now` does not count.
        let early = GoalProgress(
            goals: Goals(requests: 2), contacts: contacts, now: local("2026-10-25 23:00"), zone: berlin)
        #expect(early.week.requests == 1 && early.streak == 2)
        #expect(!GoalWeek(start: now, end: now).met(Goals()), "no goal set is never met")
    }
}

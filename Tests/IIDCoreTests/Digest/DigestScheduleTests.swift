import Foundation
import IIDCore
import Testing

@Suite struct DigestScheduleTests {
    let monday = DigestSchedule(weekday: 2, minuteOfDay: 8 * 60)

    func wallHour(_ d: Date) -> Int { LocalTime.fields(of: d, in: berlin).hour }

    @Test func thePeriodBeganAtTheLatestEveryInstant() {
        let p = monday.period(at: local("2026-12-09 10:00"), in: berlin)
        #expect(p.key == "digest@2026-12-07T08:00")
        #expect(p.start == local("2026-12-07 08:00"))
        #expect(p.end == local("2026-12-14 08:00"))
        #expect(monday.next(after: local("2026-12-09 10:00"), in: berlin).key == "digest@2026-12-14T08:00")
    }

    @Test func aPeriodBeginsAtItsInstantExactly() {
        #expect(monday.period(at: local("2026-12-07 08:00"), in: berlin).key == "digest@2026-12-07T08:00")
        let before = local("2026-12-07 08:00").addingTimeInterval(-1)
        #expect(monday.period(at: before, in: berlin).key == "digest@2026-11-30T08:00")
        #expect(monday.next(after: before, in: berlin).start == local("2026-12-07 08:00"))
        // On the day but before the time, and on a Sunday: the week before.
        #expect(monday.period(at: local("2026-12-13 23:59"), in: berlin).key == "digest@2026-12-07T08:00")
    }

    @Test func keepsItsWallTimeAcrossTheSpringChange() {
        // Berlin moves to summer time on Sunday 29 March 2026: that week is an hour short.
        let p = monday.period(at: local("2026-03-25 12:00"), in: berlin)
        #expect(p.key == "digest@2026-03-23T08:00")
        #expect(p.end.timeIntervalSince(p.start) == 7 * 86_400 - 3600)
        #expect(wallHour(p.start) == 8 && wallHour(p.end) == 8)
        #expect(monday.next(after: p.start, in: berlin).start == p.end)
    }

    @Test func keepsItsWallTimeAcrossTheAutumnChange() {
        // Back to winter time on Sunday 25 October 2026: that week is an hour long.
        let p = monday.period(at: local("2026-10-20 12:00"), in: berlin)
        #expect(p.key == "digest@2026-10-19T08:00")
        #expect(p.end.timeIntervalSince(p.start) == 7 * 86_400 + 3600)
        #expect(wallHour(p.end) == 8)
    }

    @Test func aTimeTheClocksSkipOrRepeatIsDecidedOnce() {
        let sunday = DigestSchedule(weekday: 1, minuteOfDay: 2 * 60 + 30)
        // 02:30 does not exist on 29 March: just after the gap, 03:30 summer time.
        let spring = sunday.period(at: local("2026-03-29 12:00"), in: berlin)
        #expect(spring.key == "digest@2026-03-29T02:30")
        #expect(Timestamp.format(spring.start, in: berlin) == "2026-03-29T03:30:00+02:00")
        // 02:30 happens twice on 25 October: the first one.
        let autumn = sunday.period(at: local("2026-10-25 12:00"), in: berlin)
        #expect(Timestamp.format(autumn.start, in: berlin) == "2026-10-25T02:30:00+02:00")
        #expect(sunday.period(at: autumn.start.addingTimeInterval(3600), in: berlin).key == autumn.key)
    }

    @Test func dailyIsEveryDayAtItsTime() {
        let daily = DigestSchedule(weekday: nil, minuteOfDay: 7 * 60)
        #expect(daily.period(at: local("2026-12-09 06:59"), in: berlin).key == "digest@2026-12-08T07:00")
        #expect(daily.next(after: local("2026-12-09 06:59"), in: berlin).start == local("2026-12-09 07:00"))
        #expect(daily.description == "daily 07:00")
    }

    @Test func theSchedulerWeighsTheCurrentPeriodAndTheNext() {
        let r = monday.reminders(at: local("2026-12-09 10:00"), in: berlin)
        #expect(r.map(\.key) == ["digest@2026-12-07T08:00", "digest@2026-12-14T08:00"])
        #expect(r.allSatisfy { $0.isDigest && $0.channels == [.email] })
        #expect(r[0].ledgerKey(.email) == "digest@2026-12-07T08:00#email")
    }

    @Test func readsTheEveryForms() throws {
        for (text, day, minute) in [
            ("mon 08:00", 2, 480), ("monday 8:00", 2, 480), ("Mon 8am", 2, 480), ("fri 17:30", 6, 1050),
            ("sun 0:00", 1, 0),
        ] {
            let rule = try DigestSchedule.parse(every: text).get()
            #expect(rule.weekday == day && rule.minuteOfDay == minute, "\(text)")
        }
        let daily = try DigestSchedule.parse(every: "daily 07:00").get()
        #expect(daily.weekday == nil && daily.minuteOfDay == 420)
        #expect(DigestSchedule(weekday: 2, minuteOfDay: 480).description == "mon 08:00")
    }

    @Test func refusesABadWeekdayOrTime() {
        func reason(_ text: String) -> String? {
            if case .failure(let e) = DigestSchedule.parse(every: text) { return e.reason }
            return nil
        }
        #expect(reason("mox 08:00")?.contains("unknown weekday 'mox'") == true)
        #expect(reason("mon 25:00")?.contains("invalid time '25:00'") == true)
        #expect(reason("mon")?.contains("a weekday and a time") == true)
        #expect(reason("") != nil)
        #expect(reason("mo 08:00") != nil, "too short to name a day")
    }
}

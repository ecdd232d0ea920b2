import Foundation
import IIDCore
import Testing

/// The digest goes through `Scheduler.decide` like any reminder: the same catch-up, quiet hours,
/// retries and timer.
@Suite struct DigestSchedulingTests {
    func config(_ fill: (inout Config) -> Void = { _ in }) -> Config {
        var c = Config()
        c.digest = DigestSchedule(weekday: 2, minuteOfDay: 480, via: [.email])
        fill(&c)
        return c
    }

    func decide(_ config: Config, delivered: Set<String> = [], at now: Date, retryAt: [String: Date] = [:])
        -> Scheduler.Decision
    {
        Scheduler(config: config, zone: berlin).decide(reminders: [], delivered: delivered, now: now, retryAt: retryAt)
    }

    @Test func theTimerIsArmedForTheNextDigestAndForeseesIt() {
        let d = decide(config(), delivered: ["digest@2026-11-30T08:00#email"], at: local("2026-12-02 10:00"))
        #expect(d.deliveries.isEmpty)
        #expect(d.nextWake == local("2026-12-07 08:00"))
        #expect(d.upcoming.map(\.ledgerKey) == ["digest@2026-12-07T08:00#email"])
        #expect(d.next == nil, "the status's next reminder is a task's")
        #expect(d.foreseen(firingAt: local("2026-12-07 08:00"))?.count == 1)
        let off = decide(Config(), at: local("2026-12-02 10:00"))
        #expect(off.nextWake == nil, "no digest, no wake-up")
    }

    @Test func missedWhileDownItGoesLateOnceAndNeverAnOlderOne() {
        let d = decide(config(), at: local("2026-12-08 09:00"))
        #expect(d.deliveries.map(\.ledgerKey) == ["digest@2026-12-07T08:00#email"])
        #expect(d.deliveries.first?.isLate == true)
        let sent = decide(config(), delivered: ["digest@2026-12-07T08:00#email"], at: local("2026-12-08 09:00"))
        #expect(sent.deliveries.isEmpty && sent.skips.isEmpty)
    }

    @Test func olderThanCatchUpItIsSkipped() {
        let c = config { $0.catchUp = .days(1) }
        let d = decide(c, at: local("2026-12-09 09:00"))
        #expect(d.deliveries.isEmpty)
        #expect(d.skips.map(\.ledgerKey) == ["digest@2026-12-07T08:00#email"])
        #expect(d.skips.first?.reason == .tooOld)
    }

    @Test func quietHoursHoldItButNotTheJournal() {
        let c = config {
            $0.quietHours = QuietHours(parsing: "07:00-09:00")
            $0.digest?.via = [.email, .journal]
        }
        let d = decide(c, at: local("2026-12-07 08:00"))
        #expect(d.deliveries.map(\.channel) == [.journal])
        #expect(d.nextWake == local("2026-12-07 09:00"))
    }

    @Test func aFailedOneWaitsForItsRetry() {
        let key = "digest@2026-12-07T08:00#email"
        let d = decide(config(), at: local("2026-12-07 08:01"), retryAt: [key: local("2026-12-07 08:02")])
        #expect(d.deliveries.isEmpty)
        #expect(d.nextWake == local("2026-12-07 08:02"))
    }

    @Test func oneRetriedIntoTheNextPeriodIsNotForeseenWithIt() {
        // Yesterday's daily digest waits for a retry until today's is due: the timer sends today's.
        let c = config { $0.digest?.weekday = nil }
        let d = decide(
            c, at: local("2026-12-07 07:00"), retryAt: ["digest@2026-12-06T08:00#email": local("2026-12-07 08:00")])
        #expect(d.nextWake == local("2026-12-07 08:00"))
        #expect(d.upcoming.map(\.ledgerKey) == ["digest@2026-12-07T08:00#email"])
    }
}

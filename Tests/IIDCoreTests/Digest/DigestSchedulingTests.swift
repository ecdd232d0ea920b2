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

    func decide(
        _ config: Config, delivered: Set<String> = [], at now: Date, retryAt: [String: Date] = [:],
        latestDigest: [Channel: Date] = [:]
    ) -> Scheduler.Decision {
        Scheduler(config: config, zone: berlin).decide(
            reminders: [], delivered: delivered, now: now, retryAt: retryAt, latestDigest: latestDigest)
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

    @Test func oneRecordedSinceThePeriodBeganIsItsWhateverItsKey() {
        // Monday's went at 08:00; then `every` moved to 07:00, which names this period anew.
        let c = config { $0.digest?.minuteOfDay = 420 }
        let now = local("2026-12-07 08:30")
        let sent = [Channel.email: local("2026-12-07 08:00:02")]
        let d = decide(c, delivered: ["digest@2026-12-07T08:00#email"], at: now, latestDigest: sent)
        #expect(d.deliveries.isEmpty && d.skips.isEmpty, "not a second digest this period")
        #expect(d.nextWake == local("2026-12-14 07:00"))
        #expect(d.upcoming.map(\.ledgerKey) == ["digest@2026-12-14T07:00#email"], "the timer foresees the same")
        // Last week's does not count for this one, nor one on another channel.
        let old = decide(c, at: now, latestDigest: [.email: local("2026-11-30 08:00"), .journal: now])
        #expect(old.deliveries.map(\.ledgerKey) == ["digest@2026-12-07T07:00#email"])
    }

    @Test func theLedgerKnowsWhenADigestLastWentOnEachChannel() {
        let lines = [
            LedgerCoding.encode(
                key: "digest@2026-12-07T08:00#email", at: local("2026-12-07 08:00"), outcome: .delivered, zone: berlin),
            LedgerCoding.encode(
                key: "digest@2026-11-30T08:00#email", at: local("2026-11-30 08:00"), outcome: .delivered, zone: berlin),
            LedgerCoding.encode(
                key: "digest@2026-12-06T08:00#journal", at: local("2026-12-06 08:00"), outcome: .skipped, zone: berlin),
            LedgerCoding.encode(
                key: "dan.follow-up|first|1#email", at: local("2026-12-08 08:00"), outcome: .delivered, zone: berlin),
        ]
        let read = LedgerCoding.scan(Array(lines.joined(separator: "\n").utf8))
        #expect(read.keys.count == 4 && read.bad == 0)
        #expect(read.latestDigest == [.email: local("2026-12-07 08:00"), .journal: local("2026-12-06 08:00")])
    }

    @Test func heldByQuietHoursItIsNotLate() {
        let c = config { $0.quietHours = QuietHours(parsing: "07:00-09:00") }
        let armed = decide(c, delivered: ["digest@2026-11-30T08:00#email"], at: local("2026-12-06 20:00"))
        #expect(armed.upcoming.map(\.isLate) == [false], "the timer's foresight agrees")
        let released = decide(c, at: local("2026-12-07 09:00"))
        #expect(released.deliveries.map(\.isLate) == [false])
        let missed = decide(c, at: local("2026-12-07 11:00"))
        #expect(missed.deliveries.map(\.isLate) == [true], "late after the release: the daemon was away")
    }

    @Test func theNextDigestIsThisPeriodsUntilItIsRecorded() {
        let c = config { $0.quietHours = QuietHours(parsing: "07:00-09:00") }
        let s = Scheduler(config: c, zone: berlin)
        let key = "digest@2026-12-07T08:00#email"
        let now = local("2026-12-07 08:30")
        #expect(s.nextDigest(at: now, delivered: [], latestDigest: [:]) == local("2026-12-07 09:00"), "held")
        let retry = local("2026-12-07 09:05")
        #expect(s.nextDigest(at: now, delivered: [], latestDigest: [:], retryAt: [key: retry]) == retry)
        #expect(s.nextDigest(at: now, delivered: [key], latestDigest: [:]) == local("2026-12-14 08:00"))
        #expect(
            s.nextDigest(at: now, delivered: [], latestDigest: [.email: local("2026-12-07 08:10")])
                == local("2026-12-14 08:00"))
        #expect(Scheduler(config: Config(), zone: berlin).nextDigest(at: now, delivered: [], latestDigest: [:]) == nil)
    }
}

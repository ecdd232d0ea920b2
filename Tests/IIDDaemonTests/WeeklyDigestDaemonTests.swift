import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

/// The weekly digest in the running loop: once per period, by the ledger, caught up, held, retried.
@Suite(.serialized) struct WeeklyDigestDaemonTests {
    /// Mondays at 08:00 by email; the follow-up Dan is owed has no reminders of its own, so that
    /// the digest is the one thing the timer is for.
    static let digest = """
        digest:
          every: mon 08:00
          via: [email]
        reminders:
          follow-up: {via: []}
        """
    static let firstKey = "digest@2026-12-07T08:00#email"

    /// `sent`: the week before went already, as it would have with the daemon running then.
    func harness(now: String, config: String = digest, sent: Bool = true) throws -> DaemonHarness {
        let h = try DaemonHarness(now: now, config: config)
        try h.record(.added, "dan", at: "2026-11-20 08:00")
        try h.record(.requested, "dan", at: "2026-11-20 09:00")
        if sent {
            try FileManager.default.createDirectory(
                atPath: (h.ledgerPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            let line = LedgerCoding.encode(
                key: "digest@2026-11-30T08:00#email", at: local("2026-11-30 08:00"), outcome: .delivered, zone: berlin)
            try (line + "\n").write(toFile: h.ledgerPath, atomically: true, encoding: .utf8)
        }
        return h
    }

    func digests(_ h: DaemonHarness) -> [String] {
        h.events.events.compactMap {
            if case .delivered(.email, let keys, let summary) = $0, keys.allSatisfy({ $0.hasPrefix("digest@") }) {
                return summary
            }
            return nil
        }
    }

    @Test func goesOncePerPeriodAndArmsTheTimerForTheNext() async throws {
        let h = try harness(now: "2026-12-06 20:00")
        try h.start()
        #expect(h.timer.deadline == local("2026-12-07 08:00"), "the next wake-up is the digest")
        #expect(h.runner.calls.isEmpty)
        #expect(try h.onQueue { $0.status().nextDigest } == "2026-12-07T08:00:00+01:00")
        try h.fireAtDeadline()
        #expect(await h.events.wait { _ in digests(h).count == 1 })
        #expect(digests(h) == ["iid: your week — 1 owed, 0 meetings"])
        let mail = try #require(h.runner.calls("sendmail").first)
        #expect(mail.input.contains("Owed (1):"))
        #expect(mail.input.contains("Subject: =?UTF-8?B?"))
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-12-14 08:00") })
        #expect(h.ledger.contains(Self.firstKey))
        // Fired again at the same instant: nothing more.
        let armed = h.events.count { $0.armedAt != nil }
        h.daemon?.fire(.deadline)
        #expect(await h.events.wait { e in e.filter { $0.armedAt != nil }.count > armed })
        #expect(h.runner.calls("sendmail").count == 1)
    }

    @Test func aRestartWithTheSameLedgerDoesNotSendItAgain() async throws {
        let h = try harness(now: "2026-12-07 08:00")
        try h.start()
        #expect(await h.events.wait { _ in h.ledger.contains(Self.firstKey) })
        h.stop()
        h.clock.set(local("2026-12-08 09:00"))
        try h.start()
        #expect(h.timer.deadline == local("2026-12-14 08:00"))
        #expect(h.runner.calls("sendmail").count == 1)
    }

    @Test func missedWhileDownItGoesOnceLateAndNoOlderOne() async throws {
        let h = try harness(now: "2026-12-08 10:00", sent: false)
        try h.start()
        #expect(await h.events.wait { _ in digests(h).count == 1 })
        let mail = try #require(h.runner.calls("sendmail").first)
        #expect(mail.input.contains("this digest was due Mon 7 Dec 08:00"))
        #expect(!h.ledger.contains("digest@2026-11-30"), "never more than the latest period")
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-12-14 08:00") })
    }

    @Test func olderThanCatchUpItIsLoggedAndSkipped() async throws {
        let h = try harness(now: "2026-12-09 10:00", config: Self.digest + "\ncatch_up: 1d\n")
        try h.start()
        #expect(h.ledger.contains("\"key\":\"\(Self.firstKey)\"") && h.ledger.contains("skipped"))
        #expect(h.logs.lines.contains { $0.message.contains("older than catch_up") })
        #expect(h.runner.calls("sendmail").isEmpty)
        #expect(h.timer.deadline == local("2026-12-14 08:00"))
    }

    @Test func quietHoursHoldIt() async throws {
        let h = try harness(now: "2026-12-06 20:00", config: Self.digest + "\nquiet_hours: \"22:00-09:00\"\n")
        try h.start()
        #expect(h.timer.deadline == local("2026-12-07 09:00"))
        try h.fireAtDeadline()
        #expect(await h.events.wait { _ in digests(h).count == 1 })
        let mail = try #require(h.runner.calls("sendmail").first)
        #expect(!mail.input.contains("Late"), "held by quiet hours is not late")
    }

    @Test func changingEveryMidPeriodDoesNotSendItAgain() async throws {
        let h = try harness(now: "2026-12-07 08:00")
        try h.start()
        #expect(await h.events.wait { _ in h.ledger.contains(Self.firstKey) })
        h.clock.set(local("2026-12-07 08:30"))
        try h.writeConfig(Self.digest.replacingOccurrences(of: "mon 08:00", with: "mon 07:00"))
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-12-14 07:00") })
        #expect(h.runner.calls("sendmail").count == 1)
        #expect(!h.ledger.contains("digest@2026-12-07T07:00"))
        // And after a restart, from the ledger on disk.
        h.stop()
        try h.start()
        #expect(h.timer.deadline == local("2026-12-14 07:00"))
        #expect(h.runner.calls("sendmail").count == 1)
    }

    @Test func theStatusShowsThisPeriodsUntilItGoes() async throws {
        let h = try harness(now: "2026-12-07 08:30", config: Self.digest + "\nquiet_hours: \"22:00-09:00\"\n")
        try h.start()
        #expect(try h.onQueue { $0.status().nextDigest } == "2026-12-07T09:00:00+01:00", "held by quiet hours")
        try h.fireAtDeadline()
        #expect(await h.events.wait { _ in h.ledger.contains(Self.firstKey) })
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-12-14 09:00") })
        #expect(try h.onQueue { $0.status().nextDigest } == "2026-12-14T08:00:00+01:00")
    }

    @Test func aFailedMailIsRetried() async throws {
        let h = try harness(now: "2026-12-06 20:00")
        h.runner.exit("sendmail", 75)
        try h.start()
        try h.fireAtDeadline()
        #expect(
            await h.events.wait { e in e.contains { if case .failed(.email, _, _, _) = $0 { true } else { false } } })
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-12-07 08:00").addingTimeInterval(30) })
        #expect(!h.ledger.contains(Self.firstKey))
        #expect(try h.onQueue { $0.status().nextDigest } == "2026-12-07T08:00:30+01:00", "its retry")
        h.runner.exit("sendmail", 0)
        try h.fireAtDeadline()
        #expect(await h.events.wait { _ in digests(h).count == 1 })
        #expect(await h.events.wait { _ in h.ledger.contains(Self.firstKey) })
        #expect(h.runner.calls("sendmail").count == 2)
    }

    @Test func anEmptyWeekIsRecordedNotSentUnlessAskedFor() async throws {
        let h = try DaemonHarness(now: "2026-12-07 08:00", config: Self.digest)
        try h.start()
        #expect(h.ledger.contains(Self.firstKey) && h.ledger.contains("skipped"))
        #expect(h.runner.calls("sendmail").isEmpty)
        let sending = try DaemonHarness(
            now: "2026-12-07 08:00",
            config: Self.digest.replacingOccurrences(of: "via: [email]", with: "via: [email]\n  empty: send"))
        try sending.start()
        #expect(try sending.onQueue { $0.status().configError } == nil)
        #expect(await sending.events.wait { _ in digests(sending) == ["iid: your week — nothing owed"] })
    }
}

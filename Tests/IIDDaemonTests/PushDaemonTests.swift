import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

/// The push channel in the loop: apprise's argv, a failure retried with backoff, and the URLs'
/// secrets kept out of the log and the status.
@Suite(.serialized) struct PushDaemonTests {
    static let url = "ntfys://alice:s3cretpw@ntfy.example.org/jobsearch-topic"

    func harness() throws -> DaemonHarness {
        let h = try DaemonHarness(
            now: "2026-11-08 13:59",
            config: """
                  push:
                    urls: ["\(Self.url)"]
                reminders:
                  homework:
                    via: [push]
                """)
        try h.record(.added, "jane", at: "2026-11-01 08:00")
        try h.record(.scheduled, "jane", at: "2026-11-01 09:00") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
        }
        return h
    }

    @Test func sendsThroughAppriseWithTheTextAsOptionValues() async throws {
        let h = try harness()
        try h.start()
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains { $0.deliveredChannel == .push } })
        let call = try #require(h.runner.calls("apprise").first)
        #expect(
            call.argv.prefix(2) == ["apprise", "--title=Do your homework for the meeting with Jane"])
        #expect(call.argv.contains("--notification-type=info"))
        #expect(call.argv.suffix(2) == ["--", Self.url])
        #expect(h.runner.calls("notify-send").isEmpty, "only the channels in via")
        #expect(h.ledger.contains("jane.homework|first|") && h.ledger.contains("#push"))
        #expect(!h.logs.lines.contains { "\($0.message) \($0.metadata)".contains("s3cretpw") })
        let status = try h.onQueue { $0.status() }
        #expect(status.pushTo == "ntfys://ntfy.example.org")
        #expect(!status.encoded().contains("s3cretpw"))
    }

    @Test func aFailureIsRetriedWithBackoffAndShownInTheStatus() async throws {
        let h = try harness()
        h.runner.exit("apprise", 1)
        try h.start()
        try h.fireAtDeadline()
        #expect(
            await h.events.wait { e in e.contains { if case .failed(.push, _, _, _) = $0 { true } else { false } } })
        let firstTry = local("2026-11-08 14:00")
        #expect(await h.events.wait { _ in h.timer.deadline == firstTry.addingTimeInterval(30) })
        // Push has no fallback: the journal gets nothing.
        #expect(h.journal.drain().isEmpty)
        try h.fireAtDeadline()
        #expect(await h.events.wait { _ in h.timer.deadline == firstTry.addingTimeInterval(30 + 60) })
        let state = try h.onQueue { $0.status().channels[.push] }
        #expect(state?.retrying == 1)
        #expect(state?.lastError?.contains("apprise") == true)
        #expect(state?.lastError?.contains("s3cretpw") == false)
        h.runner.exit("apprise", 0)
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains { $0.deliveredChannel == .push } })
        #expect(h.runner.calls("apprise").count == 3)
    }
}

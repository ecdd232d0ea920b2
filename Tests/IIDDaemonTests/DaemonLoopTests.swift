import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

/// The loop in-process: a clock the test moves, a timer it fires, a runner that records, the
/// real inotify, ledger, control socket and a journal socket of the test's own.
@Suite(.serialized) struct DaemonLoopTests {
    /// Jane's meeting is on Tuesday 10 November at 14:00; her homework reminder is two days before.
    func janeWithAMeeting(_ h: DaemonHarness) throws {
        try h.record(.added, "jane", at: "2026-11-01 08:00")
        try h.record(.scheduled, "jane", at: "2026-11-01 09:00") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
        }
    }

    /// Fires the timer at its deadline and waits for the reminder on both default channels: the
    /// notification's title (user text after `--`).
    func firedTitle(_ h: DaemonHarness) async throws -> String {
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in Set(e.compactMap(\.deliveredChannel)) == [.notify, .journal] })
        let notify = try #require(h.runner.calls("notify-send").first)
        let dash = try #require(notify.argv.firstIndex(of: "--"))
        return notify.argv[dash + 1]
    }

    @Test func deliversAtItsTimeOnEachChannelOnce() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        try janeWithAMeeting(h)
        try h.start()
        #expect(h.timer.deadline == local("2026-11-08 14:00"))
        #expect(h.runner.calls.isEmpty)
        try h.fireAtDeadline()
        let both = await h.events.wait { e in Set(e.compactMap(\.deliveredChannel)) == [.notify, .journal] }
        #expect(both)
        let notify = try #require(h.runner.calls("notify-send").first)
        // User text after `--`, so a title cannot become an option.
        let dash = try #require(notify.argv.firstIndex(of: "--"))
        #expect(notify.argv[dash + 1] == "Do your homework for the meeting with Jane")
        #expect(h.journal.drain().count == 1)
        #expect(
            h.ledger.contains("jane.homework|first|") && h.ledger.contains("#notify") && h.ledger.contains("#journal"))
        // Firing again at the same instant sends nothing more: the ledger has them.
        let armed = h.events.count { $0.armedAt != nil }
        h.daemon?.fire(.deadline)
        #expect(await h.events.wait { e in e.filter { $0.armedAt != nil }.count > armed })
        #expect(h.runner.calls("notify-send").count == 1)
        #expect(h.timer.deadline == local("2026-11-09 14:00"), "next: the confirm reminder a day before")
    }

    /// One employer at a time: Jane at an organisation on the list, asked on Monday 2 November and
    /// silent, brings the next person there three business days later, like any task.
    @Test func theNextPersonAtAnEmployerIsRemindedLikeAnyTask() async throws {
        let h = try DaemonHarness(now: "2026-11-02 10:00")
        try h.record(.orgAdded, "org:acme", at: "2026-11-01 08:00") { $0.name = "Acme Analytics" }
        try h.record(.added, "jane", at: "2026-11-01 08:00") { $0.org = "Acme Analytics GmbH" }
        try h.record(.added, "dan", at: "2026-11-01 08:01") { $0.org = "ACME analytics" }
        try h.record(.requested, "jane", at: "2026-11-02 10:00")
        try h.start()
        #expect(h.timer.deadline == local("2026-11-05 10:00"))
        #expect(try await firedTitle(h) == "Try the next person at Acme Analytics: Dan (Jane has not answered)")
        #expect(h.ledger.contains("jane.next-contact|first|"))
    }

    @Test func missedWhileAwayComeAsOneLateDigestPerChannel() async throws {
        let h = try DaemonHarness(now: "2026-11-09 20:00")
        try janeWithAMeeting(h)
        try h.start()
        #expect(await h.events.wait { e in e.compactMap(\.deliveredChannel).count == 2 })
        let argv = try #require(h.runner.calls("notify-send").first).argv
        #expect(argv.contains("2 reminders while you were away"))
        #expect(h.runner.calls("notify-send").count == 1, "one digest, not one message each")
        let entry = try #require(h.journal.drain().first)
        #expect(entry.contains("2 reminders while you were away"))
    }

    @Test func aFailedChannelIsRetriedWithBackoffAndFallsBackToTheJournalOnce() async throws {
        let h = try DaemonHarness(
            now: "2026-11-08 13:59",
            config: """
                reminders:
                  homework:
                    via: [notify]
                """)
        try janeWithAMeeting(h)
        h.runner.exit("notify-send", 1)
        try h.start()
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains { if case .failed = $0 { true } else { false } } })
        let firstTry = local("2026-11-08 14:00")
        #expect(await h.events.wait { _ in h.timer.deadline == firstTry.addingTimeInterval(30) })
        #expect(h.events.count { if case .fellBack(.journal, _) = $0 { true } else { false } } == 1)
        #expect(h.journal.drain().count == 1)
        // The second failure waits twice as long, and does not go to the journal again.
        try h.fireAtDeadline()
        #expect(await h.events.wait { _ in h.timer.deadline == firstTry.addingTimeInterval(30 + 60) })
        #expect(h.journal.drain().isEmpty)
        #expect(try h.onQueue { $0.status().channels[.notify]?.retrying } == 1)
        // The server is back: delivered, recorded, nothing more to retry.
        h.runner.exit("notify-send", 0)
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains { $0.deliveredChannel == .notify } })
        #expect(h.runner.calls("notify-send").count == 3)
        #expect(h.ledger.contains("#notify"))
        #expect(try h.onQueue { $0.status().channels[.notify]?.retrying } == 0)
    }

    @Test func manyDueAtOnceMakeOneDigest() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        for name in ["ana", "bo", "cy", "di", "ed"] {
            try h.record(.added, name, at: "2026-11-01 08:00")
            try h.record(.requested, name, at: "2026-11-01 09:00")
        }
        try h.start()
        #expect(h.timer.deadline == local("2026-11-08 09:00"))
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.compactMap(\.deliveredChannel).count == 2 })
        let argv = try #require(h.runner.calls("notify-send").first).argv
        #expect(argv.contains("5 reminders due now"))
        #expect(h.runner.calls("notify-send").count == 1)
    }

    @Test func quietHoursHoldTheNotificationButNotTheJournal() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00", config: "quiet_hours: \"13:00-15:30\"")
        try janeWithAMeeting(h)
        try h.start()
        #expect(h.timer.deadline == local("2026-11-08 14:00"))
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains { $0.deliveredChannel == .journal } })
        #expect(h.runner.calls("notify-send").isEmpty)
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-11-08 15:30") })
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains { $0.deliveredChannel == .notify } })
    }

    @Test func aBrokenConfigIsReportedAndTheLastGoodOneKept() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        try janeWithAMeeting(h)
        try h.start()
        let before = h.timer.deadline
        try "reminders:\n  homework:\n    before: soon\n".write(toFile: h.configPath, atomically: true, encoding: .utf8)
        #expect(
            await h.events.wait { e in
                e.contains { if case .reloaded(let err?) = $0 { err.contains("soon") } else { false } }
            })
        let status = try h.onQueue { $0.status() }
        #expect(status.configError?.contains("config.yaml:3") == true)
        #expect(status.status.hasSuffix("(config error: last good config in use)"))
        #expect(h.timer.deadline == before)
        #expect(h.logs.lines.contains { $0.level == .error && $0.message.hasSuffix("keeping the last good config") })
    }

    @Test func aClockStepForwardSendsWhatBecameDue() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        try janeWithAMeeting(h)
        try h.start()
        h.clock.set(local("2026-11-09 14:05"))
        h.daemon?.fire(.clockChanged)
        #expect(await h.events.wait { e in e.compactMap(\.deliveredChannel).count == 2 })
        let argv = try #require(h.runner.calls("notify-send").first).argv
        #expect(argv.contains("2 reminders while you were away"))
        #expect(h.timer.deadline == local("2026-11-10 13:00"), "then the brief, an hour before")
    }

    @Test func anAppendedEventMovesTheTimer() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        try janeWithAMeeting(h)
        try h.start()
        try h.record(.scheduled, "jane", at: "2026-11-01 10:00") {
            $0.start = local("2026-11-20 14:00")
            $0.minutes = 30
        }
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-11-18 14:00") })
    }

    /// Advice acted on, recorded while the daemon runs: the report owed on it is planned from the
    /// appended event and reminded like any task, two days later.
    @Test func aReportOnAdviceActedOnIsRemindedLikeAnyTask() async throws {
        let h = try DaemonHarness(now: "2026-11-02 10:00")
        try h.record(.added, "jane", at: "2026-11-01 08:00")
        try h.start()
        try h.record(.acted, "jane", at: "2026-11-02 10:00") { $0.text = "applied to the Acme data team" }
        #expect(await h.events.wait { _ in h.timer.deadline == local("2026-11-04 10:00") })
        #expect(try await firedTitle(h) == "Tell Jane what came of their advice: applied to the Acme data team")
        #expect(h.ledger.contains("jane.report-back.advice.20261102|first|"))
    }

    @Test func aPressedButtonIsRecordedAsAnEvent() async throws {
        let h = try DaemonHarness(now: "2026-11-08 13:59", config: "actions: true")
        try janeWithAMeeting(h)
        h.runner.answer(NotificationAction.done.rawValue)
        try h.start()
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains(.answered(task: "jane.homework", action: .done)) })
        let argv = try #require(h.runner.calls("notify-send").first).argv
        #expect(argv.contains(NotificationAction.snooze.argument))
        let log = try String(contentsOfFile: h.eventsDir + "/2026-11.test.jsonl", encoding: .utf8)
        #expect(log.contains("\"type\":\"done\"") && log.contains("\"task\":\"jane.homework\""))
        // The log change comes back through inotify and the task is gone from the plan.
        #expect(await h.events.wait { _ in (try? h.onQueue { $0.status().next?.task }) == "jane.confirm" })
    }

    @Test func statusOverTheControlSocketIsTheDaemonsOwn() async throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        try janeWithAMeeting(h)
        try h.start()
        let paths = Paths(environment: h.environment)
        let answer = try await Task.detached { try ControlClient(path: paths.controlSocket).request("status") }.value
        let status = try DaemonStatus.decode(answer)
        #expect(status == (try h.onQueue { $0.status() }))
        #expect(status.next?.task == "jane.homework")
        #expect(status.timezone == "Europe/Berlin")
        let pong = try await Task.detached { try ControlClient(path: paths.controlSocket).request("ping") }.value
        #expect(pong == "pong")
    }
}

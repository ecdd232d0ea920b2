import Foundation
import IIDCore
import Testing

@Suite struct DeliveryPolicyTests {
    @Test func retriesDoubleFromTheConfiguredDelayUpToAnHour() {
        var config = Config()
        config.delivery.retry = DurationSpec(30, .seconds)
        let policy = RetryPolicy(config: config)
        #expect((1...9).map { policy.delay(afterAttempt: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(RetryPolicy(first: 5).delay(afterAttempt: 0) == 5, "a count below one is the first try")
    }

    /// Jane's brief, an hour before her meeting, on `channels`.
    func reminder(via channels: [Channel]) -> Reminder {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        let tasks = planner().plan(log.events).tasks
        guard let task = tasks.first(where: { $0.kind == .brief }) else {
            Issue.record("no brief in \(tasks.map(\.id))")
            return Reminder(key: "k", task: tasks[0], slot: .first, fireAt: tasks[0].remindAt, channels: channels)
        }
        return Reminder(key: "k", task: task, slot: .first, fireAt: task.remindAt, channels: channels)
    }

    @Test func aFailedNotificationFallsBackToTheJournalUnlessItGoesThereAnyway() {
        #expect(FallbackRule.fallback(for: .notify, of: [reminder(via: [.notify])]) == .journal)
        #expect(FallbackRule.fallback(for: .notify, of: [reminder(via: [.notify, .journal])]) == nil)
        #expect(FallbackRule.fallback(for: .email, of: [reminder(via: [.email])]) == nil)
        #expect(FallbackRule.fallback(for: .journal, of: [reminder(via: [.journal])]) == nil)
    }

    @Test func theButtonsAndTheEventsTheyRecordAgree() {
        #expect(NotificationAction.allCases.map(\.argument) == ["--action=done=Done", "--action=snooze=Snooze 1h"])
        #expect(NotificationAction(answer: " snooze ") == .snooze)
        #expect(NotificationAction(answer: "7") == nil, "the id notify-send prints first is no answer")
        let task = reminder(via: [.notify]).task
        let now = local("2026-11-10 13:00")
        let done = NotificationAction.done.event(for: task, id: "e1", at: now, zone: berlin)
        #expect(done.type == .done && done.task == "jane.brief" && done.until == nil)
        let snooze = NotificationAction.snooze.event(for: task, id: "e2", at: now, zone: berlin)
        #expect(snooze.type == .snoozed)
        #expect(snooze.until == NotificationAction.snoozeLength.apply(to: now, in: berlin))
        #expect(snooze.until == local("2026-11-10 14:00"))
    }

    @Test func theCommandCarriesTheButtonsOnlyForOneTask() {
        let one = ReminderMessage(
            summary: "s", body: "b", urgency: .normal, category: "iid.brief", tasks: ["a"], contacts: ["a"],
            kinds: [.brief], due: nil, isLate: false, draft: nil)
        var two = one
        two.tasks = ["a", "b"]
        #expect(NotifyCommand.arguments(for: one, actions: true).contains("--action=snooze=Snooze 1h"))
        #expect(!NotifyCommand.arguments(for: two, actions: true).contains { $0.hasPrefix("--action") })
    }

    @Test func digestsForManyAtOnceOrSeveralLate() {
        let r = reminder(via: [.notify, .journal])
        func delivery(_ channel: Channel, late: Bool) -> Scheduler.Delivery {
            Scheduler.Delivery(reminder: r, channel: channel, lateness: late ? 3600 : 0, isLate: late)
        }
        #expect(DigestRule.wantsDigest([delivery(.notify, late: false)]) == false)
        #expect(DigestRule.wantsDigest([delivery(.notify, late: true)]) == false, "one late one is itself")
        #expect(DigestRule.wantsDigest([delivery(.notify, late: true), delivery(.notify, late: false)]))
        #expect(DigestRule.wantsDigest(Array(repeating: delivery(.notify, late: false), count: 3)) == false)
        #expect(DigestRule.wantsDigest(Array(repeating: delivery(.notify, late: false), count: 4)))
        let batches = DigestRule.batches([delivery(.journal, late: false), delivery(.notify, late: false)])
        #expect(batches.map(\.channel) == [.notify, .journal])
    }
}

import Foundation
import Testing

@testable import IIDCore

/// A task's reminders share one box for the task and keep their keys at their exact size: they
/// must still read, compare and change as values.
@Suite struct ReminderTests {
    static func task() -> PendingTask {
        PendingTask(
            id: "jane.follow-up", kind: .followUp, contact: "jane", contactName: "Jane",
            anchor: local("2026-11-02 09:00"),
            remindAt: local("2026-11-05 09:00"), due: local("2026-11-06 09:00"))
    }

    @Test func aTasksRemindersCarryItsKeysAndTheTask() throws {
        var rule = Config().rule(.followUp)
        rule.via = [.notify, .email]
        rule.overdueVia = [.journal]
        let reminders = Reminder.of(Self.task(), rule: rule)
        let anchor = Int(local("2026-11-02 09:00").timeIntervalSince1970)
        #expect(reminders.map(\.key) == ["jane.follow-up|first|\(anchor)", "jane.follow-up|overdue|\(anchor)"])
        #expect(
            reminders[0].ledgerKeys == [
                "jane.follow-up|first|\(anchor)#notify", "jane.follow-up|first|\(anchor)#email",
            ])
        #expect(reminders[1].ledgerKey(.journal) == "jane.follow-up|overdue|\(anchor)#journal")
        #expect(reminders.allSatisfy { $0.task == Self.task() })
    }

    @Test func changingOneRemindersTaskLeavesTheOthers() throws {
        var rule = Config().rule(.followUp)
        rule.via = [.notify]
        rule.overdueVia = [.notify]
        var reminders = Reminder.of(Self.task(), rule: rule)
        try #require(reminders.count == 2)
        let before = reminders[1]
        reminders[0].task.contactName = "Jane Doe"
        #expect(reminders[0].task.contactName == "Jane Doe")
        #expect(reminders[1].task.contactName == "Jane")
        #expect(reminders[1] == before)
        #expect(reminders[0] != Reminder.of(Self.task(), rule: rule)[0])
    }
}

import Foundation
import IIDCore
import Testing

@Suite struct PlannerTests {
    func tasks(_ log: Log, _ config: Config = Config(), at now: String = "2026-11-01 09:00") -> [PendingTask] {
        planner(config).plan(log.events).pending(at: local(now))
    }

    func task(_ id: String, _ log: Log, _ config: Config = Config(), at now: String = "2026-11-01 09:00")
        -> PendingTask?
    {
        tasks(log, config, at: now).first { $0.id == id }
    }

    @Test func addedContactHasNoTasks() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        #expect(tasks(log).isEmpty)
        #expect(planner().plan(log.events).contacts.first?.stage(at: local("2026-11-02 08:00")) == .target)
    }

    @Test func followUpSevenDaysAfterTheRequest() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        let t = task("jane.follow-up", log)
        #expect(t.map { iso($0.remindAt) } == "2026-11-09T10:00:00+01:00")
        #expect(t.map { iso($0.due) } == "2026-11-12T10:00:00+01:00")
        #expect(t?.state(at: local("2026-11-09 09:59")) == .upcoming)
        #expect(t?.state(at: local("2026-11-09 10:00")) == .due)
        #expect(t?.state(at: local("2026-11-12 10:00")) == .overdue)
    }

    @Test func businessDayFollowUp() {
        var config = Config()
        config.reminders[.followUp]?.offset = DurationSpec(5, .businessDays)
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.requested, "jane", at: "2026-11-06 10:00")  // a Friday
        #expect(task("jane.follow-up", log, config).map { iso($0.remindAt) } == "2026-11-13T10:00:00+01:00")
    }

    @Test func schedulingReplacesTheFollowUpWithMeetingPrep() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        log.add(.scheduled, "jane", at: "2026-11-04 10:00") { $0.start = local("2026-11-10 14:00") }
        let ids = tasks(log).map(\.id)
        #expect(!ids.contains("jane.follow-up"))
        #expect(Set(ids) == ["jane.homework", "jane.confirm", "jane.brief", "jane.thank-you"])
        #expect(task("jane.homework", log).map { iso($0.remindAt) } == "2026-11-08T14:00:00+01:00")
        #expect(task("jane.confirm", log).map { iso($0.remindAt) } == "2026-11-09T14:00:00+01:00")
        #expect(task("jane.brief", log).map { iso($0.remindAt) } == "2026-11-10T13:00:00+01:00")
        let thanks = task("jane.thank-you", log)
        #expect(thanks.map { iso($0.anchor) } == "2026-11-10T14:20:00+01:00")
        #expect(thanks.map { iso($0.remindAt) } == "2026-11-10T16:20:00+01:00")
        #expect(thanks.map { iso($0.due) } == "2026-11-12T14:20:00+01:00")
    }

    @Test func rescheduleMovesTheTasks() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        log.add(.confirmed, "jane", at: "2026-11-02 09:00")
        log.add(.scheduled, "jane", at: "2026-11-03 09:00") {
            $0.start = local("2026-11-12 09:00"); $0.minutes = 30
        }
        #expect(task("jane.homework", log).map { iso($0.remindAt) } == "2026-11-10T09:00:00+01:00")
        #expect(task("jane.confirm", log) != nil, "a moved meeting needs confirming again")
        #expect(task("jane.thank-you", log).map { iso($0.anchor) } == "2026-11-12T09:30:00+01:00")
    }

    @Test func confirmClosesTheConfirmTask() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        log.add(.confirmed, "jane", at: "2026-11-02 09:00")
        #expect(task("jane.confirm", log) == nil)
        #expect(task("jane.homework", log) != nil)
    }

    @Test func cancellingTheMeetingRemovesItsTasks() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        log.add(.cancelled, "jane", at: "2026-11-02 09:00") { $0.scope = .meeting }
        #expect(tasks(log).isEmpty)
    }

    @Test func archivingRemovesEverything() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.requested, "jane", at: "2026-11-01 09:00")
        log.add(.cancelled, "jane", at: "2026-11-02 09:00") { $0.scope = .contact }
        #expect(tasks(log).isEmpty)
        #expect(planner().plan(log.events).contacts.first?.stage(at: local("2026-11-03 08:00")) == .archived)
    }

    @Test func prepTasksExpireWhenTheMeetingBegins() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        let ids = tasks(log, at: "2026-11-10 14:05").map(\.id)
        #expect(ids == ["jane.thank-you"])
    }

    @Test func heldThenThankedThenKeepInTouch() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        log.add(.held, "jane", at: "2026-11-10 14:30") { $0.points = ["hiring in fintech"] }
        #expect(tasks(log, at: "2026-11-10 15:00").map(\.id) == ["jane.thank-you"])
        #expect(task("jane.thank-you", log, at: "2026-11-13 09:00")?.state(at: local("2026-11-13 09:00")) == .overdue)
        log.add(.thanked, "jane", at: "2026-11-11 10:00")
        let kit = tasks(log, at: "2026-11-12 09:00")
        #expect(kit.map(\.id) == ["jane.keep-in-touch.20261111"])
        #expect(kit.first.map { iso($0.remindAt) } == "2027-02-09T10:00:00+01:00")
        // A note later resets the clock.
        log.add(.note, "jane", at: "2027-01-05 12:00") { $0.text = "sent an article" }
        let reset = tasks(log, at: "2027-01-06 09:00")
        #expect(reset.map(\.id) == ["jane.keep-in-touch.20270105"])
        #expect(reset.first.map { iso($0.remindAt) } == "2027-04-05T12:00:00+02:00")
    }

    @Test func doneKeepInTouchStartsTheNextCycle() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.held, "jane", at: "2026-11-10 14:30")
        log.add(.thanked, "jane", at: "2026-11-11 10:00")
        log.add(.done, "jane", at: "2027-02-10 10:00") { $0.task = "jane.keep-in-touch.20261111" }
        #expect(tasks(log, at: "2027-02-11 09:00").map(\.id) == ["jane.keep-in-touch.20270210"])
    }

    @Test func secondMeetingGetsNumberedIds() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        log.add(.held, "jane", at: "2026-11-10 14:30")
        log.add(.thanked, "jane", at: "2026-11-11 10:00")
        log.add(.scheduled, "jane", at: "2026-12-01 10:00") { $0.start = local("2026-12-20 10:00") }
        let ids = Set(tasks(log, at: "2026-12-02 09:00").map(\.id))
        #expect(ids.isSuperset(of: ["jane.homework.2", "jane.confirm.2", "jane.brief.2", "jane.thank-you.2"]))
    }

    @Test func doneAndSnoozeStick() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        log.add(.done, "jane", at: "2026-11-08 15:00") { $0.task = "jane.homework" }
        log.add(.snoozed, "jane", at: "2026-11-09 14:05") {
            $0.task = "jane.confirm"; $0.until = local("2026-11-09 18:00")
        }
        #expect(task("jane.homework", log, at: "2026-11-09 15:00") == nil)
        let confirm = task("jane.confirm", log, at: "2026-11-09 15:00")
        #expect(confirm?.state(at: local("2026-11-09 15:00")) == .snoozed)
        #expect(confirm?.state(at: local("2026-11-09 18:00")) == .due)
        // A reschedule keeps a done task done: the id is the same.
        log.add(.scheduled, "jane", at: "2026-11-09 16:00") { $0.start = local("2026-11-11 14:00") }
        #expect(task("jane.homework", log, at: "2026-11-09 17:00") == nil)
    }

    @Test func eventsForAContactNeverAddedAreWarnedAbout() {
        var log = Log()
        log.add(.requested, "ghost", at: "2026-11-02 10:00")
        let plan = planner().plan(log.events)
        #expect(plan.diagnostics.count == 1)
        #expect(plan.diagnostics[0].code == .contactNeverAdded)
        #expect(plan.tasks.map(\.id) == ["ghost.follow-up"])
    }

    @Test func addedLaterThanARequestStillNamesTheContact() {
        var log = Log()
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        log.add(.added, "jane", at: "2026-11-03 10:00") { $0.name = "Jane Doe" }
        let plan = planner().plan(log.events)
        #expect(plan.diagnostics.isEmpty)
        #expect(plan.tasks.first?.contactName == "Jane Doe")
    }

    @Test func duplicateIdsAreIgnored() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        // The same event again (a sync tool's conflict copy): ignored without a word.
        log.events.append(log.events[0])
        #expect(planner().plan(log.events).contacts.count == 1)
        #expect(planner().plan(log.events).diagnostics.isEmpty)
        // Another event under the same id: ignored, and reported.
        var other = Event(id: log.events[0].id, at: local("2026-11-02 08:00"), type: .note, contact: "jane")
        other.text = "reused id"
        log.events.append(other)
        let plan = planner().plan(log.events)
        #expect(plan.contacts.count == 1 && plan.contacts[0].notes.isEmpty)
        #expect(plan.diagnostics.first?.code == .duplicateEventID)
    }

    @Test func pendingIsSortedByDue() {
        var log = Log()
        log.add(.added, "a", at: "2026-11-01 08:00")
        log.add(.added, "b", at: "2026-11-01 08:00")
        log.add(.requested, "a", at: "2026-11-05 10:00")
        log.add(.requested, "b", at: "2026-11-03 10:00")
        #expect(tasks(log).map(\.id) == ["b.follow-up", "a.follow-up"])
    }
}

@Suite struct NotificationAnswerTests {
    @Test func anAnswerRecordsWhatTheCommandWould() throws {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        let task = try #require(planner().plan(log.events).tasks.first)
        let now = local("2026-11-09 11:00")
        let snooze = NotificationAction.snooze.event(for: task, id: "a1", at: now, zone: berlin)
        #expect(snooze.type == .snoozed && snooze.task == "jane.follow-up" && snooze.contact == "jane")
        #expect(snooze.until == local("2026-11-09 12:00"))
        let done = NotificationAction.done.event(for: task, id: "a2", at: now, zone: berlin)
        #expect(done.type == .done && done.until == nil)
        log.events.append(done)
        // The first follow-up is sent: only the second, a week after it, is left.
        #expect(planner().plan(log.events).tasks.map(\.id) == ["jane.follow-up-2"])
        #expect(NotificationAction(rawValue: "snooze") == .snooze && NotificationAction(rawValue: "Snooze") == nil)
    }
}

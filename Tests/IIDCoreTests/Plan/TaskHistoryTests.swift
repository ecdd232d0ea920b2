import Foundation
import IIDCore
import Testing

@Suite struct TaskHistoryTests {
    func meeting() -> Log {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") { $0.name = "Jane Doe" }
        log.add(.scheduled, "jane", at: "2026-11-02 08:00") { $0.start = local("2026-11-10 15:00") }
        return log
    }

    @Test func aDoneTaskStaysInTheHistory() throws {
        var log = meeting()
        log.add(.done, "jane", at: "2026-11-08 19:51") {
            $0.task = "jane.homework"
            $0.text = NotificationAction.answerNote
        }
        let history = TaskHistory.of("jane", events: log.events, planner: planner())
        let homework = try #require(history.first { $0.task.id == "jane.homework" })
        #expect(homework.endedBy?.type == .done)
        #expect(
            homework.ending(words: Wording(zone: berlin), now: local("2026-11-09 10:00"))
                == "done Sun 8 Nov 19:51 from the notification (event e3)")
        #expect(history.first { $0.task.id == "jane.brief" }?.endedBy == nil)
    }

    @Test func aTaskMadeMootSaysByWhat() throws {
        var log = meeting()
        log.add(.cancelled, "jane", at: "2026-11-05 10:00") { $0.scope = .meeting }
        let history = TaskHistory.of("jane", events: log.events, planner: planner())
        #expect(history.first { $0.task.id == "jane.confirm" }?.endedBy?.type == .cancelled)
    }

    @Test func aRetractionTakesTheEventBack() {
        var log = meeting()
        log.add(.done, "jane", at: "2026-11-08 19:51") { $0.task = "jane.homework" }
        log.add(.retracted, "jane", at: "2026-11-08 19:52") { $0.retracts = "e3" }
        let plan = planner().plan(log.events)
        #expect(plan.tasks.contains { $0.id == "jane.homework" })
        var undoAdd = Log()
        undoAdd.add(.added, "bob", at: "2026-11-01 08:00")
        undoAdd.add(.retracted, "bob", at: "2026-11-01 08:01") { $0.retracts = "e1" }
        #expect(planner().plan(undoAdd.events).contacts.isEmpty)
    }

    @Test func aRetractionIsWrittenAndReadBack() throws {
        var e = Event(id: "r1", at: local("2026-11-08 19:52"), type: .retracted, contact: "jane")
        e.retracts = "e3"
        let line = EventCoding.encode(e, zone: berlin)
        #expect(line.contains(#""retracts":"e3""#))
        #expect(try EventCoding.decode(line: Substring(line)).retracts == "e3")
    }

    @Test func awayOnlyWhenTheDaemonWasNotWatching() {
        let started = local("2026-12-01 19:00")
        var watch = Watch(started: started)
        let now = local("2026-12-01 19:50")
        #expect(watch.lateness(of: local("2026-12-01 18:00"), now: now) == .away)
        #expect(watch.lateness(of: local("2026-12-01 19:30"), now: now) == .pastWhenRecorded)
        #expect(watch.lateness(of: now, now: now) == .onTime)
        // A timer armed for 19:30 that fires at 21:00 slept through what lay between.
        watch.timerFired(armedFor: local("2026-12-01 19:30"), now: local("2026-12-01 21:00"))
        #expect(watch.lateness(of: local("2026-12-01 20:00"), now: local("2026-12-01 21:00")) == .away)
        // A contact whose events arrived while watching: its reminder was past when recorded.
        watch.learned(["jane"], at: local("2026-12-01 21:30"))
        #expect(
            watch.lateness(of: local("2026-12-01 20:30"), contact: "jane", now: local("2026-12-01 21:40"))
                == .pastWhenRecorded)
        #expect(watch.lateness(of: local("2026-12-01 20:30"), contact: "bob", now: local("2026-12-01 21:40")) == .away)
        watch.clockChanged(now: local("2026-12-01 22:00"))
        #expect(watch.since == local("2026-12-01 22:00"))
    }

    @Test func aReminderPastWhenRecordedSaysSo() throws {
        var log = Log()
        log.add(.added, "jane", at: "2026-12-01 19:49") { $0.name = "Jane Doe" }
        log.add(.scheduled, "jane", at: "2026-12-01 19:49") { $0.start = local("2026-12-02 15:00") }
        let task = try #require(planner().plan(log.events).tasks.first { $0.kind == .homework })
        let reminder = try #require(Reminder.of(task, rule: Config().rule(.homework)).first)
        let builder = MessageBuilder(config: Config(), zone: berlin)
        let m = builder.message(
            for: reminder, contact: nil, now: local("2026-12-01 19:50"), lateness: .pastWhenRecorded)
        #expect(m.body.contains("(This reminder was due Mon 30 Nov 15:00.)"))
        #expect(!m.body.contains("Late:"))
        #expect(!m.isLate)
        let watch = Watch(started: local("2026-11-01 00:00"))
        let digest = builder.digest([(reminder, nil), (reminder, nil)], now: local("2026-12-01 19:50"), watch: watch)
        #expect(!digest.summary.contains("away"))
        #expect(digest.summary == "1 reminder due now")
        #expect(digest.tasks.count == 1, "the count logged is the count said")
    }
}

@Suite struct StatusNextTests {
    /// A failed delivery waiting for its retry is not "the next reminder": status shows it apart.
    @Test func aRetryIsNotTheNextReminder() throws {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        let plan = planner().plan(log.events)
        let groups = [plan.tasks.flatMap { Reminder.of($0, rule: Config().rule($0.kind)) }]
        let homework = try #require(groups[0].first { $0.task.kind == .homework })
        let retry = Dictionary(uniqueKeysWithValues: homework.ledgerKeys.map { ($0, local("2026-11-08 14:05")) })
        let d = Scheduler(config: Config(), zone: berlin).decide(
            reminders: groups, delivered: [], now: local("2026-11-08 14:01"), retryAt: retry)
        #expect(d.nextWake == local("2026-11-08 14:05"))
        #expect(d.next?.reminder.task.id != "jane.homework")
        #expect(d.next?.reminder.task.id == "jane.confirm")
    }
}

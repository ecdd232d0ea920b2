import Foundation
import IIDCore
import Testing

@Suite struct SchedulerTests {
    var log: Log = {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00")
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        return log
    }()

    func decide(_ config: Config = Config(), delivered: Set<String> = [], at now: String, log: Log? = nil)
        -> Scheduler.Decision
    {
        let plan = planner(config).plan((log ?? self.log).events)
        return Scheduler(config: config, zone: berlin).decide(tasks: plan.tasks, delivered: delivered, now: local(now))
    }

    @Test func nextWakeIsTheFirstReminder() {
        let d = decide(at: "2026-11-01 10:00")
        #expect(d.deliveries.isEmpty)
        #expect(d.nextWake.map { iso($0) } == "2026-11-08T14:00:00+01:00")
        #expect(d.next?.reminder.task.id == "jane.homework")
    }

    @Test func dueReminderIsDeliveredOncePerChannel() {
        let d = decide(at: "2026-11-08 14:00")
        // The homework reminder's key names the meeting it prepares, so a moved meeting reminds again.
        let anchor = Int(local("2026-11-10 14:00").timeIntervalSince1970)
        #expect(
            d.deliveries.map(\.ledgerKey).sorted() == [
                "jane.homework|first|\(anchor)#journal", "jane.homework|first|\(anchor)#notify",
            ])
        #expect(Set(d.deliveries.map(\.channel)) == [.notify, .journal])
        #expect(d.deliveries.allSatisfy { !$0.isLate })
        let again = decide(delivered: Set(d.deliveries.map(\.ledgerKey)), at: "2026-11-08 14:00")
        #expect(again.deliveries.isEmpty)
        #expect(again.nextWake.map { iso($0) } == "2026-11-09T14:00:00+01:00")
    }

    @Test func whatTheTimerFindsIsKnownWhenItIsArmed() {
        var delivered = Set<String>()
        var now = local("2026-11-01 10:00")
        let scheduler = Scheduler(config: Config(), zone: berlin)
        let tasks = planner().plan(log.events).tasks
        // Walk from wake-up to wake-up: each time the foreseen deliveries are what a new decision finds.
        for _ in 0..<6 {
            let d = scheduler.decide(tasks: tasks, delivered: delivered, now: now)
            guard let wake = d.nextWake else { break }
            #expect(!d.upcoming.isEmpty)
            // The timer fires on time: what it sends is what a full decision then would send.
            let foreseen = d.foreseen(firingAt: wake) ?? []
            let found = scheduler.decide(tasks: tasks, delivered: delivered, now: wake).deliveries
            #expect(foreseen == found)
            #expect(!found.isEmpty)
            #expect(d.foreseen(firingAt: wake.addingTimeInterval(-0.001)) == nil, "not before its time")
            #expect(
                d.foreseen(firingAt: wake.addingTimeInterval(Scheduler.onTime)) == nil, "a late timer decides again")
            delivered.formUnion(found.map(\.ledgerKey))
            now = wake
        }
        #expect(delivered.count >= 6)
    }

    @Test func missedRemindersAreLateThenBegunMeetingOnesSkipped() {
        let late = decide(at: "2026-11-09 20:00")
        #expect(late.deliveries.count == 4)  // homework and confirm, two channels each
        #expect(late.deliveries.allSatisfy { $0.isLate })
        let begun = decide(at: "2026-11-10 15:00")
        #expect(begun.deliveries.isEmpty)
        #expect(Set(begun.skips.map(\.reason)) == [.meetingBegun])
        #expect(Set(begun.skips.map { $0.reminder.task.kind }) == [.homework, .confirm, .brief])
    }

    @Test func remindersOlderThanCatchUpAreSkipped() {
        var log = Log()
        log.add(.added, "jane", at: "2026-01-01 08:00")
        log.add(.requested, "jane", at: "2026-01-02 10:00")
        let d = decide(at: "2026-11-01 10:00", log: log)
        #expect(d.deliveries.isEmpty)
        #expect(d.skips.map(\.reason) == [.tooOld, .tooOld])
    }

    @Test func thankYouEscalatesWhenOverdue() {
        var delivered = Set<String>()
        for r in Scheduler(config: Config(), zone: berlin).reminders(for: planner().plan(log.events).tasks)
        where r.slot == .first {
            for c in r.channels { delivered.insert(r.ledgerKey(c)) }
        }
        let d = decide(delivered: delivered, at: "2026-11-12 14:20")
        #expect(Set(d.deliveries.map(\.channel)) == [.notify, .email, .journal])
        #expect(d.deliveries.allSatisfy { $0.reminder.slot == .overdue && $0.reminder.task.kind == .thankYou })
    }

    @Test func quietHoursHoldNotifyButNotTheJournal() {
        var config = Config()
        config.quietHours = QuietHours(parsing: "13:00-15:00")
        let d = decide(config, at: "2026-11-08 14:00")
        #expect(d.deliveries.map(\.channel) == [.journal])
        #expect(d.nextWake.map { iso($0) } == "2026-11-08T15:00:00+01:00")
    }

    @Test func quietHoursAcrossMidnight() {
        let q = QuietHours(parsing: "22:00-07:00")
        #expect(q.map { iso($0.release(local("2026-11-08 23:30"), in: berlin)) } == "2026-11-09T07:00:00+01:00")
        #expect(q.map { iso($0.release(local("2026-11-09 06:00"), in: berlin)) } == "2026-11-09T07:00:00+01:00")
        #expect(q.map { iso($0.release(local("2026-11-09 12:00"), in: berlin)) } == "2026-11-09T12:00:00+01:00")
    }

    @Test func snoozeSuppressesAndRemindsAtItsEnd() {
        var log = self.log
        log.add(.snoozed, "jane", at: "2026-11-08 14:01") {
            $0.task = "jane.homework"; $0.until = local("2026-11-08 18:00")
        }
        let plan = planner().plan(log.events)
        let scheduler = Scheduler(config: Config(), zone: berlin)
        let homework = scheduler.reminders(for: plan.tasks).filter { $0.task.id == "jane.homework" }
        #expect(homework.map(\.slot) == [.first, .snooze])
        let d = scheduler.decide(tasks: plan.tasks, delivered: [], now: local("2026-11-08 18:00"))
        #expect(d.deliveries.contains { $0.reminder.slot == .snooze })
    }

    @Test func failedDeliveryWaitsForItsRetry() {
        let first = decide(at: "2026-11-08 14:00")
        let key = first.deliveries[0].ledgerKey
        let scheduler = Scheduler(config: Config(), zone: berlin)
        let plan = planner().plan(log.events)
        let d = scheduler.decide(
            tasks: plan.tasks, delivered: [], now: local("2026-11-08 14:00"), retryAt: [key: local("2026-11-08 14:01")])
        #expect(!d.deliveries.map(\.ledgerKey).contains(key))
        #expect(d.nextWake.map { iso($0) } == "2026-11-08T14:01:00+01:00")
    }

    @Test func rescheduledMeetingRemindsAgain() {
        let first = decide(at: "2026-11-08 14:00")
        var log = self.log
        log.add(.scheduled, "jane", at: "2026-11-08 15:00") { $0.start = local("2026-11-12 14:00") }
        let d = decide(delivered: Set(first.deliveries.map(\.ledgerKey)), at: "2026-11-10 14:00", log: log)
        #expect(d.deliveries.contains { $0.reminder.task.kind == .homework })
    }

    @Test func manyAtOnceBecomeOneDigestPerChannel() {
        var log = Log()
        for i in 0..<50 {
            log.add(.added, "c\(i)", at: "2026-11-01 08:00")
            log.add(.requested, "c\(i)", at: "2026-11-01 09:00")
        }
        let d = decide(at: "2026-11-08 09:00", log: log)
        #expect(d.deliveries.count == 100)
        let batches = DigestRule.batches(d.deliveries)
        #expect(batches.count == 2)
        #expect(batches.allSatisfy { $0.digest && $0.items.count == 50 })
        let single = DigestRule.batches(Array(d.deliveries.prefix(1)))
        #expect(single.map(\.digest) == [false])
    }
}

@Suite struct ClockTests {
    let log: Log = {
        var log = Log()
        for c in ["a", "b"] { log.add(.added, c, at: "2026-11-01 08:00") }
        log.add(.requested, "a", at: "2026-11-01 09:00")
        log.add(.requested, "b", at: "2026-11-01 15:00")
        return log
    }()

    func decide(_ delivered: Set<String>, at now: String) -> Scheduler.Decision {
        Scheduler(config: Config(), zone: berlin).decide(
            tasks: planner().plan(log.events).tasks, delivered: delivered, now: local(now))
    }

    @Test func steppedBackAndForwardNothingSkippedNothingDoubled() {
        var delivered = Set<String>()
        var sent: [String] = []
        // Wall clock times as the daemon might read them: forward, back an hour, a suspend of hours.
        for now in [
            "2026-11-08 09:00", "2026-11-08 08:00", "2026-11-08 09:30", "2026-11-08 20:00", "2026-11-08 14:00",
            "2026-11-09 10:00",
        ] {
            let d = decide(delivered, at: now)
            for x in d.deliveries {
                sent.append(x.ledgerKey)
                delivered.insert(x.ledgerKey)
            }
        }
        #expect(sent.count == 4, "two reminders, two channels each")
        #expect(Set(sent).count == sent.count)
    }

    @Test func timerFiringHoursLateDeliversLateOnce() {
        let d = decide([], at: "2026-11-08 20:00")
        #expect(d.deliveries.count == 4)
        #expect(d.deliveries.filter { $0.reminder.task.contact == "a" }.allSatisfy { $0.isLate })
        #expect(d.deliveries.filter { $0.reminder.task.contact == "b" }.allSatisfy { $0.isLate })
        #expect(d.nextWake == nil || d.nextWake! > local("2026-11-08 20:00"))
    }
}

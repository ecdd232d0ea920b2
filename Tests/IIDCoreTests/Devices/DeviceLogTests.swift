import Foundation
import Testing

@testable import IIDCore

/// One log written by two devices: the same events read in any order, and read twice, plan alike.
@Suite struct DeviceLogTests {
    /// Two devices' events at the same second: ordered by id, whichever file is read first.
    @Test func tiesAreBrokenByIdWhateverTheFileOrder() {
        var a = Event(id: "ev-b", at: local("2026-12-01 10:00"), type: .scheduled, contact: "jane")
        a.start = local("2026-12-10 14:00")
        var b = Event(id: "ev-a", at: local("2026-12-01 10:00"), type: .scheduled, contact: "jane")
        b.start = local("2026-12-11 14:00")
        let added = Event(id: "ev-0", at: local("2026-11-30 10:00"), type: .added, contact: "jane")
        let one = planner().plan([added, a, b])
        let other = planner().plan([added, b, a])
        #expect(one.contacts == other.contacts)
        #expect(one.tasks == other.tasks)
        // ev-a first, then ev-b moves the meeting: the 10th.
        #expect(one.contact("jane")?.meetings.first?.start == local("2026-12-10 14:00"))
    }

    /// A conflict copy or a file seen twice holds the same events again: nothing changes and
    /// nothing is reported. An id reused for another event is still reported.
    @Test func theSameEventReadTwiceChangesNothingAndSaysNothing() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-30 10:00")
        log.add(.requested, "jane", at: "2026-12-01 10:00")
        let copies = log.events.map { e -> Event in
            var c = e
            c.source = SourceLocation(file: "2026-12.laptop.sync-conflict-20261201-101500-ABCDEFG.jsonl", line: 1)
            return c
        }
        let once = planner().plan(log.events)
        let twice = planner().plan(log.events + copies)
        #expect(twice.tasks == once.tasks)
        #expect(twice.contacts == once.contacts)
        #expect(twice.diagnostics.isEmpty)
        var reused = Event(id: log.events[1].id, at: local("2026-12-02 10:00"), type: .note, contact: "jane")
        reused.text = "another event under an old id"
        #expect(planner().plan(log.events + [reused]).diagnostics.map(\.code) == [.duplicateEventID])
    }

    /// The laptop's clock is five minutes behind. The person moves the meeting on the desktop at
    /// 10:00, then a minute later on the laptop, which has the desktop's step already: recorded
    /// at the laptop's "09:56", the second step would sort first and the meeting would stay at
    /// the desktop's time. Stamped after the step it has seen, it moves the meeting as meant.
    @Test func aClockBehindDoesNotReorderAPersonsSteps() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-30 10:00")
        log.add(.scheduled, "jane", at: "2026-12-01 10:00") { $0.start = local("2026-12-10 14:00") }
        let seen = planner().plan(log.events)
        let laptopNow = local("2026-12-01 09:56")
        let at = CausalStamp.stamp(now: laptopNow, after: seen.contact("jane")?.lastEventAt)
        #expect(at == local("2026-12-01 10:00") + 1)
        var moved = Event(id: "ev-0-laptop", at: at, type: .scheduled, contact: "jane")
        moved.start = local("2026-12-12 09:00")
        let plan = planner().plan(log.events + [moved])
        #expect(plan.contact("jane")?.meetings.first?.start == local("2026-12-12 09:00"))
        #expect(plan.tasks.first { $0.kind == .homework }?.anchor == local("2026-12-12 09:00"))
        // Unstamped, the step recorded at the laptop's time would lose.
        moved = Event(id: "ev-0-laptop", at: laptopNow, type: .scheduled, contact: "jane")
        moved.start = local("2026-12-12 09:00")
        #expect(
            planner().plan(log.events + [moved]).contact("jane")?.meetings.first?.start == local("2026-12-10 14:00"))
    }

    @Test func onlyDriftIsCorrectedNotAStepRecordedAheadOnPurpose() {
        let now = local("2026-12-01 10:00")
        #expect(CausalStamp.stamp(now: now, after: nil) == now)
        #expect(CausalStamp.stamp(now: now, after: local("2026-12-01 09:00")) == now)
        #expect(CausalStamp.stamp(now: now, after: local("2026-12-01 10:20")) == local("2026-12-01 10:20") + 1)
        #expect(CausalStamp.stamp(now: now, after: local("2026-12-02 10:00")) == now)
    }

    /// The daemon reads the two devices' files as they arrive, in pieces and in either order;
    /// the plan is the one of the whole log, as long as a repeated id is the same event.
    @Test func twoDevicesFilesReadInAnyOrderPlanAlike() {
        var rng = SplitMix64(state: 77)
        for round in 0..<100 {
            let events = LivePlanTests.randomLog(&rng, count: 10 + Int(rng.next() % 50))
            var seen = Set<String>()
            let unique = events.filter { seen.insert($0.id).inserted }
            let laptop = unique.filter { _ in rng.next() % 2 == 0 }
            let laptopIDs = Set(laptop.map(\.id))
            let desktop = unique.filter { !laptopIDs.contains($0.id) }
            // A conflict copy of part of the laptop's file.
            let copy = Array(laptop.prefix(Int(rng.next() % 5)))
            let whole = planner().referencePlan(unique)
            var live = LivePlan(planner: planner(), events: [])
            var queues = [laptop, desktop, copy]
            while queues.contains(where: { !$0.isEmpty }) {
                let q = Int(rng.next() % 3)
                guard !queues[q].isEmpty else { continue }
                let n = min(queues[q].count, 1 + Int(rng.next() % 4))
                live.append(Array(queues[q].prefix(n)))
                queues[q].removeFirst(n)
            }
            #expect(live.plan.contacts == whole.contacts, "round \(round)")
            #expect(live.plan.tasks == whole.tasks, "round \(round)")
            #expect(live.diagnostics.filter { $0.code == .duplicateEventID }.isEmpty, "round \(round)")
        }
    }
}

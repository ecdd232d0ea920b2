import Foundation
import Testing

@testable import IIDCore

/// `iictl pending --json` writes its tasks straight into bytes; every other command writes them as
/// `JSONObject`s. Both come from one list of fields, and must give the same bytes.
@Suite struct TaskJSONTests {
    /// What every other `--json` writes for a list of tasks.
    static func throughObjects(_ tasks: [PendingTask], now: Date) -> [UInt8] {
        JSONText.prettyBytes(tasks.map { TaskJSON.task($0, now: now, zone: berlin) } as [Any?])
    }

    @Test func plannedTasksWriteAsTheirObjectsDo() {
        var rng = SplitMix64(state: 24)
        var kinds = Set<TaskKind>()
        var written = 0
        for _ in 0..<60 {
            let events = LivePlanTests.randomLog(&rng, count: 5 + Int(rng.next() % 60))
            let plan = Planner(config: Config(), zone: berlin).plan(events)
            let now = local("2026-11-20 12:00")
            kinds.formUnion(plan.tasks.map(\.kind))
            written += plan.tasks.count
            #expect(
                TaskJSON.prettyBytes(plan.tasks, now: now, zone: berlin) == Self.throughObjects(plan.tasks, now: now))
        }
        // The logs gave tasks of most kinds, meetings among them.
        #expect(written > 100)
        #expect(kinds.isSuperset(of: [.followUp, .homework, .thankYou, .keepInTouch]))
    }

    @Test func hostileTextMeetingsAdviceAndSnoozesWriteAsTheirObjectsDo() {
        let now = local("2026-11-20 12:00")
        var meeting = Meeting(number: 2, start: local("2026-11-25 10:00"), minutes: 30)
        meeting.place = "Caf\u{E9} \"Zum\" \\ Ort\u{2028}"
        meeting.points = ["one\n", "two\u{7}", ""]
        meeting.thankedAt = local("2026-11-26 09:00")
        meeting.held = true
        var prep = PendingTask(
            id: "jane.brief.2", kind: .brief, contact: "jane", contactName: "Jane \u{1B}[31mDoe",
            anchor: local("2026-11-25 10:00"), remindAt: local("2026-11-24 09:00"), due: local("2026-11-25 09:00"))
        prep.meeting = meeting
        prep.snoozedAt = local("2026-11-19 09:00")
        prep.snoozedUntil = local("2026-11-21 09:00")
        var advice = PendingTask(
            id: "jane.report-back.advice.20261110", kind: .reportBack, contact: "jane", contactName: "Jane",
            anchor: local("2026-11-10 09:00"), remindAt: local("2026-11-12 09:00"), due: local("2026-11-17 09:00"))
        advice.advice = ["wrote to \"Bob\"", "read the book"]
        advice.referred = "bob"
        var followUp = PendingTask(
            id: "jane.follow-up", kind: .followUp, contact: "jane", contactName: "Jane",
            anchor: local("2026-11-02 09:00"), remindAt: local("2026-11-05 09:00"), due: local("2026-11-06 09:00"))
        followUp.step = 2
        followUp.steps = 3
        let tasks = [prep, advice, followUp]
        let bytes = TaskJSON.prettyBytes(tasks, now: now, zone: berlin)
        #expect(bytes == Self.throughObjects(tasks, now: now))
        #expect(TaskJSON.prettyBytes([], now: now, zone: berlin) == Array("[]".utf8))
        // The escapes are there: no control character is written as it came.
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A })
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"step\": 2"))
    }
}

import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

/// "While you were away" only for what the daemon missed; a task recorded after its reminder's
/// time says when that was instead.
@Suite(.serialized) struct LatenessTests {
    @Test func aTaskRecordedAfterItsReminderTimeIsNotCalledMissedWhileAway() async throws {
        let h = try DaemonHarness(now: "2026-11-09 20:00")
        try h.start()
        // Recorded while the daemon watches: a meeting tomorrow at 21:00, whose homework reminder,
        // two days before it, is already past.
        try h.record(.added, "jane", at: "2026-11-09 20:00")
        try h.record(.scheduled, "jane", at: "2026-11-09 20:00") { $0.start = local("2026-11-10 21:00") }
        #expect(await h.events.wait { e in e.compactMap(\.deliveredChannel).count == 2 })
        let argv = try #require(h.runner.calls("notify-send").first).argv.joined(separator: "\n")
        #expect(argv.contains("(This reminder was due Sun 8 Nov 21:00.)"), "\(argv)")
        #expect(!argv.contains("Late:"))
        #expect(!argv.contains("while you were away"))
    }
}

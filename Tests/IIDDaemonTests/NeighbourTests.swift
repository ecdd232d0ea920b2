import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What the daemon shares with others: the ledger with a second daemon, the disk with everyone.
@Suite(.serialized) struct NeighbourTests {
    func janeWithAMeeting(_ h: DaemonHarness) throws {
        try h.record(.added, "jane", at: "2026-11-01 08:00")
        try h.record(.scheduled, "jane", at: "2026-11-01 09:00") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
        }
    }

    @Test func aSecondDaemonOnTheSameLedgerIsRefusedWhateverItsRuntimeFolder() throws {
        let h = try DaemonHarness(now: "2026-11-01 10:00")
        try janeWithAMeeting(h)
        try h.start()
        let other = h.root + "/run-elsewhere"
        try FileIO.makeDirectory(other)
        let second = try h.makeDaemon(runtime: other)
        let error = try #require(throws: StartError.self) { try second.start() }
        #expect(error.message.contains("another iid is running (pid \(getpid())) with the same ledger"))
    }

    @Test func ledgerLinesRefusedByAFullDiskAreWrittenOnceItRecoversSoARestartSendsNothingAgain() async throws {
        let h = try DaemonHarness(now: "2026-11-08 13:59")
        try janeWithAMeeting(h)
        try h.start()
        // The disk fills up (writing to /dev/full fails with ENOSPC).
        #expect(symlink("/dev/full", h.ledgerPath) == 0)
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.compactMap(\.deliveredChannel).count == 2 })
        // The disk refused the ledger's lines: the loop wakes to write them, delivery.retry later.
        let firstTry = local("2026-11-08 14:00")
        #expect(
            await h.events.wait { _ in h.timer.deadline.map { $0 > firstTry && $0 <= firstTry + 31 } == true },
            "armed for \(String(describing: h.timer.deadline)); \(h.logs.lines.map(\.message))")
        #expect(h.logs.lines.contains { $0.message.hasPrefix("cannot write the delivery ledger") })
        // Space again: the next wake-up writes them.
        unlink(h.ledgerPath)
        try h.fireAtDeadline()
        #expect(await h.events.wait { _ in h.ledger.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 2 })
        #expect(
            await h.events.wait { _ in h.logs.lines.contains { $0.message == "the delivery ledger is written again" } })
        #expect(h.timer.deadline == local("2026-11-09 14:00"))
        // A restart now finds them delivered and sends nothing.
        h.stop()
        let calls = h.runner.calls.count
        try h.start()
        #expect(h.timer.deadline == local("2026-11-09 14:00"))
        #expect(h.runner.calls.count == calls)
    }
}

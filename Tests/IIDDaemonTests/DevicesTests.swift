import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Two daemons, laptop and desktop, sharing one events folder as a sync tool would leave it: each
/// appends to its own files, reads the other's, and an email goes out once.
@Suite struct DevicesTests {
    /// An events folder of its own, shared by the harnesses of one test.
    final class Shared {
        let path: String
        private var serial = 0
        init() throws {
            path =
                FileManager.default.temporaryDirectory.appendingPathComponent(
                    "iid-shared-\(UUID().uuidString.prefix(8))"
                )
                .path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            chmod(path, 0o700)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// Appends an event to `device`'s file, as that device's iictl would.
        func record(
            _ type: EventType, _ contact: String, at: String, by device: String,
            _ fill: (inout Event) -> Void = { _ in }
        )
            throws
        {
            serial += 1
            var e = Event(id: "ev-\(device)-\(serial)", at: local(at), type: type, contact: contact)
            if type == .added { e.name = contact.capitalized }
            fill(&e)
            try FileIO.appendLine(EventCoding.encode(e, zone: berlin), to: path + "/2026-11.\(device).jsonl")
        }

        var deliveries: String { path + "/" + DeliveryRecords.folderName }
        func records(of device: String) -> String {
            (try? String(contentsOfFile: deliveries + "/\(device).jsonl", encoding: .utf8)) ?? ""
        }
    }

    func device(_ name: String, _ shared: Shared, now: String = "2026-11-08 13:59") throws -> DaemonHarness {
        try DaemonHarness(
            now: now,
            config: """
                device: \(name)
                events_dir: \(shared.path)
                reminders:
                  homework:
                    via: [notify, email]
                """)
    }

    func janeWithAMeeting(_ shared: Shared) throws {
        try shared.record(.added, "jane", at: "2026-11-01 08:00", by: "laptop")
        try shared.record(.scheduled, "jane", at: "2026-11-01 09:00", by: "desktop") {
            $0.start = local("2026-11-10 14:00")
            $0.minutes = 30
        }
    }

    let due = local("2026-11-08 14:00")

    /// desktop comes first by name: it sends at once; laptop holds the email for the grace, sees
    /// desktop's record arrive, and does not send it. Notifications go out on both.
    @Test func anEmailDueWhileBothRunIsSentOnce() async throws {
        let shared = try Shared()
        try janeWithAMeeting(shared)
        let desktop = try device("desktop", shared)
        let laptop = try device("laptop", shared)
        try desktop.start()
        try laptop.start()
        #expect(desktop.timer.deadline == due)
        #expect(laptop.timer.deadline == due)
        try laptop.fireAtDeadline()
        #expect(await laptop.events.wait { e in e.contains { $0.deliveredChannel == .notify } })
        #expect(await laptop.events.wait { _ in laptop.timer.deadline == due + 300 }, "laptop holds the email")
        try desktop.fireAtDeadline()
        #expect(await desktop.events.wait { e in Set(e.compactMap(\.deliveredChannel)) == [.notify, .email] })
        #expect(shared.records(of: "desktop").contains("jane.homework|first|"))
        // The record reaches laptop through inotify: it no longer waits for the email.
        #expect(await laptop.events.wait { _ in laptop.timer.deadline.map { $0 > due + 300 } ?? true })
        laptop.clock.set(due + 300)
        laptop.daemon?.fire(.deadline)
        #expect(await laptop.events.wait { e in e.contains(.armed(laptop.timer.deadline)) })
        #expect(laptop.runner.calls("sendmail").isEmpty)
        #expect(desktop.runner.calls("sendmail").count == 1)
        #expect(laptop.runner.calls("notify-send").count == 1 && desktop.runner.calls("notify-send").count == 1)
        #expect(shared.records(of: "laptop").isEmpty)
        let status = try laptop.onQueue { $0.status() }
        #expect(status.device == "laptop")
        #expect(status.devices?.map(\.name) == ["desktop", "laptop"])
        #expect(status.devices?.first { $0.name == "desktop" }?.lastWrite != nil)
    }

    /// laptop runs first; desktop's records file arrives later (as a sync tool brings it), and
    /// from then on laptop holds the email for desktop.
    @Test func aDeviceThatAppearsLaterIsWaitedFor() async throws {
        let shared = try Shared()
        try janeWithAMeeting(shared)
        let laptop = try device("laptop", shared)
        try laptop.start()
        let armed = laptop.events.count { $0.armedAt != nil }
        try #require(FileManager.default.createFile(atPath: shared.deliveries + "/desktop.jsonl", contents: nil))
        #expect(await laptop.events.wait { _ in laptop.events.count { $0.armedAt != nil } > armed })
        try laptop.fireAtDeadline()
        #expect(await laptop.events.wait { _ in laptop.timer.deadline == due + 300 }, "laptop holds the email")
        #expect(laptop.runner.calls("sendmail").isEmpty)
    }

    /// A sync tool may replace the records folder (removed or renamed away, then made anew):
    /// the daemon watches the new one and still sees desktop arrive there.
    @Test func aReplacedRecordsFolderIsWatchedAnew() async throws {
        for removed in [true, false] {
            let shared = try Shared()
            try janeWithAMeeting(shared)
            let laptop = try device("laptop", shared)
            try laptop.start()
            var armed = laptop.events.count { $0.armedAt != nil }
            if removed {
                try FileManager.default.removeItem(atPath: shared.deliveries)
            } else {
                try FileManager.default.moveItem(atPath: shared.deliveries, toPath: shared.path + "/.old-deliveries")
            }
            try FileManager.default.createDirectory(atPath: shared.deliveries, withIntermediateDirectories: false)
            #expect(await laptop.events.wait { _ in laptop.events.count { $0.armedAt != nil } > armed })
            armed = laptop.events.count { $0.armedAt != nil }
            try #require(FileManager.default.createFile(atPath: shared.deliveries + "/desktop.jsonl", contents: nil))
            #expect(await laptop.events.wait { _ in laptop.events.count { $0.armedAt != nil } > armed })
            try laptop.fireAtDeadline()
            #expect(await laptop.events.wait { _ in laptop.timer.deadline == due + 300 }, "removed: \(removed)")
            #expect(laptop.runner.calls("sendmail").isEmpty)
        }
    }

    /// desktop has been seen (its records file is there) but is off: laptop sends after the grace.
    @Test func withThePreferredDeviceOffTheOtherSendsAfterTheGrace() async throws {
        let shared = try Shared()
        try janeWithAMeeting(shared)
        let desktop = try device("desktop", shared)
        try desktop.start()
        desktop.stop()
        let laptop = try device("laptop", shared)
        try laptop.start()
        try laptop.fireAtDeadline()
        #expect(await laptop.events.wait { _ in laptop.timer.deadline == due + 300 })
        #expect(laptop.runner.calls("sendmail").isEmpty, "not before the grace")
        try laptop.fireAtDeadline()
        #expect(await laptop.events.wait { e in e.contains { $0.deliveredChannel == .email } })
        #expect(laptop.runner.calls("sendmail").count == 1)
        #expect(shared.records(of: "laptop").contains("jane.homework|first|"))
    }

    /// A task done on laptop (its own file) is not reminded on desktop, on any channel.
    @Test func aTaskDoneOnOneDeviceIsNotRemindedOnTheOther() async throws {
        let shared = try Shared()
        try janeWithAMeeting(shared)
        let desktop = try device("desktop", shared)
        try desktop.start()
        #expect(desktop.timer.deadline == due)
        try shared.record(.done, "jane", at: "2026-11-08 13:59", by: "laptop") { $0.task = "jane.homework" }
        #expect(await desktop.events.wait { _ in desktop.timer.deadline.map { $0 > due } ?? false })
        #expect(try desktop.onQueue { $0.status().next?.task } == "jane.confirm")
    }

    /// A button pressed on laptop is recorded in laptop's own file, which desktop reads.
    @Test func aPressedButtonIsWrittenToThisDevicesFile() async throws {
        let shared = try Shared()
        try janeWithAMeeting(shared)
        let laptop = try DaemonHarness(
            now: "2026-11-08 13:59", config: "device: laptop\nevents_dir: \(shared.path)\nactions: true")
        laptop.runner.answer(NotificationAction.done.rawValue)
        try laptop.start()
        try laptop.fireAtDeadline()
        #expect(await laptop.events.wait { e in e.contains(.answered(task: "jane.homework", action: .done)) })
        let mine = try String(contentsOfFile: shared.path + "/2026-11.laptop.jsonl", encoding: .utf8)
        #expect(mine.contains("\"type\":\"done\""))
        let names = try FileManager.default.contentsOfDirectory(atPath: shared.path).filter { $0.hasSuffix(".jsonl") }
        #expect(Set(names) == ["2026-11.laptop.jsonl", "2026-11.desktop.jsonl"])
    }
}

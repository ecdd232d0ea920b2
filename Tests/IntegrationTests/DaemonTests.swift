import CIIDShims
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The built daemon in a temporary HOME, driven with iictl and observed through its sockets and files.
@Suite(.serialized) struct DaemonTests {
    /// A config whose notify command records its argv and whose journal goes to a socket the test reads.
    func setUp(_ s: Sandbox, actions: Bool = false, extra: String = "") throws -> (
        notifyLog: String, journal: DatagramSink
    ) {
        let (command, log) = try s.recordingCommand("notify-send")
        let journal = try DatagramSink(path: s.home + "/journal.sock")
        try s.writeConfig(
            """
            timezone: Europe/Berlin
            delivery:
              retry: 1s
              notify: {command: "\(command)", actions: \(actions)}
              journal: {socket: "\(journal.path)"}
            \(extra)
            """)
        return (log, journal)
    }

    @Test func readyStatusAndCleanStop() throws {
        let s = try Sandbox()
        let (_, _) = try setUp(s)
        try s.iictl("add", "Jane Doe")
        try s.iictl("schedule", "jane-doe", "+3d")
        let d = try Daemon(s)
        let ready = try #require(d.ready())
        #expect(ready.contains("STATUS=4 pending, next: homework with Jane Doe"))
        let status = try s.iictl("status")
        #expect(status.status == 0)
        #expect(status.stdout.contains("Next:     Do your homework for the meeting with Jane Doe"))
        let json = try s.iictl("status", "--json")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((obj["next"] as? [String: Any])?["task"] as? String == "jane-doe.homework")
        d.signal(SIGHUP)
        #expect(d.notify.wait(timeout: 5) { $0.contains("RELOADING=1") && $0.contains("MONOTONIC_USEC=") } != nil)
        #expect(d.notify.wait(timeout: 5) { $0.contains("READY=1") } != nil)
        d.signal(SIGTERM)
        #expect(d.notify.wait(timeout: 5) { $0.contains("STOPPING=1") } != nil)
        #expect(d.exitStatus() == 0)
        #expect(!FileManager.default.fileExists(atPath: s.runtimeDir + "/iid/control.sock"))
    }

    @Test func aSecondDaemonIsRefusedEvenWhileTheFirstIsStopped() throws {
        let s = try Sandbox()
        _ = try setUp(s)
        let first = try Daemon(s)
        #expect(first.ready() != nil)
        // Stopped, it cannot answer a ping; the lock it holds still says it is there.
        first.signal(SIGSTOP)
        defer { first.signal(SIGCONT) }
        let second = try Daemon(s)
        #expect(second.exitStatus(timeout: 10).map { $0 != 0 } == true)
        #expect(second.log.contains("another iid is running"))
        #expect(FileManager.default.fileExists(atPath: s.runtimeDir + "/iid/control.sock"), "the first one's socket")
        let busy = try s.iictl("status")
        #expect(busy.status != 0)
        #expect(busy.stderr.contains("iid is running but did not answer"), "\(busy.stderr)")
        first.signal(SIGCONT)
        #expect(try s.iictl("status").status == 0, "the first one still answers")
    }

    @Test func silentPeersDoNotHoldTheDaemonUp() throws {
        let s = try Sandbox()
        let (notifyLog, _) = try setUp(s)
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe", "--at", s.time(-7 * 86400 + 2))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        // Five peers connect and say nothing; read one after another, each would hold it for 2 s.
        let peers = (0..<5).compactMap { _ in SilentPeer(path: s.runtimeDir + "/iid/control.sock") }
        #expect(peers.count == 5)
        let status = try s.iictl("status")  // iictl gives up after 5 s
        #expect(status.status == 0, "\(status.stderr)")
        #expect(eventually { s.lines(notifyLog).count == 1 }, "the reminder still goes out")
        withExtendedLifetime(peers) {}
    }

    @Test func pingsTheWatchdogWhenAsked() throws {
        let s = try Sandbox()
        _ = try setUp(s)
        s.extraEnvironment["WATCHDOG_USEC"] = "200000"
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        #expect(d.notify.wait(timeout: 3) { $0 == "WATCHDOG=1" } != nil)
        #expect(d.notify.wait(timeout: 3) { $0 == "WATCHDOG=1" } != nil)
    }

    @Test func deliversAtItsTimeOnEveryChannelOnce() throws {
        let s = try Sandbox()
        let (notifyLog, journal) = try setUp(s)
        try s.iictl("add", "Jane Doe")
        // The follow-up's reminder falls 7 days after the request: 2 s from now.
        try s.iictl("request", "jane-doe", "--at", s.time(-7 * 86400 + 2))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let entry = journal.wait(timeout: 10) { $0.contains("IID_TASK=jane-doe.follow-up") }
        #expect(entry != nil)
        #expect(entry?.contains("SYSLOG_IDENTIFIER=iid") == true)
        #expect(eventually { s.lines(notifyLog).count == 1 })
        let argv = s.lines(notifyLog).first?.split(separator: "\u{1F}").map(String.init) ?? []
        #expect(argv.contains("--app-name=iid"))
        #expect(argv.contains("Follow up with Jane Doe about the meeting request (1 of 2)"))
        // The command ran; the daemon logs the delivery once it has exited and been reaped.
        #expect(eventually { d.log.contains("reminder.late=false") }, "delivered on time: \(d.log)")
        // Nothing more is due: a second look after a status round trip finds one call still.
        #expect(try s.iictl("status").status == 0)
        #expect(s.lines(notifyLog).count == 1)
    }

    @Test func appendedEventMovesTheReminder() throws {
        let s = try Sandbox()
        _ = try setUp(s)
        try s.iictl("add", "Jane Doe")
        try s.iictl("schedule", "jane-doe", "+10d")
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        func next() throws -> String? {
            let json = try s.iictl("status", "--json").stdout
            let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
            return (obj?["next"] as? [String: Any])?["at"] as? String
        }
        let before = try next()
        try s.iictl("schedule", "jane-doe", "+5d")
        #expect(try eventually { try next() != before })
        // A line dropped in by another tool is read as well.
        try s.appendEvent(
            #"{"id":"x1","at":"2026-01-01T10:00:00+01:00","type":"added","contact":"ann","name":"Ann Lee"}"#)
        #expect(
            try eventually {
                let obj =
                    try JSONSerialization.jsonObject(with: Data(try s.iictl("status", "--json").stdout.utf8))
                    as? [String: Any]
                return obj?["contacts"] as? Int == 2
            })
    }

    @Test func eventsFolderMovedAwayAndBack() throws {
        let s = try Sandbox()
        _ = try setUp(s)
        try s.iictl("add", "Jane Doe")
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        func contacts() -> Int? {
            let json = (try? s.iictl("status", "--json").stdout) ?? ""
            return (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])?["contacts"] as? Int
        }
        #expect(contacts() == 1)
        rename(s.eventsDir, s.eventsDir + ".away")
        #expect(eventually { contacts() == 0 })
        rename(s.eventsDir + ".away", s.eventsDir)
        #expect(eventually { contacts() == 1 })
        try s.iictl("add", "Bo Chen")
        #expect(eventually { contacts() == 2 }, "the folder is watched again")
    }

    @Test func invalidConfigEditIsReportedAndTheOldOneKept() throws {
        let s = try Sandbox()
        let (notifyLog, _) = try setUp(s)
        let good = try String(contentsOfFile: s.configPath, encoding: .utf8)
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe", "--at", s.time(-7 * 86400 + 3))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        try s.writeConfig(good + "reminders:\n  follow-up:\n    after: soon\n")
        #expect(eventually { d.log.contains("config.yaml:") && d.log.contains("keeping the last good config") })
        #expect(d.log.contains("<3>"), "errors carry the journal priority prefix")
        let status = try s.iictl("status", "--json").stdout
        #expect(status.contains("config_error"))
        // Reading the log still works, on the built-in defaults; recording refuses the bad config.
        let pending = try s.iictl("pending")
        #expect(pending.status == 0 && pending.stderr.contains("built-in defaults"), "\(pending.stderr)")
        #expect(try s.iictl("note", "jane-doe", "called").status != 0, "iictl refuses to record with the bad config")
        // The old config still works: the reminder still goes to the recording notify command.
        #expect(eventually { s.lines(notifyLog).count == 1 })
    }

    @Test func missedWhileStoppedIsDeliveredLateOnceAcrossRestartsAndKill9() throws {
        let s = try Sandbox()
        let (notifyLog, journal) = try setUp(s)
        for name in ["Ann Lee", "Bo Chen"] { try s.iictl("add", name) }
        try s.iictl("request", "ann-lee", "--at", s.time(-8 * 86400))
        try s.iictl("request", "bo-chen", "--at", s.time(-9 * 86400))
        let d1 = try Daemon(s)
        #expect(d1.ready() != nil)
        #expect(eventually { s.lines(notifyLog).count == 1 })
        let digest = s.lines(notifyLog)[0]
        #expect(digest.contains("2 reminders while you were away"))
        #expect(journal.wait { $0.contains("IID_LATE=1") } != nil)
        #expect(eventually { (try? s.iictl("status", "--json").stdout.contains("\"in_flight\":0")) ?? false })
        d1.signal(SIGKILL)
        _ = d1.exitStatus()
        let d2 = try Daemon(s)
        #expect(d2.ready() != nil)
        d2.signal(SIGTERM)
        #expect(d2.exitStatus() == 0)
        let d3 = try Daemon(s)
        #expect(d3.ready() != nil)
        #expect(s.lines(notifyLog).count == 1, "nothing delivered twice")
        #expect(journal.drain().filter { $0.contains("IID_TASK") }.isEmpty)
    }

    @Test func failedChannelIsRetriedAndReported() throws {
        let s = try Sandbox()
        let (failing, failLog) = try s.recordingCommand("failing-notify", exitCode: 1)
        let journal = try DatagramSink(path: s.home + "/journal.sock")
        try s.writeConfig(
            """
            delivery:
              retry: 1s
              notify: {command: "\(failing)", actions: false}
              journal: {socket: "\(journal.path)"}
            """)
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe", "--at", s.time(-7 * 86400))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        #expect(eventually { s.lines(failLog).count >= 2 }, "retried")
        let status = try s.iictl("status").stdout
        #expect(status.contains("notify:"))
        #expect(status.contains("last error"))
        // Now the command works: the reminder arrives, once.
        _ = try s.recordingCommand("failing-notify", exitCode: 0)
        func retrying() throws -> Int? {
            let obj =
                try JSONSerialization.jsonObject(with: Data(try s.iictl("status", "--json").stdout.utf8))
                as? [String: Any]
            return ((obj?["channels"] as? [String: Any])?["notify"] as? [String: Any])?["retrying"] as? Int
        }
        #expect(try eventually(15) { try retrying() == 0 })
        let calls = s.lines(failLog).count
        #expect(try s.iictl("status").status == 0)
        #expect(s.lines(failLog).count == calls)
    }
}

/// A client that connects to a Unix socket and sends nothing until it is released.
final class SilentPeer {
    let fd: Int32
    init?(path: String) {
        // Connected before it is stored: a failed init closes it here, and deinit never sees it.
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        if iid_connect_unix(fd, path) != 0 {
            close(fd)
            return nil
        }
        self.fd = fd
    }
    deinit { close(fd) }
}

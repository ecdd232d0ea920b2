import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One campaign on two devices: two iid daemons with homes of their own, laptop and desktop, whose
/// events folders two real Syncthing instances keep in sync over loopback.
@Suite(.serialized, .enabled(if: Components.required || SyncthingPeer.installed))
struct SyncthingTests {
    /// A device: a sandbox with its config, fake sendmail and notify-send that count, a journal
    /// socket of its own, and its Syncthing.
    final class Device: @unchecked Sendable {
        let name: String
        let sandbox: Sandbox
        let sendmailLog: String
        let notifyLog: String
        let journal: DatagramSink
        let syncthing: SyncthingPeer
        var daemon: Daemon?

        init(_ name: String, grace: Int) throws {
            self.name = name
            sandbox = try Sandbox()
            try FileManager.default.createDirectory(atPath: sandbox.eventsDir, withIntermediateDirectories: true)
            chmod(sandbox.eventsDir, 0o700)
            // A sendmail that takes the message and counts it, one line a message.
            let sendmail = sandbox.home + "/sendmail"
            sendmailLog = sandbox.home + "/sendmail.log"
            try "#!/bin/sh\ngrep '^Subject:' >> '\(sendmailLog)'\n".write(
                toFile: sendmail, atomically: true, encoding: .utf8)
            chmod(sendmail, 0o755)
            let (notify, notifyLog) = try sandbox.recordingCommand("notify-send")
            self.notifyLog = notifyLog
            journal = try DatagramSink(path: sandbox.home + "/journal.sock")
            try sandbox.writeConfig(
                """
                device: \(name)
                timezone: Europe/Berlin
                delivery:
                  grace: \(grace)s
                  retry: 1s
                  notify: {command: "\(notify)", actions: false}
                  email: {to: "me@example.com", sendmail: ["\(sendmail)"]}
                  journal: {socket: "\(journal.path)"}
                reminders:
                  follow-up: {via: [notify, email]}
                """)
            syncthing = try SyncthingPeer(home: sandbox.home + "/syncthing", folder: sandbox.eventsDir)
        }

        func startDaemon() throws {
            let d = try Daemon(sandbox)
            try #require(d.ready() != nil, "\(name)'s iid did not start: \(d.log)")
            daemon = d
        }

        func stopDaemon() {
            daemon?.signal(SIGTERM)
            _ = daemon?.exitStatus()
            daemon = nil
        }

        var sent: Int { sandbox.lines(sendmailLog).count }
        func notified(_ text: String) -> Bool { sandbox.lines(notifyLog).contains { $0.contains(text) } }
        func pending() throws -> String { try sandbox.iictl("pending", "--json", "--within", "400d").stdout }
        var files: [String] { (try? FileManager.default.contentsOfDirectory(atPath: sandbox.eventsDir)) ?? [] }
    }

    @Test func oneCampaignOnTwoDevices() throws {
        try #require(SyncthingPeer.installed, "syncthing is not installed: scripts/install-deps.sh installs it")
        let grace = 12
        let laptop = try Device("laptop", grace: grace)
        let desktop = try Device("desktop", grace: grace)
        try laptop.syncthing.configure(sharingWith: desktop.syncthing)
        try desktop.syncthing.configure(sharingWith: laptop.syncthing)
        // iid first: its .stignore keeps the writer lock out of the sync.
        try laptop.startDaemon()
        try desktop.startDaemon()
        try laptop.syncthing.start()
        try desktop.syncthing.start()
        // Each dials the other; a dial made before the other listens waits for Syncthing's next
        // round, which on a loaded machine (CI, after a build) took more than 30 s.
        #expect(
            eventually(90) { laptop.syncthing.connected && desktop.syncthing.connected },
            "the peers connect; laptop's log: \(laptop.syncthing.logTail)\ndesktop's log: \(desktop.syncthing.logTail)")

        // Events added on each side appear on the other and plan alike.
        #expect(try laptop.sandbox.iictl("add", "Jane Doe", "--id", "jane").status == 0)
        #expect(try desktop.sandbox.iictl("add", "Bob Stone", "--id", "bob").status == 0)
        #expect(try eventually(20) { try laptop.pending() == desktop.pending() })
        #expect(
            try eventually(20) {
                let list = try desktop.sandbox.iictl("list").stdout
                return list.contains("jane") && list.contains("bob")
            })
        #expect(try eventually(20) { try laptop.sandbox.iictl("list").stdout.contains("bob") })

        // Appends on both at once leave no conflict copy.
        DispatchQueue.concurrentPerform(iterations: 10) { i in
            let side = i % 2 == 0 ? laptop : desktop
            _ = try? side.sandbox.iictl("note", i % 2 == 0 ? "jane" : "bob", "--", "note \(i)")
        }
        #expect(
            try eventually(30) {
                let a = try laptop.sandbox.iictl("show", "bob").stdout
                let b = try desktop.sandbox.iictl("show", "jane").stdout
                return (0..<10).allSatisfy { i in (i % 2 == 0 ? b : a).contains("note \(i)") }
            })
        for d in [laptop, desktop] {
            #expect(!d.files.contains { $0.contains(".sync-conflict-") }, "\(d.name): \(d.files)")
            #expect(
                d.files.filter { $0.hasSuffix(".jsonl") }.allSatisfy {
                    $0.contains(".laptop.") || $0.contains(".desktop.")
                })
        }

        // A conflict copy planted by hand changes nothing, on either side, and is not complained of.
        let before = try laptop.pending()
        let mine = try #require(laptop.files.first { $0.hasSuffix(".laptop.jsonl") })
        let copy = mine.replacingOccurrences(of: ".jsonl", with: ".sync-conflict-20261201-120000-ABCDEFG.jsonl")
        try FileManager.default.copyItem(
            atPath: laptop.sandbox.eventsDir + "/" + mine, toPath: laptop.sandbox.eventsDir + "/" + copy)
        #expect(eventually(20) { desktop.files.contains(copy) }, "the copy reaches desktop")
        for d in [laptop, desktop] {
            let r = try d.sandbox.iictl("pending", "--json", "--within", "400d")
            #expect(r.stdout == before)
            #expect(!r.stderr.contains("duplicate"), "\(r.stderr)")
        }

        // An email reminder due while both run is sent once: by desktop (first by name) at once;
        // laptop holds it for the grace, sees desktop's record, and does not send it.
        try laptop.sandbox.iictl("request", "jane", "--at", laptop.sandbox.time(-7 * 86400 + 6))
        let due = Date().addingTimeInterval(6)
        #expect(eventually(30) { desktop.sent == 1 }, "desktop sends: \(desktop.daemon?.log ?? "")")
        #expect(eventually(30) { laptop.notified("Follow up with Jane Doe") }, "notifications go out on both")
        #expect(eventually(30) { desktop.notified("Follow up with Jane Doe") })
        #expect(eventually(Double(grace) + 30) { Date() > due.addingTimeInterval(Double(grace) + 3) })
        #expect(laptop.sent == 0, "laptop did not send it again: \(laptop.daemon?.log ?? "")")
        #expect(desktop.sent == 1)

        // With desktop's iid stopped, laptop sends the next one after the grace.
        desktop.stopDaemon()
        // The request's time is written in whole seconds: the reminder is due up to 1 s before this.
        let bobDue = Date().addingTimeInterval(3)
        try laptop.sandbox.iictl("request", "bob", "--at", laptop.sandbox.time(-7 * 86400 + 3))
        #expect(eventually(Double(grace) + 30) { laptop.sent == 1 }, "laptop sends: \(laptop.daemon?.log ?? "")")
        #expect(Date() >= bobDue.addingTimeInterval(Double(grace) - 1.5), "not before the grace")
        // desktop, back, sends nothing it missed: laptop's record reached it meanwhile.
        #expect(
            eventually(20) {
                (try? String(contentsOfFile: desktop.sandbox.eventsDir + "/deliveries/laptop.jsonl", encoding: .utf8))?
                    .contains("bob.follow-up") == true
            })
        try desktop.startDaemon()

        // A task done on one device is not reminded on the other.
        try laptop.sandbox.iictl("add", "Carol King", "--id", "carol")
        try laptop.sandbox.iictl("request", "carol", "--at", laptop.sandbox.time(-7 * 86400 + 15))
        let carolDue = Date().addingTimeInterval(15)
        #expect(try eventually(20) { try desktop.pending().contains("carol.follow-up") })
        #expect(try desktop.sandbox.iictl("done", "carol.follow-up").status == 0)
        // Its id in quotes: the second follow-up, a week later, starts with the same letters.
        #expect(try eventually(20) { try !laptop.pending().contains("\"carol.follow-up\"") })
        #expect(eventually(Double(grace) + 40) { Date() > carolDue.addingTimeInterval(Double(grace) + 3) })
        #expect(!laptop.notified("Carol King") && !desktop.notified("Carol King"))
        #expect(
            laptop.sent == 1 && desktop.sent == 1, "each email once: laptop \(laptop.sent), desktop \(desktop.sent)")

        // status shows the other device and when it last wrote.
        let status = try laptop.sandbox.iictl("status").stdout
        #expect(status.contains("Device:   laptop"))
        #expect(status.contains("Also:     desktop, last wrote 20"), "\(status)")
        laptop.stopDaemon()
        desktop.stopDaemon()
        laptop.syncthing.stop()
        desktop.syncthing.stop()
    }
}

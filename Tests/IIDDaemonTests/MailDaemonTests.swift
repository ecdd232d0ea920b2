import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon reads the person's Maildir on inotify's hint, with the scanner, rule and state of
/// `iictl mail scan`: each message once, whatever renames or copies it, and never in the way of
/// a reminder.
@Suite(.serialized) struct MailDaemonTests {
    /// Writes a message as a delivery does: into `tmp/`, then renamed into `sub` (`new` or `cur`).
    @discardableResult
    func deliver(
        _ root: String, folder: String, sub: String = "new", name: String, id: String, from: String,
        to: String = "sam@home.example", date: String = "Tue, 03 Nov 2026 08:00:00 +0100", extra: String = ""
    ) throws -> String {
        let dir = root + "/" + folder
        for s in ["new", "cur", "tmp"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + s, withIntermediateDirectories: true)
        }
        let text =
            "From: \(from)\r\nTo: \(to)\r\nSubject: Re: coffee\r\nDate: \(date)\r\nMessage-ID: <\(id)>\r\n\(extra)\r\nHello\r\n"
        try text.write(toFile: dir + "/tmp/" + name, atomically: false, encoding: .utf8)
        let path = dir + "/" + sub + "/" + name
        #expect(rename(dir + "/tmp/" + name, path) == 0)
        return path
    }

    func mailEvents(_ h: DaemonHarness) -> [Event] {
        EventStore(directory: h.eventsDir, zone: berlin).load().events.filter { $0.id.hasPrefix("mail-") }
    }

    func reads(_ h: DaemonHarness) -> [[String]] {
        h.events.events.compactMap {
            if case .mailRead(let recorded) = $0 { return recorded }
            return nil
        }
    }

    /// Waits until no read is under way or asked for, so that the next one counted follows the
    /// next change.
    func idle(_ h: DaemonHarness) async throws {
        #expect(await h.events.wait { _ in (try? h.onQueue { $0.status() }.mail?.reading) == false })
    }

    /// Waits for one more read than `before`, and returns what it recorded.
    func nextRead(_ h: DaemonHarness, after before: Int) async throws -> [String] {
        #expect(await h.events.wait { _ in reads(h).count > before }, "no read of the mail after the change")
        return reads(h).dropFirst(before).flatMap { $0 }
    }

    /// Mail on, reading the tree at `root`.
    func mailConfig(root: String) -> String {
        "me:\n  email: sam@home.example\nmail:\n  roots: [\(root)]\n  since: 2026-09-01\n"
    }

    func makeHome(now: String) throws -> (DaemonHarness, String) {
        // The Maildir lives in the harness's own home; its path goes into the config after the
        // harness exists, so the config is written again.
        let h = try DaemonHarness(now: now)
        let mailRoot = h.root + "/Mail"
        try h.writeConfig(mailConfig(root: mailRoot))
        try FileManager.default.createDirectory(atPath: mailRoot, withIntermediateDirectories: true)
        chmod(mailRoot, 0o700)
        try h.record(.added, "jane", at: "2026-11-01 08:00") { $0.email = "jane@acme.example" }
        try h.record(.requested, "jane", at: "2026-11-02 10:00")
        return (h, mailRoot)
    }

    @Test func aReplyIsRecordedOnceWhateverRenamesOrCopiesIt() async throws {
        let (h, mail) = try makeHome(now: "2026-11-03 09:00")
        for folder in ["INBOX", "Archive"] {
            for s in ["new", "cur", "tmp"] {
                try FileManager.default.createDirectory(
                    atPath: mail + "/" + folder + "/" + s, withIntermediateDirectories: true)
            }
        }
        try h.start()
        #expect(try await nextRead(h, after: 0).isEmpty, "an empty Maildir records nothing")

        // Delivered into INBOX/new: the reply.
        try await idle(h)
        var before = reads(h).count
        let path = try deliver(
            mail, folder: "INBOX", name: "1762156800.M1P1.host,U=1:2,", id: "r1@acme.example",
            from: "Jane <jane@acme.example>")
        var recorded = try await nextRead(h, after: before)
        #expect(recorded.count == 1, "\(recorded)")
        var events = mailEvents(h)
        #expect(events.map(\.type) == [.replied], "\(events)")

        // The mail client reads it: renamed into cur/ with the Seen flag. Nothing more.
        try await idle(h)
        before = reads(h).count
        #expect(rename(path, mail + "/INBOX/cur/1762156800.M1P1.host,U=1:2,S") == 0)
        recorded = try await nextRead(h, after: before)
        #expect(recorded.isEmpty, "a rename that changes flags records nothing: \(recorded)")

        // The same message archived on another device: a second file with the same Message-ID.
        try await idle(h)
        before = reads(h).count
        try deliver(
            mail, folder: "Archive", sub: "cur", name: "1762157000.M9P9.other,U=7:2,S", id: "r1@acme.example",
            from: "Jane <jane@acme.example>")
        recorded = try await nextRead(h, after: before)
        #expect(recorded.isEmpty, "one Message-ID is one event: \(recorded)")
        events = mailEvents(h)
        #expect(events.count == 1, "\(events)")

        // A folder that appears under the root (mbsync creates it) is watched and read.
        try deliver(
            mail, folder: "Projects/Acme", name: "1762157100.M2P2.host,U=1:2,", id: "n1@acme.example",
            from: "jane@acme.example", date: "Tue, 03 Nov 2026 08:30:00 +0100")
        #expect(await h.events.wait { _ in mailEvents(h).count == 2 }, "a message in a new folder is read")
        let settled = await h.events.wait { _ in
            (try? h.onQueue { $0.status() }.mail).map { !$0.reading && $0.folders == 3 } ?? false
        }
        #expect(settled, "the new folder is counted once its read ends")
        let status = try #require(try h.onQueue { $0.status() }.mail)
        #expect(status.folders == 3, "\(status)")
        #expect(status.counts["replied"] == 1, "\(status)")
        #expect(status.lastRead != nil)
        #expect(status.bounces.isEmpty)
        // The reads after a hint listed only the folders it named: the others keep what was read.
        let kept = try MailStateStore(path: h.root + "/state/iid/mail.json").load()
        let inbox = try #require(kept.folders.first { $0.key.hasSuffix("/INBOX") }?.value, "\(kept.folders.keys)")
        #expect(inbox.seen == ["1762156800.M1P1.host,U=1"], "\(inbox.seen)")
    }

    /// The first read waits for the event log's lock (held here, as a long `iictl` command
    /// would): a reminder due meanwhile still goes at its time.
    @Test func aReminderDueDuringTheFirstReadIsOnTime() async throws {
        let (h, mail) = try makeHome(now: "2026-11-09 09:00")
        try deliver(
            mail, folder: "INBOX", name: "1762156800.M1P1.host,U=1:2,", id: "r1@acme.example", from: "jane@acme.example"
        )
        let fd = open(h.eventsDir + "/.lock", O_RDONLY | O_CREAT | O_CLOEXEC, 0o600)
        try #require(fd >= 0)
        var held = true
        defer { if held { close(fd) } }
        try #require(flock(fd, LOCK_EX) == 0)
        try h.start()
        #expect(h.timer.deadline == local("2026-11-09 10:00"), "the follow-up is due at 10:00")
        #expect(try h.onQueue { $0.status() }.mail?.reading == true)
        try h.fireAtDeadline()
        #expect(await h.events.wait { e in e.contains { $0.deliveredChannel == .notify } })
        let argv = try #require(h.runner.calls("notify-send").first).argv.joined(separator: "\n")
        #expect(!argv.contains("Late:") && !argv.contains("was due"), "\(argv)")
        #expect(reads(h).isEmpty, "the read was still waiting for the lock")
        #expect(mailEvents(h).isEmpty)
        close(fd)
        held = false
        #expect(await h.events.wait { _ in reads(h).count == 1 })
        #expect(mailEvents(h).map(\.type) == [.replied])
    }

    /// On start, a folder whose `new/` and `cur/` have not changed since their last read is not
    /// listed again: a file slipped in without changing them is not seen until the folder changes.
    @Test func aRestartPassesOverFoldersUnchangedSinceTheirLastRead() async throws {
        let (h, mail) = try makeHome(now: "2026-11-03 09:00")
        try deliver(
            mail, folder: "INBOX", sub: "cur", name: "1.M1P1.host,U=1:2,S", id: "old@example.org",
            from: "someone@example.org")
        let old = timeval(tv_sec: time(nil) - 3600, tv_usec: 0)
        func age() {
            for s in ["new", "cur"] { _ = utimes(mail + "/INBOX/" + s, [old, old]) }
        }
        age()
        try h.start()
        #expect(try await nextRead(h, after: 0).isEmpty)
        h.stop()

        // A reply slipped in while iid was stopped, the folder's times put back as they were.
        try deliver(
            mail, folder: "INBOX", sub: "cur", name: "2.M2P2.host,U=2:2,S", id: "r1@acme.example",
            from: "jane@acme.example")
        age()
        try h.start()
        let events = h.events
        #expect(await events.wait { _ in reads(h).count == 2 })
        #expect(mailEvents(h).isEmpty, "the unchanged folder was not listed")

        // Any change to the folder reads what it holds that was not seen.
        try deliver(
            mail, folder: "INBOX", name: "3.M3P3.host,U=3:2,", id: "n3@example.org", from: "someone@example.org")
        #expect(await h.events.wait { _ in mailEvents(h).count == 1 })
        #expect(mailEvents(h).map(\.type) == [.replied])
    }

    /// A link in the tree is neither read nor watched, whatever it points to; a folder with only
    /// `cur/` is read and watched without a warning.
    @Test func linksAreNotFollowedAndAFolderWithOnlyCurIsWatched() async throws {
        let (h, mail) = try makeHome(now: "2026-11-03 09:00")
        let outside = h.root + "/Outside"
        try deliver(
            outside, folder: "INBOX", name: "1.M1P1.host,U=1:2,", id: "r1@acme.example", from: "jane@acme.example")
        try FileManager.default.createSymbolicLink(atPath: mail + "/Elsewhere", withDestinationPath: outside + "/INBOX")
        try FileManager.default.createDirectory(atPath: mail + "/Archive/cur", withIntermediateDirectories: true)
        try h.start()
        #expect(try await nextRead(h, after: 0).isEmpty)
        #expect(try h.onQueue { $0.status() }.mail?.folders == 1, "only Archive: the link is no folder")
        // Mail through the link, then in Archive: once Archive's is read, the other was not.
        try deliver(
            outside, folder: "INBOX", name: "2.M2P2.host,U=2:2,", id: "r2@acme.example", from: "jane@acme.example")
        try await idle(h)
        try FileManager.default.createDirectory(atPath: mail + "/Archive/tmp", withIntermediateDirectories: true)
        try "From: someone@example.org\nMessage-ID: <a1@example.org>\nDate: Tue, 03 Nov 2026 08:00:00 +0100\n\nHi\n"
            .write(toFile: mail + "/Archive/tmp/3.M3P3.host", atomically: false, encoding: .utf8)
        #expect(rename(mail + "/Archive/tmp/3.M3P3.host", mail + "/Archive/cur/3.M3P3.host,U=3:2,S") == 0)
        #expect(await h.events.wait { _ in (try? h.onQueue { $0.status() }.mail?.counts["nothing"]) == 1 })
        #expect(mailEvents(h).isEmpty, "nothing read through the link")
        #expect(!h.logs.lines.contains { $0.message.contains("cannot watch") }, "\(h.logs.lines.map(\.message))")
    }

    /// The daemon keeps the state between reads, and takes in the file again when another
    /// writer (`iictl mail scan`) has replaced it meanwhile.
    @Test func aStateWrittenByAnotherReaderIsTakenIn() async throws {
        let (h, mail) = try makeHome(now: "2026-11-03 09:00")
        try FileManager.default.createDirectory(atPath: mail + "/INBOX/cur", withIntermediateDirectories: true)
        try h.start()
        #expect(try await nextRead(h, after: 0).isEmpty)
        // Another reader has judged this message already: the state it wrote says so.
        let store = MailStateStore(path: h.root + "/state/iid/mail.json")
        var state = try store.load()
        let key = try #require(
            MailItem(messageID: "r2@acme.example", from: nil, recipients: [], date: Date(timeIntervalSince1970: 0)).key)
        state.messages[key] = MailState.Verdict(verdict: "nothing")
        try store.save(state)
        try await idle(h)
        let before = reads(h).count
        try deliver(mail, folder: "INBOX", name: "2.M2P2.host,U=2:2,", id: "r2@acme.example", from: "jane@acme.example")
        #expect(try await nextRead(h, after: before).isEmpty, "the other reader's verdict holds")
        #expect(mailEvents(h).isEmpty)
        #expect(try h.onQueue { $0.status() }.mail?.counts["nothing"] == 1)
    }

    /// Without an address of the person's, nothing is read, and status says why; once the config
    /// gives one, what waited is read.
    @Test func mailWaitsForTheAddressOfThePerson() async throws {
        let (h, mail) = try makeHome(now: "2026-11-03 09:00")
        try deliver(mail, folder: "INBOX", name: "1.M1P1.host,U=1:2,", id: "r1@acme.example", from: "jane@acme.example")
        try h.writeConfig("mail:\n  roots: [\(mail)]\n  since: 2026-09-01\n")
        try h.start()
        let problem = try h.onQueue { $0.status() }.mail?.problem ?? ""
        #expect(problem.contains("set me.email"), "\(problem)")
        #expect(reads(h).isEmpty)
        try h.writeConfig(mailConfig(root: mail))
        #expect(await h.events.wait { _ in mailEvents(h).map(\.type) == [.replied] })
    }

    /// A daemon started with mail on and its one root, `root(harness)`, not made yet; its first
    /// read done.
    func startAwaiting(_ root: (DaemonHarness) -> String) async throws -> (DaemonHarness, String) {
        let (h, _) = try makeHome(now: "2026-11-03 09:00")
        let path = root(h)
        try h.writeConfig(mailConfig(root: path))
        try h.start()
        #expect(try await nextRead(h, after: 0).isEmpty)
        try await idle(h)
        return (h, path)
    }

    /// A root that does not exist at start (mbsync has not run yet) is watched for from the
    /// nearest directory above it that does: once made, it is read without a reload. Another file
    /// in that directory reads nothing.
    @Test func aRootMadeAfterTheStartIsReadWithoutAReload() async throws {
        let (h, later) = try await startAwaiting { $0.root + "/Later/Mail" }
        let before = reads(h).count
        // Another file beside where the root will be, then a change the daemon does watch: once
        // that is taken in, so is the file, which asked for no read.
        try "x".write(toFile: h.root + "/notes.txt", atomically: false, encoding: .utf8)
        let armed = { h.events.count { if case .armed = $0 { true } else { false } } }
        let armedBefore = armed()
        try h.record(.note, "jane", at: "2026-11-03 09:00") { $0.text = "called" }
        #expect(await h.events.wait { _ in armed() > armedBefore })
        #expect(reads(h).count == before, "a file beside the awaited root reads nothing")
        // mbsync's first run makes the tree, and the reply is in it.
        try deliver(
            later, folder: "INBOX", name: "1.M1P1.host,U=1:2,", id: "r1@acme.example", from: "jane@acme.example")
        #expect(await h.events.wait { _ in mailEvents(h).map(\.type) == [.replied] }, "the new root is read")
    }

    /// A root awaited in a folder the daemon watches for its own files (here the config's) leaves
    /// that folder to them: the mail neither takes its changes nor lets go of its watch when the
    /// root comes, and an edit of the config is still read (here a mistake, which status reports).
    @Test func anAwaitedRootBesideTheConfigLeavesTheConfigsWatchAlone() async throws {
        let (h, root) = try await startAwaiting { $0.root + "/config/iid/Mail" }
        try deliver(root, folder: "INBOX", name: "1.M1P1.host,U=1:2,", id: "r1@acme.example", from: "jane@acme.example")
        try await idle(h)
        // A mistake in the config, which the daemon reports once it reads the file again.
        try h.writeConfig(mailConfig(root: root) + "catch_up: soon\n")
        #expect(
            await h.events.wait { _ in (try? h.onQueue { $0.status() }.configError) != nil },
            "the config's folder is still watched")
    }

    /// A reload that changes `mail:` watches the new tree and reads it; one that turns mail off
    /// watches nothing.
    @Test func aReloadChangesWhatIsWatched() async throws {
        let (h, mail) = try makeHome(now: "2026-11-03 09:00")
        let other = h.root + "/Other"
        try h.start()
        #expect(try await nextRead(h, after: 0).isEmpty)
        try deliver(
            other, folder: "INBOX", name: "1.M1P1.host,U=1:2,", id: "r1@acme.example", from: "jane@acme.example")
        #expect(mailEvents(h).isEmpty, "the other tree is not configured yet")
        try h.writeConfig(mailConfig(root: other))
        #expect(await h.events.wait { _ in reads(h).contains { !$0.isEmpty } }, "the new tree is read")
        #expect(mailEvents(h).count == 1)
        try h.writeConfig("me:\n  email: sam@home.example\n")
        #expect(await h.events.wait { _ in (try? h.onQueue { $0.status() }.mail) == nil })
        let before = reads(h).count
        try deliver(mail, folder: "INBOX", name: "2.M2P2.host,U=2:2,", id: "n2@acme.example", from: "jane@acme.example")
        try deliver(
            other, folder: "INBOX", name: "3.M3P3.host,U=3:2,", id: "n3@acme.example", from: "jane@acme.example")
        // A change the daemon does watch, after them: once it is taken in, so are they.
        let armed = { h.events.count { if case .armed = $0 { true } else { false } } }
        let armedBefore = armed()
        try h.record(.note, "jane", at: "2026-11-03 09:00") { $0.text = "called" }
        #expect(await h.events.wait { _ in armed() > armedBefore })
        #expect(reads(h).count == before, "mail off: nothing is read")
        #expect(mailEvents(h).count == 1)
    }
}

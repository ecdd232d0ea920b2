import Foundation
import IIDCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `iictl mail scan` and `status` over a Maildir built here, with fixed past dates: what the
/// rule records, what it never records, and that each message counts once, undo included.
@Suite struct MailCLITests {
    /// A Maildir tree of mbsync's `Verbatim` layout, with a Maildir++ folder, a draft and a file
    /// in `tmp/` that must not be read.
    static func maildir(_ s: Sandbox) throws {
        let root = s.home + "/Mail"
        func message(_ folder: String, _ sub: String, _ name: String, _ text: String, mtime: TimeInterval) throws {
            let dir = root + "/" + folder + "/" + sub
            for d in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(
                    atPath: root + "/" + folder + "/" + d, withIntermediateDirectories: true)
            }
            let path = dir + "/" + name
            try Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8).write(to: URL(fileURLWithPath: path))
            var times = [timespec(tv_sec: Int(mtime), tv_nsec: 0), timespec(tv_sec: Int(mtime), tv_nsec: 0)]
            utimensat(AT_FDCWD, path, &times, 0)
        }
        // 2026-11-02 10:00 +0100 and later: fixed days in the past.
        let t0: TimeInterval = 1_793_610_000
        try message(
            "Sent", "cur", "1793610000.M1P1.host,U=1:2,S",
            """
            From: Sam Rivera <sam@home.example>
            To: Jane Doe <jane@acme.example>
            Subject: Twenty minutes about platform teams?
            Date: Mon, 2 Nov 2026 10:00:00 +0100
            Message-ID: <request.1@home.example>

            Dear Jane, ...
            """, mtime: t0)
        try message(
            "INBOX", "cur", "1793610300.M2P1.host,U=2:2,S",
            """
            Return-Path: <>
            From: Mail Delivery System <MAILER-DAEMON@mx.home.example>
            To: sam@home.example
            X-Failed-Recipients: jane@acme.example
            Subject: Undelivered Mail Returned to Sender
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"
            Date: Mon, 2 Nov 2026 10:05:00 +0100
            Message-ID: <bounce.1@mx.home.example>

            """, mtime: t0 + 300)
        try message(
            "Sent", "cur", "1794297600.M3P1.host,U=2:2,S",
            """
            From: Sam Rivera <sam@home.example>
            To: Jane Doe <jane@acme.example>
            Subject: Re: Twenty minutes about platform teams?
            In-Reply-To: <request.1@home.example>
            Date: Tue, 10 Nov 2026 09:00:00 +0100
            Message-ID: <followup.1@home.example>

            """, mtime: t0 + 8 * 86_400)
        try message(
            "INBOX", "new", "1794297660.M4P1.host,U=3:2,",
            """
            From: Jane Doe <jane@acme.example>
            To: sam@home.example
            Subject: Automatic reply: Re: Twenty minutes about platform teams?
            Auto-Submitted: auto-replied
            Date: Tue, 10 Nov 2026 09:01:00 +0100
            Message-ID: <ooo.1@acme.example>

            """, mtime: t0 + 8 * 86_400 + 60)
        try message(
            "INBOX", "cur", "1794297700.M5P1.host,U=4:2,S",
            """
            From: Acme News <jane@acme.example>
            To: sam@home.example
            Subject: November news
            List-Id: <news.acme.example>
            Date: Tue, 10 Nov 2026 09:02:00 +0100
            Message-ID: <list.1@acme.example>

            """, mtime: t0 + 8 * 86_400 + 120)
        let reply = """
            From: "Jane \u{1B}[31mDoe" <jane@acme.example>
            To: Sam Rivera <sam@home.example>
            Subject: Re: Twenty minutes about platform teams?
            In-Reply-To: <followup.1@home.example>
            Date: Wed, 11 Nov 2026 08:00:00 +0100
            Message-ID: <reply.1@acme.example>

            Happy to. Thursday?
            """
        try message("INBOX", "cur", "1794380400.M6P1.host,U=5:2,RS", reply, mtime: t0 + 9 * 86_400)
        // The same message in a second folder (Maildir++'s `.Archive`) counts once.
        try message(".Archive", "cur", "1794380400.M7P1.host,U=1:2,S", reply, mtime: t0 + 9 * 86_400)
        // Never read: a draft, and a delivery still being written.
        let mine = """
            From: sam@home.example
            To: jane@acme.example
            Date: Thu, 12 Nov 2026 08:00:00 +0100
            Message-ID: <draft.1@home.example>

            """
        try message("Drafts", "cur", "1794466800.M8P1.host:2,D", mine, mtime: t0 + 10 * 86_400)
        try message(
            "INBOX", "tmp", "1794466800.M9P1.host", mine.replacingOccurrences(of: "draft", with: "tmp"), mtime: t0)
        // Hostile neighbours: a FIFO (reading it would hang), a symlink out of the tree, a dotfile.
        #expect(mkfifo(root + "/INBOX/cur/1794466801.M10P1.host:2,S", 0o600) == 0)
        try FileManager.default.createSymbolicLink(
            atPath: root + "/INBOX/cur/1794466802.M11P1.host:2,S", withDestinationPath: "/etc/passwd")
        try Data("junk".utf8).write(to: URL(fileURLWithPath: root + "/INBOX/.mbsyncstate"))
    }

    static let config = """
        me:
          name: Sam Rivera
          email: sam@home.example
        mail:
          roots: [~/Mail]
        """

    @Test func scanRecordsWhatTheRuleSaysOnce() throws {
        let s = try Sandbox()
        try s.writeConfig(Self.config)
        try Self.maildir(s)
        #expect(try s.iictl("add", "Jane Doe", "--email", "jane@acme.example", "--at", "2026-11-01 08:00").status == 0)

        let dry = try s.iictl("mail", "scan", "--dry-run", "--as-of", "2026-11-12 12:00")
        #expect(dry.status == 0, "\(dry.stderr)")
        let expected = [
            "jane-doe: requested a meeting (your message, Mon 2 Nov 10:00)",
            "jane@acme.example bounced: check the address",
            "jane-doe: done jane-doe.follow-up (your message, Tue 10 Nov 09:00)",
            "jane-doe: replied (message from jane@acme.example, Wed 11 Nov 08:00)",
            "Would record 3 events from 6 new messages in 3 folders.",
        ]
        #expect(dry.stdout.split(separator: "\n").map(String.init) == expected)
        #expect(try s.iictl("log").stdout.contains("requested") == false, "a dry run records nothing")
        let verbose = try s.iictl("mail", "scan", "--dry-run", "--verbose", "--as-of", "2026-11-12 12:00").stdout
        #expect(
            verbose.contains(
                "nothing: jane@acme.example, Tue 10 Nov 09:01: an automatic answer (Auto-Submitted: auto-replied)\n"),
            "\(verbose)")
        #expect(verbose.contains("nothing: jane@acme.example, Tue 10 Nov 09:02: a list message (List-Id)\n"))

        let scan = try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00")
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(
            scan.stdout.split(separator: "\n").map(String.init) == expected.replacingLast("Would record", "Recorded"))
        #expect(!scan.stdout.contains("\u{1B}"))
        let log = try s.iictl("log", "jane-doe").stdout
        #expect(
            log.contains(
                "requested a meeting with Jane Doe (from mail: your message to jane@acme.example, Mon 2 Nov 10:00)"),
            "\(log)")
        #expect(
            log.contains("done: jane-doe.follow-up (from mail: your message to jane@acme.example, Tue 10 Nov 09:00)"),
            "\(log)")
        #expect(log.contains("Jane Doe replied: from mail: message from jane@acme.example, Wed 11 Nov 08:00"), "\(log)")
        let explain = try s.iictl("explain", "jane-doe.follow-up").stdout
        #expect(explain.contains("from mail: your message to jane@acme.example"), "\(explain)")
        let pending = try s.iictl("pending", "--json", "--as-of", "2026-11-12 12:00").stdout
        #expect(!pending.contains("follow-up"), "the reply stopped the follow-ups: \(pending)")

        let again = try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00")
        #expect(again.stdout == "Recorded 0 events from 0 new messages in 3 folders.\n")

        // Taken back for good: with the state gone, every message is read again, and none is recorded twice.
        // The reply's event has the id made from its Message-ID's hash.
        let reply = "mail-" + SHA256.hex(Array("reply.1@acme.example".utf8)).prefix(20) + "-jane-doe"
        let undo = try s.iictl("undo", reply)
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(
            try s.iictl("show", "jane-doe").stdout.hasPrefix("Jane Doe  [jane-doe]  requested\n"), "the reply undone")
        try FileManager.default.removeItem(atPath: s.home + "/.local/state/iid/mail.json")
        let reread = try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00")
        #expect(reread.stdout.hasSuffix("Recorded 0 events from 6 new messages in 3 folders.\n"), "\(reread.stdout)")
        #expect(
            try s.iictl("show", "jane-doe").stdout.hasPrefix("Jane Doe  [jane-doe]  requested\n"),
            "an undone message is not recorded again")

        let status = try s.iictl("mail", "status")
        #expect(status.status == 0)
        #expect(status.stdout.contains("Sent: 2 files"), "\(status.stdout)")
        #expect(status.stdout.contains("sent (guessed: confirm with mail.sent)"))
        #expect(!status.stdout.contains("Drafts"))
        #expect(
            status.stdout.contains("1 automatic") && status.stdout.contains("1 list")
                && status.stdout.contains("1 bounce"))
    }

    /// Where each event came from: `source: mail` in the log, and `log`, `show` and `explain` say
    /// so, in words and in their JSON; a typed event has no source.
    @Test func logShowAndExplainSayWhatCameFromMail() throws {
        let s = try Self.withJane()
        #expect(try s.iictl("note", "jane-doe", "Met at the meetup", "--at", "2026-11-01 09:00").status == 0)
        #expect(try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00").status == 0)
        let lines = try FileManager.default.contentsOfDirectory(atPath: s.eventsDir).filter { $0.hasSuffix(".jsonl") }
            .flatMap { s.lines(s.eventsDir + "/" + $0) }
        #expect(lines.filter { $0.contains(#""source":"mail""#) }.count == 3, "\(lines)")
        #expect(lines.filter { $0.contains("source") }.count == 3, "typed events carry none")

        let show = try s.iictl("show", "jane-doe").stdout
        #expect(
            show.contains(
                """
                  Note: Met at the meetup
                  From mail: requested a meeting (your message to jane@acme.example, Mon 2 Nov 10:00)
                  From mail: done jane-doe.follow-up (your message to jane@acme.example, Tue 10 Nov 09:00)
                  From mail: replied (message from jane@acme.example, Wed 11 Nov 08:00)

                """), "\(show)")
        #expect(!show.contains("Note: from mail"), "the notes stay the person's own")
        #expect(!show.contains("\u{1B}"))

        let explain = try s.iictl("explain", "jane-doe.follow-up").stdout
        let followUp = "mail-" + SHA256.hex(Array("followup.1@home.example".utf8)).prefix(20) + "-jane-doe"
        #expect(
            explain.contains(
                "  State:  done from mail: your message to jane@acme.example, Tue 10 Nov 09:00 (event \(followUp))\n"),
            "\(explain)")

        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(s.iictl("log", "jane-doe", "--json").stdout.utf8))
                as? [[String: Any]])
        #expect(log.map { $0["type"] as? String } == ["added", "note", "requested", "done", "replied"])
        #expect(log.map { $0["source"] as? String } == [nil, nil, "mail", "mail", "mail"])
        #expect(log.allSatisfy { $0.keys.contains("source") }, "null, never absent")
        #expect(log[3]["task"] as? String == "jane-doe.follow-up")

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(s.iictl("show", "jane-doe", "--json").stdout.utf8))
                as? [String: Any])
        let mail = try #require(json["from_mail"] as? [[String: Any]])
        #expect(mail.map { $0["type"] as? String } == ["requested", "done", "replied"])
        #expect(mail.allSatisfy { $0["source"] as? String == "mail" })
        #expect(json["notes"] as? [String] == ["Met at the meetup"])

        // Taken back, it is no longer among show's lines.
        #expect(try s.iictl("undo", followUp).status == 0)
        #expect(!(try s.iictl("show", "jane-doe").stdout.contains("From mail: done")))
        #expect(try s.iictl("log", "jane-doe").stdout.contains("(undone)"))
    }

    /// A source this version does not know is kept and shown; one that is not a short word (a
    /// hostile file) is refused with its file and line, and never reaches the terminal.
    @Test func anUnknownSourceIsShownAndAHostileOneRefused() throws {
        let s = try Self.withJane()
        try s.appendEvent(
            #"{"id":"cal-1","at":"2026-11-03T10:00:00+01:00","type":"note","contact":"jane-doe","text":"Coffee","source":"calendar"}"#
        )
        try s.appendEvent(
            #"{"id":"bad-1","at":"2026-11-03T11:00:00+01:00","type":"note","contact":"jane-doe","source":"mail\u001b[2J"}"#
        )
        let r = try s.iictl("log", "jane-doe")
        #expect(r.stdout.contains("note for Jane Doe: Coffee (from calendar)"), "\(r.stdout)")
        #expect(!r.stdout.contains("bad-1"))
        let show = try s.iictl("show", "jane-doe")
        #expect(show.stdout.contains("  Note: Coffee\n"), "not from mail: a note")
        #expect(show.stderr.contains("manual.jsonl:2"), "\(show.stderr)")
        #expect(show.stderr.contains("'source' must be a short word"), "\(show.stderr)")
        #expect(!(r.stdout + show.stdout + show.stderr).contains("\u{1B}"))
    }

    /// A sandbox with the config, the Maildir and Jane, whose address the messages use.
    static func withJane() throws -> Sandbox {
        let s = try Sandbox()
        try s.writeConfig(config)
        try maildir(s)
        try s.iictl("add", "Jane Doe", "--email", "jane@acme.example", "--at", "2026-11-01 08:00")
        return s
    }

    @Test func aDeletedFileIsForgottenAndItsMessageIsNeverJudgedAgain() throws {
        let s = try Self.withJane()
        let first = try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00")
        #expect(first.stdout.hasSuffix("Recorded 3 events from 6 new messages in 3 folders.\n"), "\(first.stdout)")
        let statePath = s.home + "/.local/state/iid/mail.json"
        #expect(try String(contentsOfFile: statePath, encoding: .utf8).contains("1794380400.M6P1.host,U=5"))

        // The reply is deleted from the inbox (its copy in Archive stays): the inbox forgets it.
        let reply = s.home + "/Mail/INBOX/cur/1794380400.M6P1.host,U=5:2,RS"
        let text = try String(contentsOfFile: reply, encoding: .utf8)
        try FileManager.default.removeItem(atPath: reply)
        let after = try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00")
        #expect(after.stdout == "Recorded 0 events from 0 new messages in 3 folders.\n")
        #expect(!(try String(contentsOfFile: statePath, encoding: .utf8).contains("1794380400.M6P1.host,U=5")))
        #expect(try s.iictl("mail", "status").stdout.contains("  INBOX: 3 files,"))

        // Back under another name (a sync tool's new copy): read, and not judged again.
        try text.write(toFile: s.home + "/Mail/INBOX/new/1794999999.M99P1.host", atomically: false, encoding: .utf8)
        let back = try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00")
        #expect(back.stdout == "Recorded 0 events from 0 new messages in 3 folders.\n", "\(back.stdout)")
        #expect(try s.iictl("mail", "status").stdout.contains("  INBOX: 4 files,"))
        #expect(try s.iictl("log", "jane-doe").stdout.components(separatedBy: "replied").count == 2, "once")
    }

    @Test func laterMessagesWaitForALaterScan() throws {
        let s = try Self.withJane()
        let early = try s.iictl("mail", "scan", "--as-of", "2026-11-03 12:00")
        #expect(early.stdout.hasSuffix("Recorded 1 event from 2 new messages in 3 folders.\n"), "\(early.stdout)")
        let later = try s.iictl("mail", "scan", "--as-of", "2026-11-12 12:00")
        #expect(later.stdout.hasSuffix("Recorded 2 events from 4 new messages in 3 folders.\n"), "\(later.stdout)")
    }

    @Test func aColleagueAnsweringInTheThreadIsSuggestedUntilTheReplyIsRecorded() throws {
        let s = try Sandbox()
        try s.writeConfig(Self.config)
        let root = s.home + "/Mail"
        for folder in ["INBOX", "Sent"] {
            for sub in ["cur", "new", "tmp"] {
                try FileManager.default.createDirectory(
                    atPath: root + "/" + folder + "/" + sub, withIntermediateDirectories: true)
            }
        }
        try """
        From: Sam Rivera <sam@home.example>
        To: Jane Doe <jane@acme.example>
        Subject: Twenty minutes about platform teams?
        Date: Mon, 2 Nov 2026 10:00:00 +0100
        Message-ID: <request.1@home.example>

        """.write(toFile: root + "/Sent/cur/1.M1P1.host:2,S", atomically: false, encoding: .utf8)
        try """
        From: "Bob \u{1B}[31mRoe" <bob@acme.example>
        To: Sam Rivera <sam@home.example>
        Cc: Jane Doe <jane@acme.example>
        Subject: Re: Twenty minutes about platform teams?
        In-Reply-To: <request.1@home.example>
        References: <request.1@home.example>
        Date: Wed, 4 Nov 2026 09:00:00 +0100
        Message-ID: <answer.1@acme.example>

        Jane is away this month; I can talk instead.
        """.write(toFile: root + "/INBOX/cur/2.M2P1.host:2,S", atomically: false, encoding: .utf8)
        #expect(try s.iictl("add", "Jane Doe", "--email", "jane@acme.example", "--at", "2026-11-01 08:00").status == 0)

        let scan = try s.iictl("mail", "scan", "--as-of", "2026-11-05 12:00")
        #expect(scan.status == 0, "\(scan.stderr)")
        #expect(
            scan.stdout.split(separator: "\n").map(String.init) == [
                "jane-doe: requested a meeting (your message, Mon 2 Nov 10:00)",
                "jane-doe: suggestion: bob@acme.example answered in the thread of your message to them, Wed 4 Nov "
                    + "09:00: if it answers for them, iictl replied jane-doe",
                "Recorded 1 event from 2 new messages in 2 folders.",
            ])
        #expect(!(try s.iictl("log", "jane-doe").stdout.contains("replied")), "a suggestion records nothing")
        let state = try String(contentsOfFile: s.home + "/.local/state/iid/mail.json", encoding: .utf8)
        #expect(
            state.contains(" suggested contact=jane-doe at=") && !state.contains("@") && !state.contains("Bob"),
            "\(state)")

        let pending = try s.iictl("pending", "--as-of", "2026-11-05 12:00")
        #expect(pending.status == 0, "\(pending.stderr)")
        #expect(
            pending.stdout.hasSuffix(
                "\nFrom mail, not recorded:\n  Jane Doe: someone else answered in the thread of your message to "
                    + "them, Wed 4 Nov 09:00; if it answers for them: iictl replied jane-doe\n"), "\(pending.stdout)")
        // A later scan reads nothing new and the suggestion stays until the step is recorded.
        #expect(try s.iictl("mail", "scan", "--as-of", "2026-11-05 12:30").stdout.hasPrefix("Recorded 0 events"))
        #expect(try s.iictl("pending", "--as-of", "2026-11-05 12:30").stdout.contains("iictl replied jane-doe"))
        #expect(try s.iictl("replied", "jane-doe", "--at", "2026-11-05 13:00").status == 0)
        let after = try s.iictl("pending", "--as-of", "2026-11-05 14:00")
        #expect(!after.stdout.contains("From mail"), "\(after.stdout)")
    }

    @Test func mailOffAndMistakesAreOneLine() throws {
        let s = try Sandbox()
        try s.writeConfig("me:\n  email: sam@home.example\n")
        let off = try s.iictl("mail", "scan")
        #expect(off.status == 1)
        #expect(off.stderr.hasPrefix("iictl: mail is off"))
        #expect(try s.iictl("mail", "status").stdout.hasPrefix("Mail: off"))
        try s.writeConfig("me:\n  email: sam@home.example\nmail:\n  roots: [~/Mail]\n  addresses: [not-an-address]\n")
        let bad = try s.iictl("mail", "status")
        #expect(bad.stderr.contains("mail.addresses"), "\(bad.stderr)")
        try s.writeConfig("mail:\n  since: yesterday\n  roots: ~/Mail\n")
        let since = try s.iictl("mail", "scan")
        #expect(since.status == 1)
        #expect(since.stderr.contains("mail.since") && since.stderr.contains(":2:"), "\(since.stderr)")
    }

    @Test func setupPrintsTheConfigForTheMaildirMbsyncNames() throws {
        let s = try Sandbox()
        try Self.maildir(s)
        try "MaildirStore local\nPath ~/Mail/\nInbox ~/Mail/INBOX\nSubFolders Verbatim\n".write(
            toFile: s.home + "/.mbsyncrc", atomically: false, encoding: .utf8)
        let setup = try s.iictl("mail", "setup")
        #expect(setup.status == 0, "\(setup.stderr)")
        #expect(setup.stdout.contains("# From ~/.mbsyncrc: 1 Maildir tree, 3 folders.\n"), "\(setup.stdout)")
        #expect(setup.stdout.contains("mail:\n  roots: [\"~/Mail\"]\n  sent: [\"Sent\"]"), "\(setup.stdout)")
        #expect(setup.stdout.contains("me:\n  email: you@example.org"))
        let empty = try Sandbox()
        let none = try empty.iictl("mail", "setup")
        #expect(none.status == 1 && none.stderr.hasPrefix("iictl: no Maildir found"), "\(none.stderr)")
    }

    @Test func aContactHasSeveralAddresses() throws {
        let s = try Sandbox()
        let add = try s.iictl("add", "Jane Doe", "--email", "jane@acme.example", "--email", "jd@home.example")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(try s.iictl("show", "jane-doe").stdout.contains("jane@acme.example, jd@home.example"))
        #expect(
            try s.iictl("edit", "jane-doe", "--add-email", "jane@new.example", "--remove-email", "JD@home.example")
                .status == 0)
        #expect(try s.iictl("show", "jane-doe").stdout.contains("jane@acme.example, jane@new.example"))
        let missing = try s.iictl("edit", "jane-doe", "--remove-email", "nobody@x.example")
        #expect(missing.status == 1)
        #expect(
            missing.stderr
                == "iictl: Jane Doe has no address 'nobody@x.example'; known: jane@acme.example, jane@new.example\n")
        let comma = try s.iictl("add", "Bo", "--email", "a@x.example,b@y.example")
        #expect(comma.status == 1 && comma.stderr.contains("has a comma in it"), "\(comma.stderr)")
        let bad = try s.iictl("edit", "jane-doe", "--add-email", "not an address")
        #expect(bad.status == 1 && bad.stderr.contains("space"))
        let draft = try s.iictl("draft", "request", "jane-doe").stdout
        #expect(draft.contains("To: Jane Doe <jane@acme.example>\n"), "\(draft)")
    }
}

extension Array where Element == String {
    /// The list with its last line's `old` replaced by `new`.
    func replacingLast(_ old: String, _ new: String) -> [String] {
        guard let last else { return self }
        return dropLast() + [last.replacingOccurrences(of: old, with: new)]
    }
}

import Foundation
import IIDCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon reading mail against the real things: Debian's Dovecot on loopback (an unprivileged
/// instance with a passwd-file, started here), its delivery agent bringing the contact's mail,
/// Python's imaplib appending the person's sent copy as a mail client does, and mbsync syncing
/// both into the Maildir a running `iid` watches. Fixed past dates throughout: the messages say
/// when they were written, whatever day the test runs.
@Suite(
    .serialized,
    .enabled(
        if: Components.required
            || (FileManager.default.isExecutableFile(atPath: MailServer.dovecot)
                && FileManager.default.isExecutableFile(atPath: "/usr/bin/mbsync"))
    ))
struct MailComponentTests {
    @Test func theDaemonRecordsTheReplyAndTheThankYouOnceAndNothingAutomatic() throws {
        let s = try Sandbox()
        let server = try MailServer(s)
        defer { server.stop() }
        let (notify, _) = try s.recordingCommand("notify-send")
        let journal = try DatagramSink(path: s.home + "/journal.sock")
        try s.writeConfig(
            """
            timezone: Europe/Berlin
            me:
              name: Sam Rivera
              email: sam@home.example
            delivery:
              notify: {command: "\(notify)"}
              journal: {socket: "\(journal.path)"}
            mail:
              roots: [\(server.maildir)]
              since: 2026-09-01
            """)
        try #require(
            try s.iictl("add", "Jane Doe", "--email", "jane@acme.example", "--at", "2026-11-01 08:00").status == 0)
        try #require(try s.iictl("request", "jane-doe", "--at", "2026-11-02 10:00").status == 0)
        let scheduled = try s.iictl(
            "schedule", "jane-doe", "2026-11-10 14:00", "--minutes", "30", "--at", "2026-11-04 10:00")
        try #require(scheduled.status == 0, "\(scheduled.stderr)")

        let d = try Daemon(s)
        try #require(d.ready() != nil, "\(d.log)")
        #expect(eventually { mailStatus(s)?["last_read"] is String }, "the first read of the empty Maildir")

        // From the contact, delivered by Dovecot: the reply, and three that are never a reply.
        try server.deliver(
            from: "jane@acme.example",
            """
            From: Jane Doe <jane@acme.example>
            To: Sam Rivera <sam@home.example>
            Subject: Re: Twenty minutes about platform teams?
            Date: Tue, 3 Nov 2026 09:00:00 +0100
            Message-ID: <reply.1@acme.example>

            Happy to. Next Tuesday?
            """)
        try server.deliver(
            from: "jane@acme.example",
            """
            From: Jane Doe <jane@acme.example>
            To: sam@home.example
            Subject: Out of office: Re: Twenty minutes
            Auto-Submitted: auto-replied
            Date: Tue, 3 Nov 2026 09:01:00 +0100
            Message-ID: <ooo.1@acme.example>

            I am away.
            """)
        try server.deliver(
            from: "jane@acme.example",
            """
            From: Jane Doe <jane@acme.example>
            To: sam@home.example
            Subject: Platform news
            List-Id: <news.acme.example>
            List-Unsubscribe: <mailto:leave@acme.example>
            Date: Tue, 3 Nov 2026 09:02:00 +0100
            Message-ID: <list.1@acme.example>

            News.
            """)
        try server.deliver(
            from: "",
            """
            Message-ID: <bounce.1@mx.acme.example>
            Date: Tue, 3 Nov 2026 09:03:00 +0100
            From: Mail Delivery System <MAILER-DAEMON@mx.acme.example>
            To: sam@home.example
            X-Failed-Recipients: jane@acme.example
            Subject: Mail delivery failed: returning message to sender

            jane@acme.example: no such user
            """)
        // The person's thank-you after the meeting, in Sent as their mail client puts it there.
        try server.append(
            "Sent",
            """
            From: Sam Rivera <sam@home.example>
            To: Jane Doe <jane@acme.example>
            Subject: Thank you
            Date: Tue, 10 Nov 2026 18:00:00 +0100
            Message-ID: <thanks.1@home.example>

            Thank you for your time today.
            """)
        try server.sync()

        let replied = mailEvent("reply.1@acme.example")
        let thanked = mailEvent("thanks.1@home.example")
        #expect(
            eventually(30) { Set(mailEvents(s).map(\.id)) == [replied, thanked] },
            "the reply and the thank-you recorded: \(mailEvents(s).map(\.id)) \(d.log)")
        #expect(eventually { mailCount(s) == 5 }, "all five messages read")
        let log = try s.iictl("log", "jane-doe").stdout
        #expect(log.contains("Jane Doe replied: from mail: message from jane@acme.example"), "\(log)")
        #expect(
            log.contains(
                "recorded the thank-you note to Jane Doe (from mail: your message to jane@acme.example, Tue 10 Nov 18:00)"
            ),
            "\(log)")
        let json = try s.iictl("log", "jane-doe", "--json").stdout
        let sources = (try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.filter {
            ($0["id"] as? String)?.hasPrefix("mail-") == true
        }.map { $0["source"] as? String }
        #expect(sources == ["mail", "mail"], "the daemon's events carry source: mail: \(json)")

        // Jane's reply read on the server: the second sync renames the file (new/ to cur/, flag S),
        // and one more message arrives, to know when the daemon has taken that sync in.
        try server.markSeen("INBOX")
        try server.deliver(
            from: "someone@else.example",
            """
            From: someone@else.example
            To: sam@home.example
            Subject: Hello
            Date: Wed, 4 Nov 2026 09:00:00 +0100
            Message-ID: <other.1@else.example>

            Hi.
            """)
        try server.sync()
        #expect(eventually(30) { mailCount(s) == 6 }, "the second sync read: \(d.log)")
        #expect(
            FileManager.default.fileExists(atPath: server.maildir + "/INBOX/cur")
                && ((try? FileManager.default.contentsOfDirectory(atPath: server.maildir + "/INBOX/cur")) ?? [])
                    .contains { $0.hasSuffix("S") },
            "mbsync renamed the seen reply into cur/")
        #expect(mailEvents(s).count == 2, "once, also after a second sync: \(mailEvents(s).map(\.id))")

        let status = try s.iictl("status").stdout
        #expect(status.contains("Mail:     2 folders watched"), "\(status)")
        #expect(status.contains("jane@acme.example bounced: check the address"), "\(status)")
        d.signal(SIGTERM)
        #expect(d.exitStatus() == 0)
    }

    /// The id `iictl log` shows for the event a message recorded for Jane.
    func mailEvent(_ messageID: String) -> String {
        "mail-" + SHA256.hex(Array(messageID.utf8)).prefix(20) + "-jane-doe"
    }

    func mailEvents(_ s: Sandbox) -> [(id: String, type: String)] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: s.eventsDir)) ?? []
        var out: [(String, String)] = []
        for file in files.sorted() where file.hasSuffix(".jsonl") {
            for line in s.lines(s.eventsDir + "/" + file) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let id = object["id"] as? String, id.hasPrefix("mail-")
                else { continue }
                out.append((id, object["type"] as? String ?? ""))
            }
        }
        return out
    }

    /// `mail` of `iictl status --json`.
    func mailStatus(_ s: Sandbox) -> [String: Any]? {
        guard let r = try? s.iictl("status", "--json"), r.status == 0,
            let object = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        else { return nil }
        return object["mail"] as? [String: Any]
    }

    /// Messages the daemon has read and kept a verdict for, while no read is under way.
    func mailCount(_ s: Sandbox) -> Int {
        guard let mail = mailStatus(s), mail["reading"] as? Bool == false,
            let counts = mail["counts"] as? [String: Int]
        else { return -1 }
        return counts.values.reduce(0, +)
    }
}

/// An unprivileged Dovecot on a loopback port, with one user and a passwd-file, and an mbsync
/// config that syncs its mail into `maildir` (the recipe of /work/shared/env-notes.md, "Mail for
/// real"). As root, Dovecot, its delivery agent and mbsync run as `nobody`.
final class MailServer {
    static let dovecot = "/usr/sbin/dovecot"
    let dir: String
    let port: Int
    var maildir: String { dir + "/client/Mail" }
    var conf: String { dir + "/dovecot/dovecot.conf" }
    private(set) var server: TestProcess?
    let user = "person@example.org"
    let password = "s3cret"
    private var serial = 0

    init(_ s: Sandbox) throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.dovecot)
                && FileManager.default.isExecutableFile(atPath: "/usr/bin/mbsync"),
            "no Dovecot or mbsync: run scripts/install-deps.sh (dovecot-core, dovecot-imapd, isync)")
        dir = s.home + "/mailserver"
        let freePort = Components.output([
            Components.python, "-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ])
        port = try #require(Int(freePort.trimmingCharacters(in: .whitespacesAndNewlines)), "no free port")
        for sub in ["dovecot/run", "dovecot/state", "server", "client/Mail", "messages"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + sub, withIntermediateDirectories: true)
        }
        let (runAs, group) = Self.runAs
        try """
        base_dir = \(dir)/dovecot/run
        state_dir = \(dir)/dovecot/state
        log_path = \(dir)/dovecot/dovecot.log
        instance_name = iid-test-\(port)
        protocols = imap
        listen = 127.0.0.1
        ssl = no
        disable_plaintext_auth = no
        auth_mechanisms = plain login
        default_internal_user = \(runAs)
        default_internal_group = \(group)
        default_login_user = \(runAs)
        mail_location = maildir:\(dir)/server/%u/Maildir:LAYOUT=fs
        passdb {
          driver = passwd-file
          args = scheme=PLAIN username_format=%u \(dir)/dovecot/users
        }
        userdb {
          driver = static
          args = uid=\(runAs) gid=\(group) home=\(dir)/server/%u
        }
        namespace inbox {
          inbox = yes
          mailbox Sent {
            special_use = \\Sent
            auto = create
          }
        }
        service imap-login {
          chroot =
          inet_listener imap {
            address = 127.0.0.1
            port = \(port)
          }
          inet_listener imaps {
            port = 0
          }
        }
        service anvil {
          chroot =
        }

        """.write(toFile: conf, atomically: true, encoding: .utf8)
        try "\(user):{PLAIN}\(password)::::::\n".write(
            toFile: dir + "/dovecot/users", atomically: true, encoding: .utf8)
        // The empty lines end mbsync's sections.
        try """
        IMAPAccount test
        Host 127.0.0.1
        Port \(port)
        User \(user)
        Pass \(password)
        SSLType None
        AuthMechs LOGIN

        IMAPStore remote
        Account test

        MaildirStore local
        Path \(maildir)/
        Inbox \(maildir)/INBOX
        SubFolders Verbatim

        Channel test
        Far :remote:
        Near :local:
        Patterns *
        Create Near
        Sync Pull
        SyncState *

        """.write(toFile: dir + "/client/mbsyncrc", atomically: true, encoding: .utf8)
        if getuid() == 0 {
            try #require(run(["chown", "-R", "\(runAs):\(group)", dir]).status == 0)
        }
        // In the foreground (-F), as a child this test ends and can wait for.
        server = try TestProcess(
            "/usr/bin/env", asUser([Self.dovecot, "-F", "-c", conf]),
            environment: Self.realClock(ProcessInfo.processInfo.environment))
        let probe = "import socket, sys; socket.create_connection(('127.0.0.1', int(sys.argv[1])), 1).close()"
        try #require(
            eventually { run([Components.python, "-c", probe, "\(port)"]).status == 0 },
            "dovecot does not answer on port \(port): \(log)")
    }

    var log: String { (try? String(contentsOfFile: dir + "/dovecot/dovecot.log", encoding: .utf8)) ?? "" }

    /// `nobody` and its group, for a root that must not run the servers as root.
    static var runAs: (user: String, group: String) {
        guard let pw = getpwnam("nobody"), let gr = getgrgid(pw.pointee.pw_gid) else { return ("nobody", "nogroup") }
        return ("nobody", String(cString: gr.pointee.gr_name))
    }

    /// The environment without libfaketime (`make test-dates`): the mail server, its delivery
    /// agent and the sync tool keep the real date, as Radicale does there; the faked clock is
    /// the daemon's. Run as `nobody`, they could not open the faked clock's shared memory anyway,
    /// and dovecot-lda fails on it. Only the messages' own dates matter to the test, and they are
    /// fixed.
    static func realClock(_ environment: [String: String]) -> [String: String] {
        environment.filter { key, _ in key != "LD_PRELOAD" && !key.hasPrefix("FAKETIME") }
    }

    func asUser(_ argv: [String]) -> [String] {
        let env = ["env", "HOME=\(dir)/client"]
        guard getuid() == 0 else { return env + argv }
        let (runAs, group) = Self.runAs
        return ["setpriv", "--reuid=\(runAs)", "--regid=\(group)", "--clear-groups"] + env + argv
    }

    /// Runs `argv` with stdin from `input`, its output to a file: Dovecot daemonises, and a pipe
    /// left open by its children would never end.
    @discardableResult
    func run(_ argv: [String], input: String? = nil) -> (status: Int32, output: String) {
        serial += 1
        let outPath = dir + "/messages/out-\(serial).txt"
        let inPath = dir + "/messages/in-\(serial).eml"
        guard FileManager.default.createFile(atPath: outPath, contents: nil),
            FileManager.default.createFile(atPath: inPath, contents: Data((input ?? "").utf8))
        else { return (-1, "could not write \(outPath) or \(inPath)") }
        chmod(inPath, 0o644)
        let p: TestProcess
        do {
            p = try TestProcess(
                "/usr/bin/env", argv, environment: Self.realClock(ProcessInfo.processInfo.environment),
                stdin: inPath, stdout: .file(outPath), stderr: .stdout)
        } catch {
            return (-1, "\(argv.first ?? ""): \(error)")
        }
        let ended = p.end(within: 60)
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        return (ended ? p.terminationStatus : -1, output)
    }

    /// Delivered by Dovecot's own agent, as the contact's mail arrives (no SMTP).
    func deliver(from sender: String, _ message: String) throws {
        let r = run(
            asUser(["/usr/lib/dovecot/dovecot-lda", "-c", conf, "-d", user, "-f", sender]),
            input: message.replacingOccurrences(of: "\n", with: "\r\n"))
        try #require(r.status == 0, "dovecot-lda: \(r.output) \(log)")
    }

    /// What a mail client does with the person's sent copy: an IMAP APPEND.
    func append(_ folder: String, _ message: String) throws {
        let script = """
            import imaplib, sys, time
            m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
            m.login(sys.argv[2], sys.argv[3])
            m.append(sys.argv[4], r'(\\Seen)', imaplib.Time2Internaldate(time.time()), sys.stdin.buffer.read())
            m.logout()
            """
        let r = run(
            [Components.python, "-c", script, "\(port)", user, password, folder],
            input: message.replacingOccurrences(of: "\n", with: "\r\n"))
        try #require(r.status == 0, "IMAP APPEND: \(r.output)")
    }

    /// Flags every message of `folder` as read on the server, as another device's client would.
    func markSeen(_ folder: String) throws {
        let script = """
            import imaplib, sys
            m = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
            m.login(sys.argv[2], sys.argv[3])
            m.select(sys.argv[4])
            m.store('1:*', '+FLAGS', r'(\\Seen)')
            m.logout()
            """
        let r = run([Components.python, "-c", script, "\(port)", user, password, folder])
        try #require(r.status == 0, "IMAP STORE: \(r.output)")
    }

    func sync() throws {
        let r = run(asUser(["mbsync", "-q", "-c", dir + "/client/mbsyncrc", "-a"]))
        try #require(r.status == 0, "mbsync -a: \(r.output)")
    }

    func stop() {
        run(asUser(["doveadm", "-c", conf, "stop"]))
        server?.end(within: 10)
        server = nil
    }
}

import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Delivery to the real things, started by scripts/with-components.sh: journald, dunst on a private
/// D-Bus session, exim4 as the MTA, and msmtp with an SMTP sink for the failure path.
/// `make test` sets IID_REQUIRE_COMPONENTS=1, so a missing component fails instead of skipping.
enum Components {
    static let env = ProcessInfo.processInfo.environment
    static let required = env["IID_REQUIRE_COMPONENTS"] == "1"
    static func has(_ flag: String) -> Bool { env[flag] != nil && env[flag] != "" }
    static var python: String { env["IID_TEST_PYTHON"] ?? "/usr/bin/python3" }

    /// Runs a helper program and returns its stdout.
    static func output(_ argv: [String], environment: [String: String]? = nil) -> String {
        guard let p = try? TestProcess("/usr/bin/env", argv, environment: environment, stdout: .pipe) else { return "" }
        let output = p.readToEnd().stdout
        p.end()
        return output
    }

    static var mailUser: String { env["IID_TEST_MAIL_USER"] ?? "iidmail" }
    static var mailbox: String { env["IID_TEST_MAILBOX"] ?? "/var/mail/\(mailUser)" }

    /// What `script` prints for the mbox and `match` once it prints anything (delivery is
    /// asynchronous), or "" after 20 s.
    static func mail(_ script: String, matching match: String) -> String {
        var found = ""
        _ = eventually(20) {
            found = output([python, "-c", script, mailbox, match])
            return !found.isEmpty
        }
        return found
    }

    /// journalctl's JSON entries with `field=value`.
    static func journal(_ match: String) -> [[String: Any]] {
        output(["journalctl", "-o", "json", "--all", "--no-pager", match]).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}

let hostileName = "Zoë $(touch /tmp/pwned) `id` <b>bold</b> & -u critical"

@Suite(.serialized, .enabled(if: Components.required || Components.has("IID_TEST_JOURNALD")))
struct RealComponentTests {
    func uniqueID(_ base: String) -> String { "\(base)-\(UUID().uuidString.prefix(8).lowercased())" }

    @Test func journalReceivesStructuredReminders() throws {
        try #require(Components.has("IID_TEST_JOURNALD"), "no journald: run make test")
        let s = try Sandbox()
        let (notify, _) = try s.recordingCommand("notify-send")
        try s.writeConfig("delivery:\n  notify: {command: \"\(notify)\", actions: false}\n")
        let id = uniqueID("zoe")
        try s.iictl("add", hostileName, "--id", id)
        try s.iictl("request", id, "--at", s.time(-7 * 86400))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        var entries: [[String: Any]] = []
        #expect(
            eventually(15) {
                entries = Components.journal("IID_TASK=\(id).follow-up")
                return !entries.isEmpty
            })
        let e = try #require(entries.first)
        #expect(e["SYSLOG_IDENTIFIER"] as? String == "iid")
        #expect(e["IID_CONTACT"] as? String == id)
        #expect(e["IID_KIND"] as? String == "follow-up")
        #expect(e["PRIORITY"] as? String == "5")
        #expect((e["MESSAGE"] as? String)?.contains(hostileName) == true, "the name arrives intact")
        #expect((e["IID_DUE"] as? String)?.isEmpty == false)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/pwned"))
    }

    @Test func largeJournalEntriesGoThroughAMemfd() throws {
        try #require(Components.has("IID_TEST_JOURNALD"), "no journald: run make test")
        let marker = uniqueID("big")
        let big = String(repeating: "x", count: 400_000) + "\nend"
        try JournalSocket().send(
            JournalEntry([("MESSAGE", big), ("SYSLOG_IDENTIFIER", "iid-test"), ("IID_TASK", marker)]))
        var entries: [[String: Any]] = []
        #expect(
            eventually(10) {
                entries = Components.journal("IID_TASK=\(marker)")
                return !entries.isEmpty
            })
        // journalctl shows a long message as a byte array or a string, depending on its size.
        let message = entries.first?["MESSAGE"]
        let length = (message as? String)?.utf8.count ?? (message as? [Any])?.count ?? 0
        #expect(length == big.utf8.count)
    }

    @Test func notificationServerShowsItCriticalAndTheDoneButtonIsRecorded() throws {
        try #require(Components.has("IID_TEST_NOTIFY"), "no notification server: run make test")
        let s = try Sandbox()
        try s.writeConfig("reminders:\n  thank-you: {overdue_via: []}\ndelivery:\n  notify: {timeout: 2s}\n")
        let monitorLog = s.home + "/dbus-monitor.log"
        // dbus-monitor ignores SIGTERM; it is killed when the test lets go of it.
        let monitor = try TestProcess(
            "/usr/bin/dbus-monitor", ["--session", "interface='org.freedesktop.Notifications',member='Notify'"],
            stdout: .file(monitorLog))
        defer { withExtendedLifetime(monitor) {} }
        #expect(
            eventually { (try? String(contentsOfFile: monitorLog, encoding: .utf8))?.contains("NameAcquired") ?? false }
        )
        let id = uniqueID("zoe")
        try s.iictl("add", hostileName, "--id", id)
        // A meeting three days ago, recorded as scheduled on purpose: its thank-you is overdue.
        try s.iictl("schedule", id, s.time(-3 * 86400), "--force")
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        var text = ""
        #expect(
            eventually(15) {
                text = (try? String(contentsOfFile: monitorLog, encoding: .utf8)) ?? ""
                return text.contains("thank-you note")
            })
        #expect(text.contains("string \"iid\""))
        #expect(text.contains("Overdue: Send \(hostileName) a thank-you note"))
        #expect(text.contains("&lt;b&gt;bold&lt;/b&gt; &amp;"), "markup in the body is escaped")
        #expect(text.contains("\"urgency\"") && text.contains("byte 2"), "critical urgency")
        #expect(text.contains("string \"done\"") && text.contains("string \"Done\""), "the Done button is offered")
        // Keep a picture of it, for people to see what iid looks like.
        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../artifacts"
        ).standardized.path
        try? FileManager.default.createDirectory(atPath: artifacts, withIntermediateDirectories: true)
        // dunst draws after the D-Bus call returns: wait until the screen is no longer blank.
        #expect(
            eventually(10) {
                _ = Components.output(["import", "-window", "root", artifacts + "/notification.png"])
                let sd = Components.output([
                    "convert", artifacts + "/notification.png", "-format", "%[fx:standard_deviation]", "info:",
                ])
                return (Double(sd.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0
            })
        // Press Done through dunst's action menu: the answer lands in the event log.
        if let actionFile = Components.env["IID_TEST_DUNST_ACTION_FILE"] {
            try "done\n".write(toFile: actionFile, atomically: true, encoding: .utf8)
            _ = Components.output(["dunstctl", "action", "0"])
            #expect(
                eventually(10) { !((try? s.iictl("pending", "--json").stdout.contains("\(id).thank-you")) ?? true) })
        }
        _ = Components.output(["dunstctl", "close-all"])
    }

    @Test func mailReachesTheMailboxThroughARealMTA() throws {
        try #require(Components.has("IID_TEST_MTA"), "no MTA: run make test")
        let user = Components.mailUser
        let s = try Sandbox()
        try s.writeConfig(
            """
            me: {name: "Ana Analyst", email: "ana@localhost"}
            reminders:
              thank-you: {via: [email], overdue_via: []}
            delivery:
              email: {to: "\(user)@localhost"}
            """)
        let id = uniqueID("zoe")
        try s.iictl("add", hostileName, "--id", id)
        try s.iictl("schedule", id, s.time(-3 * 3600), "--at", s.time(-86400))
        try s.iictl("held", id, "--point", "hiring <trends> in fintech", "--at", s.time(-2 * 3600 - 60))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let script = """
            import mailbox, sys, email.header
            for m in mailbox.mbox(sys.argv[1], create=False):
                if m["X-IID-Task"] == sys.argv[2]:
                    subject = str(email.header.make_header(email.header.decode_header(m["Subject"])))
                    body = m.get_payload(decode=True).decode("utf-8")
                    print(subject); print("---"); print(m["From"]); print(m["Message-ID"]); print("---"); print(body)
            """
        let found = Components.mail(script, matching: "\(id).thank-you")
        #expect(!found.isEmpty)
        #expect(found.contains("Send \(hostileName) a thank-you note"), "the subject decodes to the name")
        #expect(found.contains("Dear Zoë,"))
        #expect(found.contains("hiring <trends> in fintech"))
        #expect(found.contains("ana@localhost"))
        #expect(eventually { d.log.contains("delivered") })
    }

    @Test func theWeeklyDigestReachesTheMailboxThroughARealMTA() throws {
        try #require(Components.has("IID_TEST_MTA"), "no MTA: run make test")
        let user = Components.mailUser
        let s = try Sandbox()
        // This week's digest has not gone yet: the daemon sends it as soon as it starts.
        try s.writeConfig(
            """
            me: {name: "Ana Analyst", email: "ana@localhost"}
            digest: {every: "mon 08:00", via: [email]}
            reminders:
              follow-up: {via: []}
            delivery:
              email: {to: "\(user)@localhost"}
            """)
        let id = uniqueID("dan")
        try s.iictl("add", hostileName, "--id", id)
        try s.iictl("request", id, "--at", s.time(-12 * 86400))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let script = """
            import mailbox, sys, email.header
            for m in mailbox.mbox(sys.argv[1], create=False):
                body = m.get_payload(decode=True).decode("utf-8")
                if sys.argv[2] in body:
                    subject = str(email.header.make_header(email.header.decode_header(m["Subject"])))
                    print(subject); print("---"); print(m["Auto-Submitted"]); print("---"); print(body)
            """
        let found = Components.mail(script, matching: "\(id).follow-up")
        #expect(!found.isEmpty)
        #expect(found.hasPrefix("iid: your week — 1 owed, 0 meetings\n"), "\(found)")
        #expect(found.contains("auto-generated"))
        #expect(found.contains("Owed (1):"))
        #expect(found.contains("Follow up with \(hostileName) about the meeting request"))
        // Sent once: counted only once the delivery is in the ledger and the daemon has nothing in
        // flight, so that a second digest sent after the first would be in the mailbox by then.
        let ledger = s.home + "/.local/state/iid/delivered.jsonl"
        func digestLines() -> [String] { s.lines(ledger).filter { $0.contains("\"key\":\"digest@") } }
        #expect(eventually { !digestLines().isEmpty })
        #expect(eventually { d.log.contains("delivered: iid: your week") })
        #expect(eventually { (try? s.iictl("status", "--json").stdout.contains("\"in_flight\":0")) ?? false })
        let all = Components.mail(script, matching: "\(id).follow-up")
        #expect(all.components(separatedBy: "Owed (1):").count == 2, "sent once: \(all)")
        #expect(digestLines().count == 1, "\(digestLines())")
    }

    @Test func failingMTAIsRetriedThenDelivered() throws {
        try #require(Components.has("IID_TEST_MSMTP"), "no msmtp: run make test")
        let msmtp = Components.env["IID_TEST_MSMTP"] ?? "/usr/bin/msmtp"
        let s = try Sandbox()
        let port = Components.output([
            Components.python, "-c",
            "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])",
        ]).trimmingCharacters(in: .whitespacesAndNewlines)
        let rc = s.home + "/msmtprc"
        try
            "defaults\nauth off\ntls off\naccount sink\nhost 127.0.0.1\nport \(port)\nfrom iid@localhost\naccount default : sink\n"
            .write(toFile: rc, atomically: true, encoding: .utf8)
        chmod(rc, 0o600)
        try s.writeConfig(
            """
            reminders:
              follow-up: {via: [email]}
            delivery:
              retry: 1s
              email: {to: "someone@example.org", sendmail: ["\(msmtp)", "-C", "\(rc)", "-t", "-oi"]}
            """)
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe", "--at", s.time(-7 * 86400))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        #expect(eventually(10) { d.log.contains("email delivery failed") && d.log.contains("exit 75") })
        let status = try s.iictl("status").stdout
        #expect(status.contains("email:") && status.contains("exit 75"))
        // The MTA's relay comes back: the reminder is delivered, once.
        let maildir = s.home + "/maildir"
        let sink = try TestProcess(
            Components.python,
            ["-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        defer { withExtendedLifetime(sink) {} }
        #expect(
            eventually(30) {
                ((try? FileManager.default.contentsOfDirectory(atPath: maildir + "/new"))?.count ?? 0) == 1
            })
        #expect(eventually(5) { d.log.contains("delivered: Follow up with Jane Doe") })
    }
}

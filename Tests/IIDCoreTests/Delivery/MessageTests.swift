import Foundation
import IIDCore
import Testing

@Suite struct MessageTests {
    let hostile = "Jane $(rm -rf ~) `id` <a href=\"x\">&amp; -u critical\u{202E}"

    func message(name: String = "Jane", kind: TaskKind = .thankYou, now: String = "2026-11-11 09:00") -> ReminderMessage
    {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") { $0.name = name }
        log.add(.scheduled, "jane", at: "2026-11-01 09:00") { $0.start = local("2026-11-10 14:00") }
        log.add(.held, "jane", at: "2026-11-10 14:30") { $0.points = ["hiring <trends>", "CFA"] }
        let plan = planner().plan(log.events)
        let task = plan.tasks.first { $0.kind == kind }!
        let reminder = Reminder.of(task, rule: Config().rule(kind))[0]
        return MessageBuilder(config: Config(), zone: berlin).message(
            for: reminder, contact: plan.contacts.first, now: local(now), late: false)
    }

    @Test func notifyArgvEscapesMarkupAndEndsOptions() {
        let m = message(name: hostile)
        let args = NotifyCommand.arguments(for: m, actions: false)
        let dash = args.firstIndex(of: "--")
        #expect(dash == args.count - 3)
        #expect(args.contains("--app-name=iid"))
        #expect(args.contains("--urgency=normal"))
        let body = args.last!
        #expect(!body.contains("<a"))
        #expect(body.contains("&lt;a href"))
        #expect(body.contains("&amp;amp;"))
        #expect(args[args.count - 2].contains("$(rm -rf ~)"), "the summary is passed verbatim, as one argv element")
    }

    @Test func overdueThankYouIsCritical() {
        let m = message(now: "2026-11-13 09:00")
        #expect(m.urgency == .critical)
        #expect(m.summary.hasPrefix("Overdue"))
        #expect(NotifyCommand.arguments(for: m, actions: true).contains("--urgency=critical"))
        #expect(NotifyCommand.arguments(for: m, actions: true).contains("--wait"))
    }

    @Test func thankYouCarriesTheDraftWithPoints() {
        let m = message()
        #expect(m.draft?.contains("hiring <trends>") == true)
        #expect(m.draft?.contains("Dear Jane") == true)
    }

    @Test func nulAndControlsNeverReachArgv() {
        let args = NotifyCommand.arguments(for: message(name: "Ja\u{0}ne\u{7}\r\nX"), actions: false)
        #expect(args.allSatisfy { !$0.contains("\u{0}") && !$0.contains("\u{7}") })
        #expect(!args[args.count - 2].contains("\n"))
    }

    @Test func mailRefusesHeaderInjection() {
        let mail = MailMessage(
            from: "iid@example.org", to: "me@example.org\r\nBcc: victim@example.org", subject: "x", body: "y",
            date: Date(), messageID: "<a@b>")
        #expect(throws: MailHeaderError.self) { try mail.render(zone: berlin) }
    }

    @Test func mailSubjectFoldsControlsAndEncodesNonASCII() throws {
        let mail = MailMessage(
            from: "iid@example.org", to: "me@example.org", subject: "Thank Zoë\r\nBcc: x@y",
            body: "Ünïcode\n.\nFrom here", date: local("2026-11-27 18:30"), messageID: "<a@b>")
        let text = try mail.render(zone: berlin)
        let headers = text.components(separatedBy: "\r\n\r\n")[0]
        #expect(!headers.contains("Bcc"))
        #expect(headers.contains("Subject: =?UTF-8?B?"))
        #expect(headers.contains("Date: Fri, 27 Nov 2026 18:30:00 +0100"))
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(headers.contains("Content-Transfer-Encoding: quoted-printable"))
        let body = text.components(separatedBy: "\r\n\r\n")[1]
        #expect(body.contains("=C3=9C"))
        #expect(body.contains("\r\n=2E\r\n"))
        #expect(body.contains("=46rom here"))
        #expect(body.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 76 })
    }

    @Test func encodedWordsDecodeToTheOriginal() {
        let subject = String(repeating: "Grüße aus Köln ", count: 6)
        let encoded = MailMessage.encodeText(subject)
        let decoded = encoded.components(separatedBy: "\r\n ").map { word -> String in
            let b64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return String(decoding: Data(base64Encoded: String(b64)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == subject)
        #expect(encoded.components(separatedBy: "\r\n ").allSatisfy { $0.count <= 75 })
    }

    @Test func journalEntryIsBinarySafe() {
        let entry = JournalEntry([("MESSAGE", "two\nlines"), ("IID_TASK", "a.b"), ("bad name", "x")])
        let bytes = entry.encoded()
        var expected = Array("MESSAGE\n".utf8)
        expected += [9, 0, 0, 0, 0, 0, 0, 0]
        expected += Array("two\nlines\n".utf8)
        expected += Array("IID_TASK=a.b\n".utf8)
        #expect(bytes == expected)
    }

    @Test func journalReminderFields() {
        let entry = JournalEntry.reminder(message(), zone: berlin)
        let names = entry.fields.map(\.0)
        #expect(
            names.starts(with: [
                "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "IID_TASK", "IID_CONTACT", "IID_KIND", "IID_DUE",
            ]))
        #expect(
            entry.fields.first { $0.0 == "IID_TASK" }.map { String(decoding: $0.1, as: UTF8.self) } == "jane.thank-you")
    }

    @Test func contactSlugs() {
        #expect(ContactID.slug(for: "Zoë O'Brien-Smith") == "zoe-obrien-smith")
        #expect(ContactID.slug(for: "$(rm)") == "rm")
        #expect(ContactID.slug(for: "!!!").hasPrefix("contact-"))
        #expect(ContactID.unique(for: "Jane Doe", taken: ["jane-doe", "jane-doe-2"]) == "jane-doe-3")
    }
}

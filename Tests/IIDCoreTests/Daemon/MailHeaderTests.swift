import Foundation
import IIDCore
import Testing

@Suite struct MailHeaderTests {
    func from(name: String) -> String {
        var config = Config()
        config.me.email = "me@example.com"
        config.me.name = name
        return ReminderMail(config: config, host: "h", login: "sam").sender
    }

    @Test func displayNamesStayOneMailbox() {
        #expect(from(name: "Doe, Jane") == "\"Doe, Jane\" <me@example.com>")
        #expect(from(name: "Alex: Boss@x.example") == "\"Alex: Boss@x.example\" <me@example.com>")
        #expect(from(name: "Sam \"the\" Seeker") == "\"Sam \\\"the\\\" Seeker\" <me@example.com>")
        #expect(from(name: "Zoë") == "=?UTF-8?B?Wm/Dqw==?= <me@example.com>")
    }

    @Test func aNewlineInTheNameIsRefusedNotSent() throws {
        var config = Config()
        config.me.email = "me@example.com"
        config.me.name = "Jane\r\nFrom: boss@example.com"
        config.delivery.email.to = "me@example.com"
        let mail = ReminderMail(config: config, host: "h", login: "sam").message(
            ReminderMessage(
                summary: "s", body: "b", urgency: .normal, category: "c", tasks: ["t"], contacts: ["c"], kinds: [],
                due: nil, isLate: false, draft: nil), key: "k", now: Date(timeIntervalSince1970: 0))
        #expect(throws: MailHeaderError.self) { try mail.render(zone: .utc) }
    }

    @Test func theConfigRefusesANewlineInMyName() {
        let text = "me:\n  name: \"Jane\\r\\nFrom: boss@example.com\"\n"
        #expect(throws: ConfigError.self) { try ConfigParser.parse(text, file: "c.yaml", knownZones: knownZone) }
    }

    @Test func longSubjectsAreFoldedUnder78Octets() throws {
        let subject = Array(repeating: "Overdue: thank-you note for the meeting with Jane", count: 3).joined(
            separator: " ")
        let folded = MailMessage.fold(subject, header: "Subject")
        let lines = ("Subject: " + folded).components(separatedBy: "\r\n")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.utf8.count < 78 })
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n", with: "") == subject, "unfolding gives the text back")
    }
}

import Foundation
import IIDCore
import Testing

@Suite struct ReminderMailTests {
    let message = ReminderMessage(
        summary: "Thank Jane", body: "Send Jane a note.", urgency: .critical, category: "iid.thank-you",
        tasks: ["jane.thank-you"], contacts: ["jane"], kinds: [.thankYou], due: nil, isLate: false,
        draft: "Dear Jane,")

    @Test func theSenderIsFromThenMeThenTheLogin() {
        var config = Config()
        #expect(ReminderMail(config: config, host: "h", login: "sam").sender == "sam")
        config.me.email = "sam@example.com"
        #expect(ReminderMail(config: config, host: "h", login: "sam").sender == "sam@example.com")
        config.me.name = "Sam \"the\" Seeker"
        #expect(
            ReminderMail(config: config, host: "h", login: "sam").sender
                == "\"Sam \\\"the\\\" Seeker\" <sam@example.com>")
        config.delivery.email.from = "iid@example.com"
        #expect(ReminderMail(config: config, host: "h", login: "sam").sender == "iid@example.com")
    }

    @Test func theBodyCarriesTheDraftAndASignature() {
        let body = ReminderMail.body(message)
        #expect(body.hasPrefix("Send Jane a note.\n\nA draft of the note, to copy and adapt:\n\nDear Jane,"))
        #expect(body.hasSuffix("\n-- \niid, your informational interview reminders\n"))
        var plain = message
        plain.draft = nil
        #expect(!ReminderMail.body(plain).contains("draft"))
    }

    @Test func theMessageIdComesFromTheKeyAndTheHost() {
        var config = Config()
        config.delivery.email.to = "me@example.com"
        let mail = ReminderMail(config: config, host: "laptop", login: "sam")
        let a = mail.message(message, key: "jane.thank-you|first|1#email", now: local("2026-11-10 16:00"))
        let b = mail.message(message, key: "jane.thank-you|first|1#email", now: local("2026-11-10 17:00"))
        #expect(a.messageID == b.messageID && a.messageID.hasSuffix("@laptop>"))
        #expect(a.to == "me@example.com" && a.subject == "Thank Jane")
        #expect(a.extraHeaders.map(\.0) == ["X-IID-Task", "Auto-Submitted"])
    }
}

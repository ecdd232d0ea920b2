import Foundation
import IIDCore
import Testing

/// The apprise argv and what may be shown of its URLs.
@Suite struct PushCommandTests {
    func message(_ urgency: ReminderMessage.Urgency = .normal, summary: String = "Send Zoë a note") -> ReminderMessage {
        ReminderMessage(
            summary: summary, body: "Line 1\u{7}\nline 2 <b>", urgency: urgency, category: "iid.thank-you",
            tasks: ["zoe.thank-you"], contacts: ["zoe"], kinds: [.thankYou], due: nil, isLate: false, draft: nil)
    }

    @Test func userTextIsOnlyEverAnOptionValue() {
        let args = PushCommand.arguments(
            for: message(summary: "-u critical $(id)\nx"), urls: ["ntfy://127.0.0.1:8/t"])
        #expect(
            args == [
                "--title=-u critical $(id) x", "--body=Line 1\nline 2 <b>", "--notification-type=info",
                "--input-format=text", "--", "ntfy://127.0.0.1:8/t",
            ])
    }

    @Test func anOverdueThankYouIsAWarning() {
        #expect(PushCommand.type(for: message(.critical)) == "warning")
        #expect(PushCommand.type(for: message(.low)) == "info")
    }

    @Test func withoutURLsApprisesOwnConfigIsUsed() {
        #expect(PushCommand.arguments(for: message(), urls: []).last == "--")
    }

    @Test(arguments: [
        ("ntfys://alice:s3cretpw@ntfy.example.org:8443/topic?priority=high", "ntfys://ntfy.example.org"),
        ("gotify://gotify.example.org/AbCdEfGhIjKl", "gotify://gotify.example.org"),
        ("tgram://123456:ABCDEFtoken/987654", "tgram://…"),
        ("mailto://me:pw@mail.example.org", "mailto://mail.example.org"),
        ("no url", "(not a URL)"),
    ])
    func displayIsSchemeAndHostOnly(url: String, shown: String) {
        #expect(PushCommand.display(url) == shown)
    }

    @Test func secretsAreRedactedFromWhatApprisePrints() {
        let url = "ntfys://alice:s3cretpw@ntfy.example.org/privatetopic"
        let text = PushCommand.redact(
            "Failed to send to \(url); topic 'privatetopic' auth s3cretpw", urls: [url])
        #expect(!text.contains("s3cretpw") && !text.contains("privatetopic"))
        #expect(text.contains("ntfys://ntfy.example.org"))
    }

    @Test func apprisesOwnWordsAreKeptShort() {
        let stderr = """
            2026-12-01 21:28:38,933 - INFO - Notifying 1 service(s) asynchronously.
            2026-12-01 21:28:38,940 - WARNING - Failed to send ntfy notification to topic 't': refused.
            Usage:  [OPTIONS] SERVER_URL
            """
        #expect(
            PushCommand.explain(exitCode: 1, stderr: stderr, fallback: "exit 1")
                == "exit 1: Failed to send ntfy notification to topic 't': refused.")
        #expect(PushCommand.explain(exitCode: 1, stderr: "", fallback: "exit 1") == "exit 1")
    }

    @Test func configReadsPushAndCalendar() throws {
        let c = try ConfigParser.parse(
            """
            delivery:
              push: {urls: ["ntfy://127.0.0.1:9/t"], command: /usr/bin/apprise, timeout: 5s}
            calendar: {dir: ~/cal}
            reminders:
              brief: {via: [push]}
            """, file: "c.yaml", knownZones: knownZone
        ).config
        #expect(c.delivery.push.urls == ["ntfy://127.0.0.1:9/t"])
        #expect(c.delivery.push.command == "/usr/bin/apprise")
        #expect(c.delivery.push.timeout == DurationSpec(5, .seconds))
        #expect(c.calendarDir == "~/cal")
        #expect(c.rule(.brief).via == [.push])
        #expect(Config.default.calendarDir == nil)
        #expect(Config.default.delivery.push.urls.isEmpty)
    }

    @Test func aPushURLThatIsNotOneIsRefusedWithoutShowingIt() {
        do {
            _ = try ConfigParser.parse(
                "delivery:\n  push:\n    urls: [hunter2]\n", file: "c.yaml", knownZones: knownZone)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("delivery.push.urls"))
            #expect(!error.description.contains("hunter2"))
        }
    }
}

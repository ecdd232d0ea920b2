import Foundation
import IIDCore

/// Reminder mail through the configured MTA (`sendmail -t -oi`), the message on stdin.
public struct EmailChannel: Sendable {
    public var config: Config
    public var zone: TimeZone
    public var runner: any ProcessRunner
    public var host: String

    public init(
        config: Config, zone: TimeZone, runner: any ProcessRunner, host: String = ProcessInfo.processInfo.hostName
    ) {
        self.config = config
        self.zone = zone
        self.runner = runner
        self.host = host
    }

    /// The sender: `email.from`, else `me.email`, else the login name (the MTA qualifies it).
    public var sender: String {
        let settings = config.delivery.email
        if !settings.from.isEmpty { return settings.from }
        let me = config.me
        if !me.email.isEmpty {
            return me.name.isEmpty
                ? me.email : "\(MailMessage.encodeText(me.name.replacingOccurrences(of: "\"", with: ""))) <\(me.email)>"
        }
        return ProcessInfo.processInfo.environment["USER"] ?? NSUserName()
    }

    public func message(_ m: ReminderMessage, key: String, now: Date) -> MailMessage {
        var body = m.body + "\n"
        if let draft = m.draft {
            body += "\nA draft of the note, to copy and adapt:\n\n" + draft
        }
        body += "\n-- \niid, your informational interview reminders\n"
        var mail = MailMessage(
            from: sender, to: config.delivery.email.to, subject: m.summary, body: body, date: now,
            messageID: MailMessage.messageID(for: key, host: host))
        mail.extraHeaders = [("X-IID-Task", m.tasks.joined(separator: " ")), ("Auto-Submitted", "auto-generated")]
        return mail
    }

    public func render(_ m: ReminderMessage, key: String, now: Date) throws(MailHeaderError) -> String {
        try message(m, key: key, now: now).render(zone: zone)
    }

    public func deliver(_ m: ReminderMessage, key: String, now: Date) async -> DeliveryOutcome {
        let settings = config.delivery.email
        if settings.to.trimmingCharacters(in: .whitespaces).isEmpty {
            return .unavailable("delivery.email.to is empty")
        }
        let text: String
        do {
            text = try render(m, key: key, now: now)
        } catch {
            return .unavailable(error.description)
        }
        let outcome = await runner.run(settings.sendmail, input: Array(text.utf8), timeout: settings.timeout.timeout)
        return outcome.succeeded
            ? .delivered("to \(settings.to)") : .failed("\(settings.sendmail[0]): \(outcome.summary)")
    }
}

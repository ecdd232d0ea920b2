#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The reminder as an email: who it is from, what the body says, and the headers that mark it as
/// iid's. Policy, so it lives in the core; the email channel only renders it and runs sendmail.
public struct ReminderMail: Sendable {
    public var config: Config
    /// This machine's name, for the Message-ID.
    public var host: String
    /// The login name, the sender of last resort (the MTA qualifies it).
    public var login: String

    public init(config: Config, host: String, login: String) {
        self.config = config
        self.host = host
        self.login = login
    }

    /// The sender: `email.from`, else `me.email` with `me.name` as its display name (quoted, so
    /// `Doe, Jane` stays one mailbox), else the login name.
    public var sender: String {
        let settings = config.delivery.email
        if !settings.from.isEmpty { return settings.from }
        let me = config.me
        if !me.email.isEmpty {
            return me.name.isEmpty ? me.email : "\(MailMessage.displayName(me.name)) <\(me.email)>"
        }
        return login
    }

    /// The body: the reminder's text, the thank-you draft when it carries one, and a signature.
    public static func body(_ m: ReminderMessage) -> String {
        var body = m.body + "\n"
        if !m.context.isEmpty { body += "\nContext:\n" + m.context.map { "  " + $0 }.joined(separator: "\n") + "\n" }
        if let draft = m.draft {
            body += "\nA draft of the note, to copy and adapt:\n\n" + draft
        }
        return body + "\n-- \niid, your informational interview reminders\n"
    }

    /// The message for `m`; `key` makes the Message-ID, so a retry after a crash is recognisable.
    public func message(_ m: ReminderMessage, key: String, now: Date) -> MailMessage {
        var mail = MailMessage(
            from: sender, to: config.delivery.email.to, subject: m.summary, body: Self.body(m), date: now,
            messageID: MailMessage.messageID(for: key, host: host))
        // A digest is about no one task: it has no X-IID-Task (an empty header would be refused).
        mail.extraHeaders = m.tasks.isEmpty ? [] : [("X-IID-Task", m.tasks.joined(separator: " "))]
        mail.extraHeaders.append(("Auto-Submitted", "auto-generated"))
        return mail
    }
}

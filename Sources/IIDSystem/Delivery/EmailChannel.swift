import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Reminder mail through the configured MTA (`sendmail -t -oi`), the message on stdin.
public struct EmailChannel: Sendable {
    public var config: Config
    public var zone: TZifZone
    public var runner: any ProcessRunner
    public var host: String

    public init(
        config: Config, zone: TZifZone, runner: any ProcessRunner, host: String = ProcessInfo.processInfo.hostName
    ) {
        self.config = config
        self.zone = zone
        self.runner = runner
        self.host = host
    }

    /// The mail as the core composes it, with this machine's name and the login name.
    public var composer: ReminderMail {
        ReminderMail(config: config, host: host, login: ProcessInfo.processInfo.environment["USER"] ?? Self.loginName())
    }

    public var sender: String { composer.sender }

    /// The password database's name for this user, as `NSUserName` gave it; empty if it has none.
    static func loginName() -> String {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "" }
        return String(cString: name)
    }

    public func message(_ m: ReminderMessage, key: String, now: Date) -> MailMessage {
        composer.message(m, key: key, now: now)
    }

    public func render(_ m: ReminderMessage, key: String, now: Date) throws(MailHeaderError) -> String {
        try message(m, key: key, now: now).render(zone: zone)
    }

    public func deliver(_ m: ReminderMessage, key: String, now: Date) async -> DeliveryOutcome {
        let settings = config.delivery.email
        if settings.to.trimmingSpaces().isEmpty {
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

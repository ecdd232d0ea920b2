import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The four channels behind one call; the daemon and `iictl test-delivery` both use it.
public struct DeliveryChannels: Sendable {
    public var notify: NotifyChannel
    public var email: EmailChannel
    public var journal: JournalChannel
    public var push: PushChannel

    public init(
        config: Config, zone: TZifZone, runner: any ProcessRunner, actions: Bool,
        host: String = ProcessInfo.processInfo.hostName,
        onAction: (@Sendable (String, NotificationAction) -> Void)? = nil
    ) {
        notify = NotifyChannel(
            settings: config.delivery.notify, runner: runner, actions: actions && config.delivery.notify.actions,
            onAction: onAction)
        email = EmailChannel(config: config, zone: zone, runner: runner, host: host)
        journal = JournalChannel(socketPath: config.delivery.journal.socket, zone: zone)
        push = PushChannel(settings: config.delivery.push, runner: runner)
    }

    public func deliver(_ message: ReminderMessage, via channel: Channel, key: String, now: Date) async
        -> DeliveryOutcome
    {
        switch channel {
        case .notify: await notify.deliver(message)
        case .email: await email.deliver(message, key: key, now: now)
        case .journal: journal.deliver(message)
        case .push: await push.deliver(message)
        }
    }
}

extension DurationSpec {
    /// For timeouts: exact units only make sense here, days are taken as 24 h.
    var timeout: Duration { .milliseconds(Int64(approximateSeconds * 1000)) }
}

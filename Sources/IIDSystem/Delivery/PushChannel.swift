import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Push messages through Debian's `apprise` command, argv only; the phone gets them from whatever
/// service the URLs name (ntfy, Gotify, Pushover, Telegram, Matrix, mail, …).
public struct PushChannel: Sendable {
    public var settings: Config.Push
    public var runner: any ProcessRunner

    public init(settings: Config.Push, runner: any ProcessRunner) {
        self.settings = settings
        self.runner = runner
    }

    public func arguments(_ message: ReminderMessage) -> [String] {
        [settings.command] + PushCommand.arguments(for: message, urls: settings.urls)
    }

    /// Where the messages go, as the log and the status may show it: scheme and host only.
    public var targets: String {
        settings.urls.isEmpty
            ? "Apprise's own configuration" : settings.urls.map(PushCommand.display).joined(separator: ", ")
    }

    public func deliver(_ message: ReminderMessage) async -> DeliveryOutcome {
        let outcome = await runner.run(arguments(message), input: [], timeout: settings.timeout.timeout)
        if outcome.succeeded { return .delivered("to \(targets)") }
        let reason = PushCommand.explain(
            exitCode: outcome.exitCode, stderr: outcome.stderr, fallback: outcome.summary)
        return .failed(PushCommand.redact("\(settings.command): \(reason)", urls: settings.urls))
    }
}

import Foundation
import IIDCore

/// Desktop notifications through `notify-send` (libnotify), argv only.
public struct NotifyChannel: Sendable {
    public var settings: Config.Notify
    public var runner: any ProcessRunner
    /// Offer Done / Snooze buttons (`--action` with `--wait`, libnotify 0.7.9+).
    public var actions: Bool
    /// Called with (task id, action) when a button is pressed.
    public var onAction: (@Sendable (String, String) -> Void)?
    /// How long a notification with buttons waits for an answer before its notify-send is ended.
    public var actionWait: Duration = .seconds(12 * 3600)

    public init(
        settings: Config.Notify, runner: any ProcessRunner, actions: Bool,
        onAction: (@Sendable (String, String) -> Void)?
    ) {
        self.settings = settings
        self.runner = runner
        self.actions = actions
        self.onAction = onAction
    }

    public func arguments(_ message: ReminderMessage) -> [String] {
        [settings.command] + NotifyCommand.arguments(for: message, actions: actions && onAction != nil)
    }

    public func deliver(_ message: ReminderMessage) async -> DeliveryOutcome {
        let argv = arguments(message)
        let waits = argv.contains("--wait")
        if !waits {
            let outcome = await runner.run(argv, input: [], timeout: settings.timeout.timeout)
            return outcome.succeeded ? .delivered("") : .failed(Self.explain(outcome))
        }
        // With buttons notify-send stays until the notification is answered or closed: it counts as
        // delivered once it has not failed within the timeout, and the answer arrives later.
        let runner = self.runner
        let wait = actionWait
        let task = message.tasks.first
        let answer = self.handleAnswer
        let stream = AsyncStream<ProcessOutcome> { continuation in
            Task {
                let outcome = await runner.run(argv, input: [], timeout: wait)
                // The answer may come hours later; it is handled here, whoever still listens.
                if outcome.succeeded { answer(outcome.stdout, task) }
                continuation.yield(outcome)
                continuation.finish()
            }
        }
        let early = await withTaskGroup(of: ProcessOutcome?.self) { group in
            group.addTask {
                for await outcome in stream { return outcome }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: settings.timeout.timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        guard let outcome = early else { return .delivered("waiting for an answer") }
        if outcome.succeeded { return .delivered("") }
        return .failed(Self.explain(outcome))
    }

    func handleAnswer(_ stdout: String, _ task: String?) {
        guard let task, let onAction else { return }
        // notify-send prints the chosen action's key on a line of its own (after the id with -p).
        for line in stdout.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) })
        where line == "done" || line == "snooze" {
            onAction(task, line)
            return
        }
    }

    /// notify-send's own words, with a hint for the common case of no session bus.
    static func explain(_ outcome: ProcessOutcome) -> String {
        let text = outcome.summary
        if text.contains("D-Bus") || text.contains("DBUS") || text.contains("Could not connect")
            || text.contains("ServiceUnknown")
        {
            return text + " (no desktop session bus: is DBUS_SESSION_BUS_ADDRESS set for iid?)"
        }
        return text
    }
}

import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Desktop notifications through `notify-send` (libnotify), argv only.
public struct NotifyChannel: Sendable {
    public var settings: Config.Notify
    public var runner: any ProcessRunner
    /// Offer Done / Snooze buttons (`--action` with `--wait`, libnotify 0.7.9+).
    public var actions: Bool
    /// Called with (task id, action) when a button is pressed.
    public var onAction: (@Sendable (String, NotificationAction) -> Void)?
    /// How long a notification with buttons waits for an answer before its notify-send is ended.
    public var actionWait: Duration = .seconds(12 * 3600)

    public init(
        settings: Config.Notify, runner: any ProcessRunner, actions: Bool,
        onAction: (@Sendable (String, NotificationAction) -> Void)?
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
        // With buttons notify-send stays until the notification is answered or closed. `--print-id`
        // makes it print the id as soon as the server has taken the notification: that, and not
        // merely "still running", is what counts as shown. The answer arrives later on stdout.
        let runner = self.runner
        let wait = actionWait
        let task = message.tasks.first
        let answer = self.handleAnswer
        let (events, continuation) = AsyncStream<NotifyProgress>.makeStream()
        let process = Task(executorPreference: DeliveryExecutor.shared) {
            let lines = LineCounter()
            let outcome = await runner.runStreaming(argv, timeout: wait) { line in
                if lines.next() == 0 {
                    continuation.yield(.shown)
                } else {
                    answer(line, task)
                }
            }
            continuation.yield(.ended(outcome))
            continuation.finish()
        }
        // No answer within the timeout: the server did not take the notification.
        DeliveryExecutor.after(settings.timeout.timeout) { continuation.yield(.timedOut) }
        var first: NotifyProgress = .timedOut
        for await event in events {
            first = event
            break
        }
        switch first {
        case .shown: return .delivered("")
        case .ended(let outcome): return outcome.succeeded ? .delivered("") : .failed(Self.explain(outcome))
        case .timedOut:
            process.cancel()
            return .failed("no notification server answered within \(settings.timeout) (notify-send printed no id)")
        }
    }

    enum NotifyProgress: Sendable {
        case shown
        case ended(ProcessOutcome)
        case timedOut
    }

    func handleAnswer(_ stdout: String, _ task: String?) {
        guard let task, let onAction else { return }
        // notify-send prints the chosen action's key on a line of its own (after the id with -p).
        for line in stdout.split(separator: "\n") {
            if let action = NotificationAction(answer: line) {
                onAction(task, action)
                return
            }
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

/// Counts lines from another task.
final class LineCounter: @unchecked Sendable {
    private let lock = ThreadLock()
    private var count = 0
    /// The number of lines seen before this one.
    func next() -> Int {
        lock.withLock {
            defer { count += 1 }
            return count
        }
    }
}

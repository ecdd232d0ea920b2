import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// Reminders as structured journal entries (native protocol, or libsystemd with the Systemd trait).
public struct JournalChannel: Sendable {
    public var socketPath: String
    public var zone: TZifZone

    public init(socketPath: String, zone: TZifZone) {
        self.socketPath = socketPath
        self.zone = zone
    }

    /// How a delivery's detail starts when the journal refused it and it went to stderr instead.
    public static let fallbackDetail = "to stderr"

    public func deliver(_ message: ReminderMessage) -> DeliveryOutcome {
        let entry = JournalEntry.reminder(message, zone: zone)
        do {
            try JournalSocket(path: socketPath).send(entry)
            return .delivered("")
        } catch {
            // No journal: stderr with a priority prefix, which a service manager still collects.
            let priority = message.urgency == .critical ? 4 : 5
            let text = Printable.escaped(
                (message.summary + " — " + message.body).replacing("\n", with: " "))
            let tasks = Printable.escaped(message.tasks.joined(separator: " "))
            StandardError.write("<\(priority)>reminder: \(text) [\(tasks)]\n")
            return .delivered("\(Self.fallbackDetail) (\(error.description))")
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Cancel: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel",
            abstract: "Cancel the upcoming meeting (its tasks go away), or with --archive stop tracking the contact.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Flag(help: "Archive the contact: no more tasks for them.") var archive = false
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            let meeting = c.upcomingMeeting != nil && !archive
            let scope: CancelScope = meeting || (c.openRequest != nil && !archive) ? .meeting : .contact
            if scope == .contact && !archive {
                throw Failure(
                    "nothing to cancel for \(c.id): no upcoming meeting or open request (use --archive to stop tracking them)"
                )
            }
            let confirmation =
                switch scope {
                case .meeting:
                    meeting ? "Cancelled the meeting with \(c.name)." : "Withdrew the meeting request to \(c.name)."
                case .contact: "Archived \(c.name)."
                }
            return NewEvent(type: .cancelled, contact: c.id, fill: { $0.scope = scope }, confirmation: confirmation)
        }
    }
}

import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Cancel: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Cancel the upcoming meeting (its tasks go away), or with --archive stop tracking the contact.")

        @Argument(help: "The contact id.") var contact: String
        @Flag(help: "Archive the contact: no more tasks for them.") var archive = false
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let c = try ctx.contact(contact, in: plan)
                let meeting = c.upcomingMeeting != nil && !archive
                let scope: CancelScope = meeting || (c.openRequest != nil && !archive) ? .meeting : .contact
                if scope == .contact && !archive {
                    throw Failure(
                        "nothing to cancel for \(c.id): no upcoming meeting or open request (use --archive to stop tracking them)"
                    )
                }
                _ = try ctx.record(.cancelled, contact: c.id, at: try ctx.time(record.at)) { $0.scope = scope }
                if scope == .meeting {
                    print(
                        meeting ? "Cancelled the meeting with \(c.name)." : "Withdrew the meeting request to \(c.name)."
                    )
                } else {
                    print("Archived \(c.name).")
                }
            }
        }
    }
}

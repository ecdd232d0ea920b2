import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Schedule: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the meeting's time (again to reschedule it).")

        @Argument(help: "The contact id.") var contact: String
        @Argument(help: "When the meeting starts (TIME).") var time: String
        @Option(help: "How long the meeting is, in minutes.") var minutes: Int = 20
        @Option(name: .customLong("where"), help: "Where it takes place (an address, a phone number, a link).")
        var place: String?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1...1440).contains(minutes) else { throw ValidationError("--minutes must be from 1 to 1440") }
        }

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let c = try ctx.contact(contact, in: plan)
                let start = try ctx.time(time)
                let at = try ctx.time(record.at)
                let moving = c.upcomingMeeting != nil
                _ = try ctx.record(.scheduled, contact: c.id, at: at) { e in
                    e.start = start
                    e.minutes = minutes
                    e.place = place
                }
                let verb = moving ? "Moved the meeting with" : "Scheduled a meeting with"
                print("\(verb) \(c.name): \(ctx.words.when(start, now: ctx.now)), \(minutes) min.")
            }
        }
    }
}

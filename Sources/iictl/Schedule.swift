import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Schedule: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "schedule",
            abstract: "Record the meeting's time (again to reschedule it).")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Argument(help: "When the meeting starts (TIME).") var time: String
        @Option(help: "How long the meeting is, in minutes.") var minutes: Int = 20
        @Option(name: .customLong("where"), help: "Where it takes place (an address, a phone number, a link).")
        var place: String?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            guard (1...1440).contains(minutes) else { throw ValidationError("--minutes must be from 1 to 1440") }
        }

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            let start = try r.ctx.meetingTime(time)
            try r.check(.schedule(start: start), c)
            let verb = c.upcomingMeeting != nil ? "Moved the meeting with" : "Scheduled a meeting with"
            return NewEvent(
                type: .scheduled, contact: c.id,
                fill: { e in
                    e.start = start
                    e.minutes = minutes
                    e.place = place
                },
                confirmation: "\(verb) \(c.name): \(r.ctx.words.when(start, now: r.ctx.now)), \(minutes) min.")
        }
    }
}

import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Held: RecordingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the meeting took place, with the points worth mentioning in the thank-you note.")

        @Argument(help: "The contact id.") var contact: String
        @Option(name: .customLong("point"), help: "A point from the meeting you found helpful (repeatable).")
        var points: [String] = []
        @Option(
            help: """
                How long it lasted, for a meeting that was not scheduled in iid: it began at --at.
                """)
        var minutes: Int?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let minutes, !(1...1440).contains(minutes) { throw ValidationError("--minutes must be from 1 to 1440") }
        }

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            try r.check(.held(minutes: minutes), c)
            for p in points { _ = try r.text(p, "point") }
            let due = r.ctx.config.rule(.thankYou).due
            // Minutes describe a meeting held without being scheduled; a scheduled one keeps its own.
            let unscheduled = c.upcomingMeeting == nil ? minutes : nil
            return NewEvent(
                type: .held, contact: c.id,
                fill: { e in
                    e.points = points.isEmpty ? nil : points
                    e.minutes = unscheduled
                },
                confirmation:
                    "Recorded the meeting with \(c.name). Send a thank-you note within \(due) (iictl draft \(c.id)).")
        }
    }
}

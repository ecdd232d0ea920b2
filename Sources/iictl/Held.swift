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
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            let due = r.ctx.config.rule(.thankYou).due
            return NewEvent(
                type: .held, contact: c.id, fill: { $0.points = points.isEmpty ? nil : points },
                confirmation:
                    "Recorded the meeting with \(c.name). Send a thank-you note within \(due) (iictl draft \(c.id)).")
        }
    }
}

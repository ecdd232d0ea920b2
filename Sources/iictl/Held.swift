import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Held: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the meeting took place, with the points worth mentioning in the thank-you note.")

        @Argument(help: "The contact id.") var contact: String
        @Option(name: .customLong("point"), help: "A point from the meeting you found helpful (repeatable).")
        var points: [String] = []
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let c = try ctx.contact(contact, in: plan)
                _ = try ctx.record(.held, contact: c.id, at: try ctx.time(record.at)) { e in
                    e.points = points.isEmpty ? nil : points
                }
                let due = ctx.config.rule(.thankYou).due
                print("Recorded the meeting with \(c.name). Send a thank-you note within \(due) (iictl draft \(c.id)).")
            }
        }
    }
}

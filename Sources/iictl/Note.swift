import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a note or a message exchanged (it counts as keeping in touch).")

        @Argument(help: "The contact id.") var contact: String
        @Argument(help: "The note.") var text: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let c = try ctx.contact(contact, in: plan)
                _ = try ctx.record(.note, contact: c.id, at: try ctx.time(record.at)) { $0.text = text }
                print("Noted for \(c.name).")
            }
        }
    }
}

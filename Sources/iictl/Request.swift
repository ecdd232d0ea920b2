import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that you asked the contact for a meeting (a follow-up is due if none is scheduled).")

        @Argument(help: "The contact id.") var contact: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let c = try ctx.contact(contact, in: plan)
                let at = try ctx.time(record.at)
                _ = try ctx.record(.requested, contact: c.id, at: at)
                let followUp = ctx.config.rule(.followUp).offset.apply(to: at, in: ctx.zone)
                print(
                    "Requested a meeting with \(c.name); follow up \(ctx.words.when(followUp, now: ctx.now)) if there is no date by then."
                )
            }
        }
    }
}

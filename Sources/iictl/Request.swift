import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Request: RecordingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that you asked the contact for a meeting (a follow-up is due if none is scheduled).")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            try r.check(.request, c)
            let followUp = r.ctx.config.rule(.followUp).offset.apply(to: try r.at(), in: r.ctx.zone)
            return NewEvent(
                type: .requested, contact: c.id,
                confirmation:
                    "Requested a meeting with \(c.name); follow up \(r.ctx.words.when(followUp, now: r.ctx.now)) if there is no date by then."
            )
        }
    }
}

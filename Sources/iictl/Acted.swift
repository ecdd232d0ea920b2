import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    /// `acted`: a step of your own, taken on a contact's advice. Its text is required, as a
    /// question's is: it is what the report to them tells of (`iictl draft report-back --advice`).
    struct Acted: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "acted",
            abstract: "Record that you acted on a contact's advice: they are owed a report on what came of it.",
            discussion: """
                TEXT says what you did, as you would tell them ("applied to the Acme data team"); when it \
                starts with a dash, put it after -- (the options before). Advice acted on before you report goes in one \
                report-back task, ID.report-back.advice.DAY; `iictl done` closes it, and what you act on \
                later is the next report (reminders.report-back; after: never turns it off).
                """)

        @Argument(help: "The contact whose advice it was.", completion: Completion.contacts) var contact: String
        @Argument(help: "What you did on their advice.") var text: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            let text = try r.text(text, "advice acted on")
            let done = "Recorded that you acted on \(c.name)'s advice"
            let confirmation: String
            if !r.ctx.config.reportBack {
                confirmation = done + "."
            } else if c.archived {
                // An archived contact has no tasks: none is promised.
                confirmation = done + "; \(c.name) is archived, so no report is planned."
            } else if let owed = r.plan.tasks.first(where: { $0.contact == c.id && $0.isAdviceReport }) {
                confirmation = done + "; it goes in the report you owe them (\(owed.id))."
            } else {
                confirmation =
                    done
                    + "; tell them what came of it within \(r.ctx.config.rule(.reportBack).due) (iictl draft report-back \(c.id) --advice)."
            }
            return NewEvent(type: .acted, contact: c.id, fill: { $0.text = text }, confirmation: confirmation)
        }
    }
}

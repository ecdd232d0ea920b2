import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Question: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "question",
            abstract: "Record a targeted question to ask; the homework and brief reminders carry them.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Argument(help: "The question.") var text: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            let text = try r.text(text, "question")
            return NewEvent(
                type: .question, contact: c.id, fill: { $0.text = text },
                confirmation: "Question \(c.questions.count + 1) for \(c.name) recorded.")
        }
    }
}

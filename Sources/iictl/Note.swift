import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Note: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "note",
            abstract: "Record a note or a message exchanged (it counts as keeping in touch).")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Argument(help: "The note.") var text: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            let text = try r.text(text, "note")
            return NewEvent(type: .note, contact: c.id, fill: { $0.text = text }, confirmation: "Noted for \(c.name).")
        }
    }
}

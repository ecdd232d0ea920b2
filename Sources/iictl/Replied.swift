import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Replied: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "replied",
            abstract: "Record that they answered: the follow-ups stop, and keeping in touch counts from now.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Argument(help: "What they said (optional).") var text: String?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            let text = try text.map { try r.text($0, "reply") }
            let confirmation =
                c.openRequest != nil
                ? "Recorded \(c.name)'s reply; no more follow-ups. Once you agree a time: iictl schedule \(c.id) TIME"
                : "Recorded \(c.name)'s reply."
            return NewEvent(type: .replied, contact: c.id, fill: { $0.text = text }, confirmation: confirmation)
        }
    }
}

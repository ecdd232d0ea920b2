import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Confirm: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm",
            abstract: "Record that the meeting's time (and how long they can give) is confirmed.")
        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            try r.check(.confirm, c)
            return NewEvent(type: .confirmed, contact: c.id, confirmation: "Confirmed the meeting with \(c.name).")
        }
    }
}

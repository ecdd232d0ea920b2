import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Thanked: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "thanked", abstract: "Record that the thank-you note is sent.")
        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            try r.check(.thanked, c)
            return NewEvent(type: .thanked, contact: c.id, confirmation: "Recorded the thank-you note to \(c.name).")
        }
    }
}

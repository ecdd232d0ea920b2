import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Declined: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "declined",
            abstract: "Record that they said no to the request (or the meeting): nothing more is due for it.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Argument(help: "What they said (optional).") var text: String?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            try r.check(.declined, c)
            let text = try text.map { try r.text($0, "answer") }
            let off =
                c.upcomingMeeting.map { "; the meeting \(r.ctx.words.when($0.start, now: r.ctx.now)) is off" } ?? ""
            return NewEvent(
                type: .declined, contact: c.id, fill: { $0.text = text },
                confirmation: "Recorded that \(c.name) declined\(off). Nothing more is due for this request.")
        }
    }
}

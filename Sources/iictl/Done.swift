import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Done: RecordingCommand {
        static let configuration = CommandConfiguration(commandName: "done", abstract: "Mark a task as done.")

        @Argument(help: "The task id, as 'iictl pending' shows it.", completion: Completion.tasks) var task: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let t = try r.task(task)
            if !r.force, let start = t.meeting?.start, t.kind == .thankYou, try r.at() < start {
                throw Failure(
                    "the meeting with \(t.contactName) is \(r.ctx.words.when(start, now: r.ctx.now)): the thank-you comes after it"
                )
            }
            return NewEvent(
                type: .done, contact: t.contact, fill: { $0.task = t.id }, confirmation: "Done: \(t.title).")
        }
    }
}

import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Done: RecordingCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task as done.")

        @Argument(help: "The task id, as 'iictl pending' shows it.") var task: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let t = try r.task(task)
            return NewEvent(
                type: .done, contact: t.contact, fill: { $0.task = t.id }, confirmation: "Done: \(t.title).")
        }
    }
}

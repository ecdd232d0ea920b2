import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Snooze: RecordingCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a task off: it reminds you again when the snooze ends.")

        @Argument(help: "The task id, as 'iictl pending' shows it.") var task: String
        @Argument(help: "For how long: 90m, 2h, 1d, 2bd.") var duration: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let t = try r.task(task)
            let spec = try r.ctx.duration(duration)
            let until = spec.apply(to: try r.at(), in: r.ctx.zone)
            return NewEvent(
                type: .snoozed, contact: t.contact,
                fill: { e in
                    e.task = t.id
                    e.until = until
                },
                confirmation: "Snoozed until \(r.ctx.words.when(until, now: r.ctx.now)): \(t.title).")
        }
    }
}

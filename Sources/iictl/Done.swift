import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Mark a task as done.")

        @Argument(help: "The task id, as 'iictl pending' shows it.") var task: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let t = try ctx.task(task, in: plan)
                _ = try ctx.record(.done, contact: t.contact, at: try ctx.time(record.at)) { $0.task = t.id }
                print("Done: \(t.title).")
            }
        }
    }

    struct Snooze: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put a task off: it reminds you again when the snooze ends.")

        @Argument(help: "The task id, as 'iictl pending' shows it.") var task: String
        @Argument(help: "For how long: 90m, 2h, 1d, 2bd.") var duration: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let t = try ctx.task(task, in: plan)
                let spec = try ctx.duration(duration)
                let at = try ctx.time(record.at)
                let until = spec.apply(to: at, in: ctx.zone)
                _ = try ctx.record(.snoozed, contact: t.contact, at: at) { e in
                    e.task = t.id
                    e.until = until
                }
                print("Snoozed until \(ctx.words.when(until, now: ctx.now)): \(t.title).")
            }
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Snooze: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "snooze",
            abstract: "Put a task off: it reminds you again when the snooze ends.",
            discussion: """
                For a while (iictl snooze jane-doe.thank-you 3h, or 1h30m, 2d, 2bd) or until a time \
                (iictl snooze jane-doe.thank-you until "tomorrow 9:00"). A snooze past the point of the \
                task (a brief past the meeting's start) is recorded with a warning that says when that is.
                """)

        @Argument(help: "The task id, as 'iictl pending' shows it.", completion: Completion.tasks) var task: String
        @Argument(help: "For how long (90m, 2h, 1h30m, 1d, 2bd), or 'until TIME'.") var length: [String]
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if length.isEmpty {
                throw ValidationError("say for how long (e.g. 2h) or until when (until \"tomorrow 9:00\")")
            }
            if length.first != "until", length.count > 1 {
                throw ValidationError("one length, such as 1h30m, or 'until TIME'")
            }
        }

        func newEvent(_ r: Recording) throws -> NewEvent {
            let t = try r.task(task)
            let from = try r.at()
            let until: Date
            if length.first == "until" {
                let text = length.dropFirst().joined(separator: " ")
                guard !text.isEmpty else { throw Failure("until when? e.g. until \"tomorrow 9:00\" or until 3pm") }
                until = try r.ctx.time(text)
                guard until > from else {
                    throw Failure(
                        "\(r.ctx.words.when(until, now: r.ctx.now)) is not after \(r.ctx.words.when(from, now: r.ctx.now)): a snooze ends later"
                    )
                }
            } else {
                let spec = try r.ctx.duration(length[0])
                guard !spec.isZero else {
                    throw Failure("a snooze of \(spec) changes nothing: give a length such as 30m or 2h")
                }
                until = spec.apply(to: from, in: r.ctx.zone)
            }
            let w = r.ctx.words
            if let expires = t.expires, until >= expires {
                Context.warn(
                    "\(t.id) is moot once the meeting begins, \(w.when(expires, now: r.ctx.now)): snoozed past that, it will not remind you again"
                )
            }
            return NewEvent(
                type: .snoozed, contact: t.contact,
                fill: { e in
                    e.task = t.id
                    e.until = until
                },
                confirmation: "Snoozed until \(w.when(until, now: r.ctx.now)): \(t.title).")
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The commands that record one event about a contact (`request`, `schedule`, `held`, …) share one
/// body: read the config and the plan, find the contact or task, append the event, confirm it. The
/// shared part lives here, so each command says only what is its own.
protocol RecordingCommand: ParsableCommand {
    var record: RecordOptions { get }
    var global: GlobalOptions { get }

    /// The event to append and the line that confirms it, worked out from the log as it stands.
    /// Throws a `Failure` when there is nothing to record (no such contact, nothing to cancel).
    func newEvent(_ r: Recording) throws -> NewEvent
}

/// What a recording command works from: the context and the plan before its event.
struct Recording {
    let ctx: Context
    let plan: Planner.Plan
    let atText: String?

    let force: Bool

    func contact(_ id: String) throws -> ContactRecord { try ctx.contact(id, in: plan) }
    func task(_ id: String) throws -> PendingTask { try ctx.task(id, in: plan) }
    /// When the event happened: `--at`, or now.
    func at() throws -> Date { try ctx.time(atText) }
    /// The time to record it at: `--at`, or now, put after the contact's latest step if another
    /// device's clock is a little ahead (`CausalStamp`).
    func at(for contact: String) throws -> Date {
        if atText != nil { return try ctx.time(atText) }
        return CausalStamp.stamp(now: ctx.now, after: plan.contact(contact)?.lastEventAt)
    }
    /// Refuses what `c`'s state does not allow (unless `--force`): the state model comes first.
    func check(_ what: Recorded, _ c: ContactRecord) throws { try ctx.check(what, c, at: try at(), force: force) }
    /// Text that must say something: an empty note is a slip.
    func text(_ value: String, _ what: String) throws -> String {
        guard !value.trimmingWhitespace().isEmpty else {
            throw Failure("the \(what) is empty: write it in quotes, e.g. \"Sent her the slides\"")
        }
        return value
    }
}

/// One event to append, and what to print once it is in the log.
struct NewEvent {
    var type: EventType
    var contact: String
    var fill: (inout Event) -> Void = { _ in }
    var confirmation: String
    /// A line for stderr once it is in the log, beside a confirmation that scripts read (`add`
    /// prints only the id): a namesake, say.
    var notice: String?
    /// Events recorded with it, after it, under the same lock: the people named at a meeting.
    var more: [NewEvent] = []
}

extension RecordingCommand {
    /// The log is read and the event appended under the events folder's writer lock: what the
    /// command decided from the log (a new id, that a meeting exists) still holds when it writes.
    func run() throws {
        let ctx = try Context(global)
        let (confirmation, notice) = try ctx.locked {
            let r = Recording(ctx: ctx, plan: ctx.plan(quiet: true), atText: record.at, force: record.force)
            try ctx.check(nil, nil, at: try r.at(), force: record.force)
            let new = try newEvent(r)
            _ = try ctx.record(new.type, contact: new.contact, at: try r.at(for: new.contact), new.fill)
            for extra in new.more {
                _ = try ctx.record(extra.type, contact: extra.contact, at: try r.at(for: extra.contact), extra.fill)
            }
            return (([new.confirmation] + new.more.map(\.confirmation)).joined(separator: "\n"), new.notice)
        }
        // Names and places come from other people's files: no control character reaches the terminal.
        print(Printable.escaped(confirmation, newlines: true))
        if let notice { Context.warn(notice) }
    }
}

import ArgumentParser
import Foundation
import IIDCore

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
}

/// One event to append, and what to print once it is in the log.
struct NewEvent {
    var type: EventType
    var contact: String
    var fill: (inout Event) -> Void = { _ in }
    var confirmation: String
}

extension RecordingCommand {
    /// The log is read and the event appended under the events folder's writer lock: what the
    /// command decided from the log (a new id, that a meeting exists) still holds when it writes.
    func run() throws {
        let ctx = try Context(global)
        let confirmation = try ctx.locked {
            let r = Recording(ctx: ctx, plan: ctx.plan(quiet: true), atText: record.at)
            let new = try newEvent(r)
            _ = try ctx.record(new.type, contact: new.contact, at: try r.at(for: new.contact), new.fill)
            return new.confirmation
        }
        print(confirmation)
    }
}

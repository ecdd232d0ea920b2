import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract:
                "Say why a task exists, and when each of its reminders fires and through which channels; `explain ID` for a contact: their label (booster, obligate, curmudgeon) from their dates; `explain digest`: the weekly digest."
        )

        @Argument(
            help: "The task id, a contact id (their label), or `digest` for the weekly digest.",
            completion: Completion.tasksAndDigest)
        var task: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            if task == Self.digestName { return try explainDigest(ctx) }
            let plan = ctx.plan(quiet: true)
            // Task ids have a dot, contact ids never: a contact is explained by their label.
            if !task.contains("."), let c = try? ctx.contact(task, in: plan) {
                Swift.print(Printable.escaped("\(c.name) [\(c.id)]: how they answer"))
                for line in ctx.labels.explanation(of: c, at: ctx.now) { Swift.print(Printable.escaped("  " + line)) }
                Swift.print(
                    "  Rule: answered within reminders.next-contact.after (\(ctx.config.nextContact.after), business days Mon-Fri in \(ctx.zone.identifier)) and before a follow-up: booster; after a follow-up or later: obligate; no answer once the follow-ups ran out: curmudgeon."
                )
                return
            }
            // A closed task is explained as well: when it ended, and how.
            let past = plan.tasks.contains { $0.id == task } ? nil : ctx.history(of: task, in: plan)
            let closed = past?.endedBy == nil ? nil : past
            let t = try closed?.task ?? ctx.task(task, in: plan)
            let rule = ctx.config.rule(t.kind)
            let w = ctx.words
            let direction = t.kind.countsBackward ? "before" : "after"
            func print(_ line: String) { Swift.print(Printable.escaped(line)) }
            print("\(t.id): \(t.title)")
            let contact = plan.contact(t.contact)
            let sequence = ctx.config.followUps.sequence
            // A later follow-up, or a person's own cadence, moves the reminder: say which rule set it.
            let own = contact?.cadence.flatMap { try? Cadence(parsing: $0) }
            if t.kind == .followUp, t.step > 1 {
                print(
                    "  Why:    follow-up \(t.step) of \(t.steps) is counted from follow-up \(t.step - 1) being sent, \(w.when(t.anchor, now: ctx.now)) (\(ctx.zone.identifier))."
                )
                print(
                    "  Remind: \(sequence[min(t.step, sequence.count) - 1]) after it (reminders.follow-up.sequence), \(w.when(t.remindAt, now: ctx.now))."
                )
                print(
                    "  Due:    \(rule.window.map { "\($0) after the reminder" } ?? "at the reminder"), \(w.when(t.due, now: ctx.now))."
                )
            } else if t.kind == .keepInTouch, case .every(let every) = own {
                print(
                    "  Why:    keep-in-touch is counted from the last interaction, \(w.when(t.anchor, now: ctx.now)) (\(ctx.zone.identifier))."
                )
                print("  Remind: \(every) after it (\(t.contactName)'s cadence), \(w.when(t.remindAt, now: ctx.now)).")
                print(
                    "  Due:    \(rule.window.map { "\($0) after the reminder" } ?? "at the reminder"), \(w.when(t.due, now: ctx.now))."
                )
            } else {
                let which = t.kind == .followUp ? "follow-up 1 of \(t.steps)" : t.kind.rawValue
                print(
                    "  Why:    \(which) is counted from \(t.anchorDescription), \(w.when(t.anchor, now: ctx.now)) (\(ctx.zone.identifier))."
                )
                print("  Remind: \(rule.offset) \(direction) it, \(w.when(t.remindAt, now: ctx.now)).")
                print("  Due:    \(rule.due) \(direction) it, \(w.when(t.due, now: ctx.now)).")
            }
            if t.kind == .followUp, closed == nil {
                print(
                    t.step < t.steps
                        ? "  Next:   once it is sent (iictl done \(t.id)), follow-up \(t.step + 1) of \(t.steps) \(sequence[t.step]) later."
                        : "  Next:   once it is sent, \(t.contactName) goes cold \(ctx.config.followUps.coldAfter) later unless they reply (iictl replied \(t.contact))."
                )
            }
            if let closed {
                print("  State:  \(closed.ending(words: w, now: ctx.now))")
                for e in closed.snoozes {
                    print(
                        "  Snoozed \(w.when(e.at, now: ctx.now)) until \(e.until.map { w.when($0, now: ctx.now) } ?? "?") (event \(e.id))"
                    )
                }
                return
            }
            print("  State:  \(t.state(at: ctx.now).rawValue)")
            if let until = t.snoozedUntil, ctx.now < until {
                print("  Snoozed until \(w.when(until, now: ctx.now)).")
            }
            if let expires = t.expires {
                print("  Moot once the meeting begins, \(w.when(expires, now: ctx.now)).")
            }
            let scheduler = Scheduler(config: ctx.config, zone: ctx.zone)
            let reminders = Reminder.of(t, rule: rule)
            if reminders.isEmpty { print("  No reminders: 'via' is empty for \(t.kind.rawValue).") }
            for r in reminders {
                let channels = r.channels.map { c -> String in
                    let release = scheduler.releaseTime(r.fireAt, channel: c)
                    return release == r.fireAt
                        ? c.rawValue : "\(c.rawValue) (held by quiet hours until \(w.clock(release)))"
                }
                print(
                    "  Reminder (\(r.slot.rawValue)): \(w.when(r.fireAt, now: ctx.now)) via \(channels.joined(separator: ", "))."
                )
            }
        }
    }
}

import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pending",
            abstract: "List every open task, soonest due first.",
            discussion: """
                A task is upcoming before its first reminder, due from then until its due time, overdue \
                after it, and snoozed while snoozed.
                """)

        @Option(
            name: .customLong("as-of"),
            help: "Show the tasks as they stood at this TIME (default: now): only events at or before it count.")
        var asOf: String?
        @Option(help: "Only tasks due within this long (e.g. 7d).") var within: String?
        @Flag(help: "Print a JSON array instead of a table.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            let now = try ctx.time(asOf)
            // Events recorded for later than `--as-of` had not happened then.
            let plan = ctx.plan(asOf: asOf == nil ? nil : now)
            var tasks = plan.pending(at: now)
            if let within {
                let limit = try ctx.duration(within).apply(to: now, in: ctx.zone)
                tasks = tasks.filter { $0.due <= limit }
            }
            if json {
                Output.json(bytes: TaskJSON.prettyBytes(tasks, now: now, zone: ctx.zone))
                return
            }
            let suggestions = mailSuggestions(ctx, plan: plan, now: now)
            if tasks.isEmpty {
                print(
                    plan.contacts.isEmpty
                        ? "Nothing pending. Add someone to approach: iictl add \"Jane Doe\" --org Acme"
                        : "Nothing pending.")
                printSuggestions(suggestions, ctx: ctx, now: now)
                return
            }
            let words = ctx.words
            let rows = tasks.map { t -> [String] in
                let state = t.state(at: now)
                let due = words.when(t.due, now: now)
                let rel = Wording.relative(t.due, now: now)
                return [due + " (\(rel))", state.rawValue, t.id, Printable.escaped(t.title)]
            }
            let colors = tasks.map { [nil, Output.stateColor($0.state(at: now)), nil, nil] as [String?] }
            print(Output.table(["due", "state", "task", "what"], rows, colors: colors))
            printSuggestions(suggestions, ctx: ctx, now: now)
        }

        /// What `iictl mail scan` found and did not record (Documentation/mail.md): messages from
        /// someone else in the thread of the person's message to a contact, while the contact's
        /// request waits. None without `mail:`; a mail state that cannot be read is said, and the
        /// tasks are listed all the same.
        func mailSuggestions(_ ctx: Context, plan: Planner.Plan, now: Date) -> [MailSuggestion] {
            guard ctx.config.mail != nil else { return [] }
            do {
                return try MailStateStore(paths: ctx.paths).load().suggestions(plan).filter { $0.at <= now }
            } catch {
                Context.warn("mail suggestions left out: \(error)")
                return []
            }
        }

        func printSuggestions(_ suggestions: [MailSuggestion], ctx: Context, now: Date) {
            guard !suggestions.isEmpty else { return }
            print("\nFrom mail, not recorded:")
            // A contact's name is the person's text, but may have come from an import: escaped.
            for s in suggestions { print(Printable.escaped("  " + s.line(words: ctx.words, now: now))) }
        }
    }
}

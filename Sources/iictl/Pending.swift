import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                Output.json(tasks.map { TaskJSON.task($0, now: now, zone: ctx.zone) } as [Any?])
                return
            }
            if tasks.isEmpty {
                print(
                    plan.contacts.isEmpty
                        ? "Nothing pending. Add someone to approach: iictl add \"Jane Doe\" --org Acme"
                        : "Nothing pending.")
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
        }
    }
}

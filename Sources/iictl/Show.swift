import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one contact: details, meetings, notes and open tasks.")

        @Argument(help: "The contact id.") var contact: String
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan()
                let c = try ctx.contact(contact, in: plan)
                let tasks = plan.pending(at: ctx.now).filter { $0.contact == c.id }
                if json {
                    Output.json(TaskJSON.contact(c, tasks: tasks, now: ctx.now, zone: ctx.zone))
                    return
                }
                let w = ctx.words
                print("\(c.name)  [\(c.id)]  \(c.stage.rawValue)")
                if let org = c.org { print("  Organisation: \(org)") }
                if let industry = c.industry { print("  Industry:     \(industry)") }
                if let email = c.email { print("  Email:        \(email)") }
                for m in c.meetings {
                    var line = "  Meeting \(m.number): \(w.when(m.start, now: ctx.now)), \(m.minutes) min"
                    if let place = m.place { line += ", \(place)" }
                    var flags: [String] = []
                    if m.cancelled { flags.append("cancelled") }
                    if m.confirmed { flags.append("confirmed") }
                    if m.held { flags.append("held") }
                    if let t = m.thankedAt { flags.append("thanked \(w.when(t, now: ctx.now))") }
                    if !flags.isEmpty { line += " (" + flags.joined(separator: ", ") + ")" }
                    print(line)
                    for p in m.points { print("    - \(p)") }
                }
                for n in c.notes { print("  Note: \(n)") }
                if tasks.isEmpty {
                    print("  No open tasks.")
                } else {
                    for t in tasks {
                        print(
                            "  \(t.state(at: ctx.now).rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(t.id)  due \(w.when(t.due, now: ctx.now))"
                        )
                    }
                }
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List contacts and where each one stands.")

        @Flag(help: "Print a JSON array.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan()
                let pending = plan.pending(at: ctx.now)
                if json {
                    Output.json(
                        plan.contacts.map { c in
                            TaskJSON.contact(
                                c, tasks: pending.filter { $0.contact == c.id }, now: ctx.now, zone: ctx.zone)
                        } as [Any?])
                    return
                }
                if plan.contacts.isEmpty {
                    print("No contacts yet. Add one: iictl add \"Jane Doe\" --org Acme")
                    return
                }
                let rows = plan.contacts.map { c -> [String] in
                    let next = pending.first { $0.contact == c.id }
                    return [
                        c.id, c.name, c.org ?? "", c.stage.rawValue,
                        next.map { "\($0.kind.rawValue) \(ctx.words.when($0.due, now: ctx.now))" } ?? "",
                    ]
                }
                print(Output.table(["id", "name", "org", "stage", "next"], rows))
            }
        }
    }
}

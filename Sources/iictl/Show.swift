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
                if let position = c.position { print("  Position:     \(position)") }
                if let email = c.email { print("  Email:        \(email)") }
                if let phone = c.phone { print("  Phone:        \(phone)") }
                if let url = c.url { print("  Profile:      \(url)") }
                if let address = c.address {
                    print("  Address:      \(address.replacingOccurrences(of: "\n", with: ", "))")
                }
                for q in c.questions { print("  Question: \(q)") }
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
        static let configuration = CommandConfiguration(
            abstract: "List contacts and where each one stands, optionally filtered.",
            discussion:
                "For example, whom in fintech you have not asked yet: iictl list --industry fintech --stage target")

        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: "Only contacts whose organisation contains this text.") var org: String?
        @Option(help: "Only contacts whose industry contains this text.") var industry: String?
        @Option(help: "Only contacts at this stage: target, requested, scheduled, held, thanked or archived.")
        var stage: Stage?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                var plan = ctx.plan()
                func has(_ value: String?, _ filter: String?) -> Bool {
                    guard let filter else { return true }
                    return value?.localizedCaseInsensitiveContains(filter) ?? false
                }
                plan.contacts = plan.contacts.filter {
                    has($0.org, org) && has($0.industry, industry) && (stage == nil || $0.stage == stage)
                }
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
                    let filtered = org != nil || industry != nil || stage != nil
                    print(
                        filtered ? "No contacts match." : "No contacts yet. Add one: iictl add \"Jane Doe\" --org Acme")
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

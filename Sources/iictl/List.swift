import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
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
            let ctx = try Context(global, readOnly: true)
            var plan = ctx.plan()
            func has(_ value: String?, _ filter: String?) -> Bool {
                guard let filter else { return true }
                return value?.localizedCaseInsensitiveContains(filter) ?? false
            }
            plan.contacts = plan.contacts.filter {
                has($0.org, org) && has($0.industry, industry) && (stage == nil || $0.stage(at: ctx.now) == stage)
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
                    c.id, Printable.escaped(c.name), Printable.escaped(c.org ?? ""), c.stage(at: ctx.now).rawValue,
                    next.map { "\($0.kind.rawValue) \(ctx.words.when($0.due, now: ctx.now))" } ?? "",
                ]
            }
            print(Output.table(["id", "name", "org", "stage", "next"], rows))
        }
    }
}

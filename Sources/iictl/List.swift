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
        @Option(
            help:
                "Only contacts at this stage: target, requested, replied, cold, declined, scheduled, held, thanked or archived."
        )
        var stage: Stage?
        @Option(help: "Only the contacts this contact suggested.") var referredBy: String?
        @Flag(help: "Only the people whose keep-in-touch is due or overdue, longest out of touch first.")
        var losingTouch = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            var plan = ctx.plan()
            func has(_ value: String?, _ filter: String?) -> Bool {
                guard let filter else { return true }
                return value?.localizedCaseInsensitiveContains(filter) ?? false
            }
            let referrer = try referredBy.map { try ctx.contact($0, in: plan).id }
            plan.contacts = plan.contacts.filter {
                has($0.org, org) && has($0.industry, industry) && (stage == nil || $0.stage(at: ctx.now) == stage)
                    && (referrer == nil || $0.referredBy == referrer)
            }
            if losingTouch {
                let shown = Set(plan.contacts.map(\.id))
                plan.contacts = plan.losingTouch(at: ctx.now).map(\.contact).filter { shown.contains($0.id) }
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
                let filtered = org != nil || industry != nil || stage != nil || referrer != nil
                print(
                    losingTouch
                        ? "Nobody is overdue for keeping in touch."
                        : filtered
                            ? "No contacts match." : "No contacts yet. Add one: iictl add \"Jane Doe\" --org Acme")
                return
            }
            let rows = plan.contacts.map { c -> [String] in
                let next = pending.first { $0.contact == c.id }
                return [
                    c.id, Printable.escaped(c.name), Printable.escaped(c.org ?? ""), c.stage(at: ctx.now).rawValue,
                    next.map { "\($0.kind.rawValue) \(ctx.words.when($0.due, now: ctx.now))" } ?? "",
                ]
            }
            if losingTouch {
                print(
                    Output.table(
                        ["id", "name", "org", "last contact", "losing touch since"], losingTouchRows(plan, ctx)))
                return
            }
            print(Output.table(["id", "name", "org", "stage", "next"], rows))
        }

        /// When each person was last in touch, and since when keeping in touch is due.
        func losingTouchRows(_ plan: Planner.Plan, _ ctx: Context) -> [[String]] {
            let due = Dictionary(
                plan.losingTouch(at: ctx.now).map { ($0.contact.id, $0.task) }, uniquingKeysWith: { a, _ in a })
            return plan.contacts.map { c in
                let t = due[c.id]
                return [
                    c.id, Printable.escaped(c.name), Printable.escaped(c.org ?? ""),
                    t.map { ctx.words.when($0.anchor, now: ctx.now) } ?? "",
                    t.map { ctx.words.when($0.remindAt, now: ctx.now) } ?? "",
                ]
            }
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List contacts and where each one stands, optionally filtered.",
            discussion:
                "For example, whom in fintech you have not asked yet: iictl list --industry fintech --stage target")

        @Flag(help: "Print a JSON array.") var json = false
        @Option(help: "Only contacts whose organisation contains this text.", completion: Completion.organisations)
        var org: String?
        @Option(help: "Only contacts whose industry contains this text.") var industry: String?
        @Option(
            help:
                "Only contacts at this stage: target, requested, replied, cold, declined, scheduled, held, thanked or archived."
        )
        var stage: Stage?
        @Option(help: "Only the contacts this contact suggested.", completion: Completion.contacts) var referredBy:
            String?
        @Option(
            help: ArgumentHelp(
                "Only the people who answer this way: booster, obligate or curmudgeon.",
                discussion: "Whom to ask for referrals first: iictl list --label booster"))
        var label: Responsiveness?
        @Flag(help: "Only the people whose keep-in-touch is due or overdue, longest out of touch first.")
        var losingTouch = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            var plan = ctx.plan()
            func has(_ value: String?, _ filter: String?) -> Bool {
                guard let filter else { return true }
                return value?.lowercased().contains(filter.lowercased()) ?? false
            }
            let referrer = try referredBy.map { try ctx.contact($0, in: plan).id }
            plan.contacts = plan.contacts.filter {
                has($0.org, org) && has($0.industry, industry) && (stage == nil || $0.stage(at: ctx.now) == stage)
                    && (referrer == nil || $0.referredBy == referrer)
            }
            // Worked out once: the contacts to list, in its order, and the rows of its table.
            var losing: [(contact: ContactRecord, task: PendingTask)] = []
            if losingTouch {
                let shown = Set(plan.contacts.map(\.id))
                losing = plan.losingTouch(at: ctx.now).filter { shown.contains($0.contact.id) }
                plan.contacts = losing.map(\.contact)
            }
            let rule = ctx.labels
            let labels = Dictionary(
                plan.contacts.compactMap { c in rule.label(of: c, at: ctx.now).map { (c.id, $0.label) } },
                uniquingKeysWith: { a, _ in a })
            if let label { plan.contacts = plan.contacts.filter { labels[$0.id] == label } }
            let pending = plan.pending(at: ctx.now)
            if json {
                Output.json(
                    plan.contacts.map { c in
                        TaskJSON.contact(
                            c, tasks: pending.filter { $0.contact == c.id }, label: labels[c.id], now: ctx.now,
                            zone: ctx.zone)
                    } as [Any?])
                return
            }
            if plan.contacts.isEmpty {
                let filtered = org != nil || industry != nil || stage != nil || referrer != nil || label != nil
                print(
                    losingTouch
                        ? "Nobody is overdue for keeping in touch."
                        : filtered
                            ? "No contacts match." : "No contacts yet. Add one: iictl add \"Jane Doe\" --org Acme")
                return
            }
            if losingTouch {
                // When each person was last in touch, and since when keeping in touch is due.
                let rows = losing.map { c, t in
                    [
                        c.id, Printable.escaped(c.name), Printable.escaped(c.org ?? ""),
                        ctx.words.when(t.anchor, now: ctx.now), ctx.words.when(t.remindAt, now: ctx.now),
                    ]
                }
                print(Output.table(["id", "name", "org", "last contact", "losing touch since"], rows))
                return
            }
            // How each answers, in a column of its own once anyone listed has a label.
            let labelled = plan.contacts.contains { labels[$0.id] != nil }
            let rows = plan.contacts.map { c -> [String] in
                let next = pending.first { $0.contact == c.id }
                return [
                    c.id, Printable.escaped(c.name), Printable.escaped(c.org ?? ""), c.stage(at: ctx.now).rawValue,
                ] + (labelled ? [labels[c.id]?.rawValue ?? ""] : []) + [
                    next.map { "\($0.kind.rawValue) \(ctx.words.when($0.due, now: ctx.now))" } ?? ""
                ]
            }
            print(Output.table(["id", "name", "org", "stage"] + (labelled ? ["label"] : []) + ["next"], rows))
        }
    }
}

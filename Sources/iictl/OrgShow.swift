import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct OrgShow: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one organisation: its scores, its people and their stages, meetings, notes, names.")

        @Argument(help: "The organisation: its id or a name it answers to.", completion: Completion.employers)
        var org: String
        @Option(
            name: .customLong("as-of"),
            help: "As it stood at this TIME (default: now): only events at or before it count.")
        var asOf: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            let now = try ctx.time(asOf)
            let plan = ctx.plan(quiet: true, asOf: asOf == nil ? nil : now)
            let book = OrgBook(events: ctx.events().filter { asOf == nil || $0.at <= now || !$0.type.isOrganisation })
            let o = try ctx.organisation(org, in: book)
            let labels = ctx.labels
            let people = EmployerList.bestFirst(book.people(at: o, in: plan.contacts), labels: labels, at: now)
            let row = EmployerList(book: book, contacts: plan.contacts, at: now, labels: labels).rows.first {
                $0.org.id == o.id
            }
            let w = ctx.words
            // Names, notes and points come from other people: no control character reaches the terminal.
            func print(_ line: String) { Swift.print(Printable.escaped(line)) }
            print("\(o.name)  [\(o.id)]  \(row?.status.rawValue ?? "")")
            if let industry = o.industry { print("  Industry:     \(industry)") }
            print("  Motivation:   \(o.motivation.map { "\($0) of 5" } ?? "not given")")
            print("  Postings:     \(o.postings.map { "\($0) of 3" } ?? "not given")")
            let known = people.compactMap { c in Advocacy.of(c).map { "\(c.name) (\($0.word))" } }
            print("  Advocacy:     \(known.count)" + (known.isEmpty ? "" : ": " + known.joined(separator: ", ")))
            let taken = book.namesTakenIn(by: o, from: plan.contacts)
            if !taken.isEmpty { print("  Took in:      " + taken.joined(separator: "; ")) }
            if !o.aliases.isEmpty { print("  Joined:       " + o.aliases.joined(separator: "; ")) }
            if !o.splits.isEmpty { print("  Split off:    " + o.splits.joined(separator: "; ")) }
            for n in o.notes { print("  Note: \(n)") }
            if let row { print("  Next:         " + row.nextStep(ctx.config.nextContact, words: w, now: now)) }
            guard !people.isEmpty else {
                print("  Nobody there yet: 'iictl add NAME --org \"\(o.name)\"' adds someone.")
                return
            }
            Swift.print("")
            let rows = people.map { c -> [String] in
                let held = c.meetings.filter(\.held)
                return [
                    c.id, Printable.escaped(c.name), c.stage(at: now).rawValue,
                    held.isEmpty ? "-" : held.map { w.day($0.start, now: now) }.joined(separator: ", "),
                    Advocacy.of(c)?.word ?? "", labels.label(of: c, at: now)?.label.rawValue ?? "",
                ]
            }
            Swift.print(Output.table(["id", "name", "stage", "met", "known as", "answers"], rows))
            for c in people {
                for n in c.notes { print("  \(c.name): \(n)") }
                for m in c.meetings where m.held {
                    for p in m.points { print("  \(c.name), meeting \(m.number): \(p)") }
                }
            }
        }
    }
}

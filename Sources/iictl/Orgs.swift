import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Orgs: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "orgs",
            abstract: "List the organisations you target, ranked by Motivation, Postings and Advocacy.",
            discussion: """
                Motivation (1-5) and Postings (0-3) are yours to give (iictl org add/edit); Advocacy counts \
                the people you know there: a referral, someone who answered you, a LinkedIn connection \
                (iictl import linkedin). Each row counts the people, requests and meetings held there, and \
                says the next step: nobody yet, whom to ask, whom to wait for, or worked through. \
                --by-industry counts people, organisations, requests and meetings per industry instead.
                """)

        @Option(help: "Only the first N of the ranked list.") var top: Int?
        @Option(help: "Only organisations whose industry contains this text.") var industry: String?
        @Flag(help: "People, organisations, requests and meetings per industry.") var byIndustry = false
        @Option(
            name: .customLong("as-of"),
            help: "The list as it stood at this TIME (default: now): only events at or before it count.")
        var asOf: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let top, top < 1 { throw ValidationError("--top \(top): give 1 or more") }
        }

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            let now = try ctx.time(asOf)
            let plan = ctx.plan(asOf: asOf == nil ? nil : now)
            let book = OrgBook(events: ctx.events().filter { asOf == nil || $0.at <= now || !$0.type.isOrganisation })
            if byIndustry { return printIndustries(book, plan) }
            let labels = ctx.labels
            var rows = EmployerList(book: book, contacts: plan.contacts, at: now, labels: labels).rows
            if let industry {
                rows = rows.filter { $0.org.industry?.lowercased().contains(industry.lowercased()) ?? false }
            }
            if let top { rows = Array(rows.prefix(top)) }
            let rule = ctx.config.nextContact
            if json {
                Output.json(
                    rows.map { Self.json($0, rule: rule, words: ctx.words, labels: labels, now: now) } as [Any?])
                return
            }
            if rows.isEmpty {
                print(
                    book.organisations.isEmpty
                        ? "No organisations on your list yet. Add one: iictl org add \"Acme Analytics\" --motivation 4"
                        : "No organisations match.")
                return
            }
            // Whom you know there and how they answer, in a column once anyone is known anywhere.
            let known = rows.map { Self.known($0, labels: labels, now: now) }
            let shown = known.contains { !$0.isEmpty }
            let table = rows.enumerated().map { n, r -> [String] in
                [
                    "\(n + 1)", r.org.id, Printable.escaped(r.org.name), r.org.motivation.map(String.init) ?? "-",
                    r.org.postings.map(String.init) ?? "-", "\(r.advocacy)", "\(r.people.count)", "\(r.requests)",
                    "\(r.meetings)",
                ] + (shown ? [Printable.escaped(Self.knownText(known[n]))] : []) + [
                    Printable.escaped(r.nextStep(rule, words: ctx.words, now: now))
                ]
            }
            print(
                Output.table(
                    ["#", "id", "name", "m", "p", "a", "people", "requests", "meetings"] + (shown ? ["known"] : [])
                        + ["next"], table))
        }

        func printIndustries(_ book: OrgBook, _ plan: Planner.Plan) {
            var rows = EmployerList.byIndustry(book: book, contacts: plan.contacts)
            if let industry {
                rows = rows.filter { $0.industry?.lowercased().contains(industry.lowercased()) ?? false }
            }
            if let top { rows = Array(rows.prefix(top)) }
            if json {
                Output.json(rows.map(Self.json) as [Any?])
                return
            }
            Self.printIndustries(rows)
        }

        /// The industries as a table, or that there are none; `stats --by-industry` prints it too.
        static func printIndustries(_ rows: [IndustryRow]) {
            guard !rows.isEmpty else { return print("No people or organisations yet.") }
            let table = rows.map { r in
                [
                    Printable.escaped(r.industry ?? "(none)"), "\(r.people)", "\(r.organisations)", "\(r.requests)",
                    "\(r.meetings)",
                ]
            }
            print(Output.table(["industry", "people", "organisations", "requests", "meetings"], table))
        }

        /// One industry as `--json` prints it, here and in `stats --json`.
        static func json(_ r: IndustryRow) -> JSONObject {
            JSONObject([
                ("industry", r.industry), ("people", r.people), ("organisations", r.organisations),
                ("requests", r.requests), ("meetings", r.meetings),
            ])
        }

        /// One row as `--json` prints it: the organisation, its scores and figures, its people
        /// (best to ask first), whom you know there and how they answer, and the next step.
        static func json(
            _ r: EmployerRow, rule: NextContact, words: Wording, labels: Responsiveness.Rule, now: Date
        ) -> JSONObject {
            JSONObject([
                ("id", r.org.id), ("name", r.org.name), ("industry", r.org.industry),
                ("motivation", r.org.motivation), ("postings", r.org.postings), ("advocacy", r.advocacy),
                ("people", r.people.map(\.id)),
                (
                    "known",
                    known(r, labels: labels, now: now).map { k in
                        JSONObject([
                            ("id", k.person.id), ("name", k.person.name), ("advocacy", Advocacy.of(k.person)?.word),
                            ("label", k.label?.rawValue),
                        ])
                    } as [Any?]
                ),
                ("requests", r.requests), ("meetings", r.meetings),
                ("status", r.status.rawValue), ("next", r.nextStep(rule, words: words, now: now)),
            ])
        }

        /// The people at `r` you know (Advocacy) or who have answered or not (a label), best first.
        static func known(_ r: EmployerRow, labels: Responsiveness.Rule, now: Date) -> [(
            person: ContactRecord, label: Responsiveness?
        )] {
            r.people.compactMap { c in
                let label = labels.label(of: c, at: now)?.label
                return Advocacy.of(c) != nil || label != nil ? (c, label) : nil
            }
        }

        /// `Jane Doe (booster), Dan Ode +1`: the first two known, with their labels.
        static func knownText(_ known: [(person: ContactRecord, label: Responsiveness?)]) -> String {
            let named = known.prefix(2).map { k in k.person.name + (k.label.map { " (\($0.rawValue))" } ?? "") }
            return named.joined(separator: ", ") + (known.count > 2 ? " +\(known.count - 2)" : "")
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",
            abstract: "The campaign: the funnel, reply rate, days from request to meeting, prompt thank-yous.",
            discussion: """
                --week compares this week (Monday 00:00 to Monday 00:00 in your zone) with the goals in your \
                config (goals: {requests: 5, meetings: 2}) and counts the weeks met in a row. --by-org and \
                --by-industry count people, requests and meetings per organisation on your list and per \
                industry; --json carries all of them.
                """)

        @Flag(help: "This week's requests and meetings against your goals, and the weeks met in a row.") var week =
            false
        @Flag(help: "People, requests and meetings per organisation on your list.") var byOrg = false
        @Flag(help: "People, organisations, requests and meetings per industry.") var byIndustry = false
        @Option(
            name: .customLong("as-of"),
            help: "The figures as they stood at this TIME (default: now): only events at or before it count.")
        var asOf: String?
        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global, readOnly: true)
            let now = try ctx.time(asOf)
            let plan = ctx.plan(asOf: asOf == nil ? nil : now)
            let book = OrgBook(events: ctx.events().filter { asOf == nil || $0.at <= now || !$0.type.isOrganisation })
            let progress = GoalProgress(
                goals: ctx.config.goals ?? Goals(), contacts: plan.contacts, now: now, zone: ctx.zone)
            let orgs = EmployerList(book: book, contacts: plan.contacts, at: now).rows
            let industries = EmployerList.byIndustry(book: book, contacts: plan.contacts)
            if json {
                let stats = CampaignStats(plan.contacts)
                var fields = stats.json.pairs
                fields.append(("by_org", orgs.map(Self.json) as [Any?]))
                fields.append(("by_industry", industries.map(Orgs.json) as [Any?]))
                if week || ctx.config.goals != nil { fields.append(("week", progress.json(in: ctx.zone))) }
                Output.json(JSONObject(fields))
                return
            }
            // Each section asked for, in this order, a blank line between; the campaign without any.
            var sections: [() -> Void] = []
            if week {
                sections.append { printWeek(progress, ctx: ctx, now: now) }
            }
            if byOrg { sections.append { printOrgs(orgs, listed: !book.organisations.isEmpty) } }
            if byIndustry { sections.append { Orgs.printIndustries(industries) } }
            if sections.isEmpty { sections.append { printCampaign(plan) } }
            for (n, section) in sections.enumerated() {
                if n > 0 { print("") }
                section()
            }
        }

        func printCampaign(_ plan: Planner.Plan) {
            let stats = CampaignStats(plan.contacts)
            print(stats.chart())
            func pct(_ v: Double?) -> String { v.map { Digits.fixed($0 * 100, places: 0) + "%" } ?? "n/a" }
            print("")
            print("Reply rate:                       \(pct(stats.replyRate))")
            print(
                "Median days, request to meeting:  \(stats.medianDaysToMeeting.map { Digits.fixed($0, places: 1) } ?? "n/a")"
            )
            print("Thank-you notes within two days:  \(pct(stats.thankedWithinTwoDays))")
            print("Meetings from referrals:          \(stats.heldFromReferrals)")
            let chain = stats.longestChain.map { plan.contact($0)?.name ?? $0 }
            print(
                "Longest referral chain:           "
                    + (chain.isEmpty
                        ? "none yet" : "\(chain.count) people: " + Printable.escaped(chain.joined(separator: " → "))))
        }

        /// This week against the goals; without goals, the figures and where to set them.
        func printWeek(_ p: GoalProgress, ctx: Context, now: Date) {
            let words = ctx.words
            print("This week: \(words.day(p.week.start, now: now)) to \(words.day(p.week.end, now: now))")
            guard ctx.config.goals != nil else {
                let file = Printable.escaped(ctx.loaded.path ?? ctx.loaded.searchedPath)
                print("Requests:   \(p.week.requests)")
                print("Meetings:   \(p.week.meetings)")
                print("No goals set: add goals: {requests: 5, meetings: 2} to \(file) (man 5 iid.yaml).")
                return
            }
            func row(_ label: String, _ done: Int, _ goal: Int?) {
                guard let goal else { return print("\(label)\(done) (no goal)") }
                print("\(label)\(done) of \(goal)\(done >= goal ? "  met" : "")")
            }
            row("Requests:   ", p.week.requests, p.goals.requests)
            row("Meetings:   ", p.week.meetings, p.goals.meetings)
            print(
                "Last week:  \(GoalProgress.against(p.goals, p.lastWeek))"
                    + (p.lastWeek.met(p.goals) ? " (met)" : " (not met)"))
            print("Streak:     \(p.streakText)")
        }

        func printOrgs(_ rows: [EmployerRow], listed: Bool) {
            guard listed else {
                return print("No organisations on your list yet. Add one: iictl org add \"Acme Analytics\"")
            }
            let table = rows.map { r in
                [
                    r.org.id, Printable.escaped(r.org.name), "\(r.people.count)", "\(r.advocacy)", "\(r.requests)",
                    "\(r.meetings)",
                ]
            }
            print(Output.table(["id", "name", "people", "advocacy", "requests", "meetings"], table))
        }

        static func json(_ r: EmployerRow) -> JSONObject {
            JSONObject([
                ("id", r.org.id), ("name", r.org.name), ("industry", r.org.industry), ("people", r.people.count),
                ("advocacy", r.advocacy), ("requests", r.requests), ("meetings", r.meetings),
            ])
        }

    }
}

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
            abstract: "The campaign: the funnel, reply rate, days from request to meeting, prompt thank-yous.")

        @Flag(help: "Print JSON.") var json = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let plan = ctx.plan()
            let stats = CampaignStats(plan.contacts)
            if json {
                Output.json(stats.json)
                return
            }
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
    }
}

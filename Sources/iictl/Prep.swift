import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Prep: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prep",
            abstract: "Print a one-page preparation sheet for the meeting.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            IICtl.Draft.show(
                Scripts(config: ctx.config, zone: ctx.zone).prep(c, now: ctx.now, referrals: plan.referralNames(for: c))
            )
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Script: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "script",
            abstract: "What to say on the phone: your 15 seconds, the ask for 20 minutes, the topics.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            IICtl.Draft.show(
                Scripts(config: ctx.config, zone: ctx.zone).phone(c, referrals: plan.referralNames(for: c)))
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Draft {
    struct LinkedIn: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "linkedin",
            abstract: "Print a LinkedIn connection note of at most 300 characters, naming the referrer if any.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            IICtl.Draft.show(LinkedInNote(config: ctx.config).text(c, referrals: plan.referralNames(for: c)) + "\n")
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Draft {
    struct RequestEmail: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Print the meeting request as an email: subject and body, opening with the referrer if any.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            let mail = Scripts(config: ctx.config, zone: ctx.zone).requestEmail(
                c, referrals: plan.referralNames(for: c))
            IICtl.Draft.showMail(to: c, subject: mail.subject, body: mail.body)
        }
    }
}

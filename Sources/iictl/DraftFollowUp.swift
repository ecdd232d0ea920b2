import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Draft {
    struct FollowUp: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "follow-up",
            abstract: "Print the next follow-up of the open meeting request as an email, shorter each time.",
            discussion: """
                The follow-up to send next (reminders.follow-up.sequence), naming the request and its \
                day; refused when there is no open request, when they replied or declined, or when every \
                follow-up went out.
                """)

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Option(help: ArgumentHelp("Which follow-up: 1 for the first, 2 for the second.", valueName: "N"))
        var step: Int?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            let draft = FollowUpDraft(config: ctx.config, zone: ctx.zone)
            switch draft.step(for: c, asked: step, now: ctx.now) {
            case .failure(let refusal): throw Failure(Printable.escaped(refusal.description))
            case .success(let step):
                let mail = draft.mail(c, step: step, referrals: plan.referralNames(for: c), now: ctx.now)
                IICtl.Draft.showMail(to: c, subject: mail.subject, body: mail.body)
            }
        }
    }
}

import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Draft {
    struct KeepInTouch: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "keep-in-touch",
            abstract: "Print a keep-in-touch note: an update, or an article to share, naming your last conversation.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Option(help: "An article to share, relating to a topic you discussed.") var article: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            let draft = KeepInTouchDraft(config: ctx.config, zone: ctx.zone)
            if let refusal = draft.refusal(c) { throw Failure(Printable.escaped(refusal.description)) }
            IICtl.Draft.show(draft.text(c, referrals: plan.referralNames(for: c), article: article))
        }
    }
}

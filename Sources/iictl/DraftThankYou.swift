import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Draft {
    struct ThankYou: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "thank-you",
            abstract:
                "Print a draft of the thank-you note, with the points recorded at the meeting and the people they suggested whom you contacted since."
        )

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Option(help: "An article to enclose, relating to a topic you discussed.") var article: String?
        @Flag(help: "Lay it out as a letter for regular mail: addresses, date, salutation, closing.") var letter = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            let meeting = c.meetings.last { !$0.cancelled && $0.held } ?? c.meetings.last { !$0.cancelled }
            // The note thanks for a meeting in the past tense: not before it took place.
            if let m = meeting, !m.held, m.start > ctx.now {
                throw Failure(
                    "the meeting with \(Printable.escaped(c.name)) is \(ctx.words.when(m.start, now: ctx.now)): draft the thank-you once it took place (`iictl held \(c.id)`)"
                )
            }
            let referrals = plan.referralNames(for: c)
            if letter {
                IICtl.Draft.show(
                    Scripts(config: ctx.config, zone: ctx.zone).letter(
                        c, meeting: meeting, date: ctx.now, article: article, referrals: referrals))
            } else {
                IICtl.Draft.show(
                    ThankYouDraft(config: ctx.config, zone: ctx.zone).text(
                        contact: c, meeting: meeting, article: article, referrals: referrals))
            }
        }
    }
}

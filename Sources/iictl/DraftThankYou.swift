import ArgumentParser
import Foundation
import IIDCore

extension IICtl.Draft {
    struct ThankYou: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "thank-you",
            abstract: "Print a draft of the thank-you note, with the points recorded at the meeting.")

        @Argument(help: "The contact id.") var contact: String
        @Option(help: "An article to enclose, relating to a topic you discussed.") var article: String?
        @Flag(help: "Lay it out as a letter for regular mail: addresses, date, salutation, closing.") var letter = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let plan = ctx.plan(quiet: true)
            let c = try ctx.contact(contact, in: plan)
            let meeting = c.meetings.last { !$0.cancelled && $0.held } ?? c.meetings.last { !$0.cancelled }
            if letter {
                print(
                    Scripts(config: ctx.config, zone: ctx.zone).letter(
                        c, meeting: meeting, date: ctx.now, article: article), terminator: "")
            } else {
                print(
                    ThankYouDraft(config: ctx.config, zone: ctx.zone).text(
                        contact: c, meeting: meeting, article: article), terminator: "")
            }
        }
    }
}

import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print a draft of the thank-you note, with the points recorded at the meeting.")

        @Argument(help: "The contact id.") var contact: String
        @Option(help: "An article to enclose, relating to a topic you discussed.") var article: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            try perform {
                let ctx = try Context(global)
                let plan = ctx.plan(quiet: true)
                let c = try ctx.contact(contact, in: plan)
                let meeting = c.meetings.last { !$0.cancelled && $0.held } ?? c.meetings.last { !$0.cancelled }
                print(
                    ThankYouDraft(config: ctx.config, zone: ctx.zone).text(
                        contact: c, meeting: meeting, article: article), terminator: "")
            }
        }
    }
}

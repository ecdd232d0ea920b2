import ArgumentParser
import Foundation
import IIDCore

extension IICtl {
    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Draft a text: the thank-you note (the default), or the meeting request as an email.",
            subcommands: [ThankYou.self, RequestEmail.self],
            defaultSubcommand: ThankYou.self)
    }
}

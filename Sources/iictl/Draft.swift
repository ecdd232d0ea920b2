import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

extension IICtl {
    struct Draft: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "draft",
            abstract:
                "Draft a text: the thank-you note (the default), the meeting request or a follow-up as an email, a LinkedIn note, a keep-in-touch update, or a report to a referrer.",
            subcommands: [
                ThankYou.self, RequestEmail.self, FollowUp.self, LinkedIn.self, KeepInTouch.self, ReportBack.self,
            ],
            defaultSubcommand: ThankYou.self)

        /// A draft on stdout: it holds other people's text (names, points), so its controls are
        /// shown escaped; its own newlines are kept.
        static func show(_ text: String) {
            print(Printable.escaped(text, newlines: true), terminator: "")
        }

        /// An email draft: `To:` when the contact has an address, the subject, and the body. The
        /// name, address and subject come from the log (the subject holds the organisation) and are
        /// escaped newlines and all: a line break in them would start a header line of its own, so
        /// each header is one line; only the body keeps its newlines.
        static func showMail(to c: ContactRecord, subject: String, body: String) {
            if let email = c.details.emails.first {
                print("To: \(Printable.escaped(c.name)) <\(Printable.escaped(email))>")
            }
            print("Subject: \(Printable.escaped(subject))\n")
            show(body)
        }
    }
}

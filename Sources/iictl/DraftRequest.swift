import ArgumentParser
import Foundation
import IIDCore

extension IICtl.Draft {
    struct RequestEmail: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request", abstract: "Print the meeting request as an email: subject and body.")

        @Argument(help: "The contact id.") var contact: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let c = try ctx.contact(contact, in: ctx.plan(quiet: true))
            let mail = Scripts(config: ctx.config, zone: ctx.zone).requestEmail(c)
            func print(_ text: String, terminator: String = "\n") {
                Swift.print(Printable.escaped(text, newlines: true), terminator: terminator)
            }
            if let email = c.email { print("To: \(Printable.escaped(c.name)) <\(email)>") }
            print("Subject: \(mail.subject)\n")
            print(mail.body, terminator: "")
        }
    }
}

import ArgumentParser
import Foundation
import IIDCore

extension IICtl.Draft {
    struct ReportBack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report-back",
            abstract: "Print a short report to a contact on how it went with the person they referred you to.",
            discussion: """
                ID is the contact who referred you. The person is the one of their report-back task \
                still open (the latest met first), or --about; refused when you have met nobody they \
                referred.
                """)

        @Argument(help: "The contact who referred you.", completion: Completion.contacts) var contact: String
        @Option(
            help: "The person they referred whom you met (default: the open report-back's).",
            completion: Completion.contacts)
        var about: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            let met = MetReferral.all(by: c.id, in: plan.contacts)
            let chosen: MetReferral
            if let about {
                let person = try ctx.contact(about, in: plan)
                guard person.referredBy == c.id else {
                    throw Failure(
                        Printable.escaped(
                            "\(person.name) was not referred by \(c.name): `iictl edit \(person.id) --referred-by \(c.id)` records that they were"
                        ))
                }
                guard let m = met.first(where: { $0.id == person.id }) else {
                    throw Failure(
                        Printable.escaped(
                            "you have not met \(person.name) yet: the report comes after the meeting (`iictl held \(person.id)`)"
                        ))
                }
                chosen = m
            } else {
                let open = Set(
                    plan.tasks.filter { $0.kind == .reportBack && $0.contact == c.id }.compactMap(\.referred))
                guard let m = met.last(where: { open.contains($0.id) }) ?? met.last else {
                    let referred = plan.referrals(of: c.id)
                    throw Failure(
                        Printable.escaped(
                            referred.isEmpty
                                ? "\(c.name) referred you to nobody yet: `iictl held \(c.id) --referral \"Name, Organisation\"` records whom they suggest"
                                : "you have met nobody \(c.name) referred yet (\(referred.map(\.id).joined(separator: ", "))): the report comes after the meeting"
                        ))
                }
                chosen = m
            }
            guard let person = plan.contact(chosen.id) else { throw Failure("no contact '\(chosen.id)'") }
            let meeting = person.meetings.first { $0.held && !$0.cancelled }
            let draft = ReportBackDraft(config: ctx.config, zone: ctx.zone)
            IICtl.Draft.showMail(
                to: c, subject: draft.subject(about: person), body: draft.text(to: c, about: person, meeting: meeting))
        }
    }
}

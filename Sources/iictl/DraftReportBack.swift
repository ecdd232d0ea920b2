import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl.Draft {
    struct ReportBack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report-back",
            abstract:
                "Print a short report to a contact on how it went with the person they referred you to, or on what came of their advice.",
            discussion: """
                ID is the contact who referred or advised you. The report is the one of their \
                report-back task still open (the latest begun first), or --about a person met, or \
                --advice for the advice acted on (`iictl acted`); with none open, the latest person \
                met, else the latest advice. Refused when you have met nobody they referred and acted \
                on none of their advice.
                """)

        @Argument(help: "The contact who referred or advised you.", completion: Completion.contacts) var contact: String
        @Option(
            help: "The person they referred whom you met (default: the open report-back's).",
            completion: Completion.contacts)
        var about: String?
        @Flag(help: "The report on their advice you acted on (since the last report, else the latest).")
        var advice = false
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if advice, about != nil { throw ValidationError("--advice and --about name two reports: give one") }
        }

        /// What the report is about: a person met, or advice acted on.
        enum Subject {
            case met(MetReferral)
            case advice([ActedAdvice])
        }

        func run() throws {
            let ctx = try Context(global)
            let (c, plan) = try ctx.planned(contact)
            let draft = ReportBackDraft(config: ctx.config, zone: ctx.zone)
            switch try subject(c, plan, ctx) {
            case .advice(let pieces):
                IICtl.Draft.showMail(to: c, subject: draft.adviceSubject, body: draft.text(to: c, advice: pieces))
            case .met(let chosen):
                guard let person = plan.contact(chosen.id) else { throw Failure("no contact '\(chosen.id)'") }
                let meeting = person.meetings.first { $0.held && !$0.cancelled }
                IICtl.Draft.showMail(
                    to: c, subject: draft.subject(about: person),
                    body: draft.text(to: c, about: person, meeting: meeting))
            }
        }

        func subject(_ c: ContactRecord, _ plan: Planner.Plan, _ ctx: Context) throws -> Subject {
            let met = MetReferral.all(by: c.id, in: plan.contacts)
            // The advice not yet reported, else the latest piece: a report to write again.
            let owed = AdviceReport.owed(c)
            let pieces = owed.isEmpty ? Array(c.advice.suffix(1)) : owed
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
                return .met(m)
            }
            if advice {
                guard !pieces.isEmpty else {
                    throw Failure(
                        Printable.escaped(
                            "you have acted on no advice of \(c.name)'s yet: `iictl acted \(c.id) TEXT` records what you did"
                        ))
                }
                return .advice(pieces)
            }
            // The open report begun latest: a person met, or the advice acted on.
            let open = plan.tasks.filter { $0.kind == .reportBack && $0.contact == c.id }
            if let latest = open.max(by: { ($0.anchor, $0.id) < ($1.anchor, $1.id) }) {
                if latest.isAdviceReport { return .advice(owed) }
                if let m = met.last(where: { $0.id == latest.referred }) { return .met(m) }
            }
            if let m = met.last { return .met(m) }
            if !pieces.isEmpty { return .advice(pieces) }
            let referred = plan.referrals(of: c.id)
            throw Failure(
                Printable.escaped(
                    referred.isEmpty
                        ? "\(c.name) referred you to nobody yet and you have acted on none of their advice: `iictl held \(c.id) --referral \"Name, Organisation\"` records whom they suggest, `iictl acted \(c.id) TEXT` what you did on their advice"
                        : "you have met nobody \(c.name) referred yet (\(referred.map(\.id).joined(separator: ", "))): the report comes after the meeting; `iictl acted \(c.id) TEXT` records what you did on their advice"
                ))
        }
    }
}

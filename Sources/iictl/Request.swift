import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Request: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "Record that you asked the contact for a meeting (a follow-up is due if none is scheduled).",
            discussion: """
                One employer at a time: while someone at the same organisation has not answered a request, \
                asking a second person there is refused until reminders.next-contact.after (3 business days) \
                has passed; --force records it anyway, one_at_a_time: false turns the rule off.
                """)

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            try r.check(.request, c)
            let rule = OneAtATime(book: r.ctx.orgBook(), rule: r.ctx.config.nextContact, zone: r.ctx.zone)
            if !r.force, let refusal = rule.refusal(for: c, among: r.plan.contacts, at: try r.at(), now: r.ctx.now) {
                throw Failure(Printable.escaped(refusal.description))
            }
            // Asking the next person at an employer is what its next-contact tasks asked for.
            let employer = rule.employer(c.org)
            let moved = r.plan.tasks.filter { t in
                t.kind == .nextContact && t.contact != c.id && employer != nil
                    && rule.employer(r.plan.contact(t.contact)?.org) == employer
            }
            let followUp = r.ctx.config.rule(.followUp).offset.apply(to: try r.at(), in: r.ctx.zone)
            return NewEvent(
                type: .requested, contact: c.id,
                confirmation:
                    "Requested a meeting with \(c.name); follow up \(r.ctx.words.when(followUp, now: r.ctx.now)) if there is no date by then.",
                more: moved.map { t in
                    NewEvent(
                        type: .done, contact: t.contact, fill: { $0.task = t.id },
                        confirmation: "Done: \(t.id) (\(c.name) is the next person at \(t.org ?? "?")).")
                })
        }
    }
}

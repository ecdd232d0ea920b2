import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Held: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "held",
            abstract: "Record that the meeting took place, with the points worth mentioning in the thank-you note.")

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Option(name: .customLong("point"), help: "A point from the meeting you found helpful (repeatable).")
        var points: [String] = []
        @Option(
            help: """
                How long it lasted, for a meeting that was not scheduled in iid: it began at --at.
                """)
        var minutes: Int?
        @Option(
            name: .customLong("referral"),
            help:
                "Someone they suggested you talk to, as \"Name, Organisation\" (repeatable): added as referred by them."
        )
        var referrals: [String] = []
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if let minutes, !(1...1440).contains(minutes) { throw ValidationError("--minutes must be from 1 to 1440") }
        }

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            try r.check(.held(minutes: minutes), c)
            for p in points { _ = try r.text(p, "point") }
            let due = r.ctx.config.rule(.thankYou).due
            // Minutes describe a meeting held without being scheduled; a scheduled one keeps its own.
            let unscheduled = c.upcomingMeeting == nil ? minutes : nil
            let (more, notices) = try referralEvents(from: c, r)
            return NewEvent(
                type: .held, contact: c.id,
                fill: { e in
                    e.points = points.isEmpty ? nil : points
                    e.minutes = unscheduled
                },
                confirmation: ([
                    "Recorded the meeting with \(c.name). Send a thank-you note within \(due) (iictl draft \(c.id))."
                ]
                    + notices).joined(separator: "\n"),
                more: more)
        }

        /// Each `--referral` as a new contact referred by `c`; someone already known (`SamePerson`:
        /// name and organisation, as `add` and the imports decide it) is linked to `c` instead, unless
        /// another contact referred them first, it is `c`, or it would close a loop of referrals.
        func referralEvents(from c: ContactRecord, _ r: Recording) throws -> (events: [NewEvent], notices: [String]) {
            var taken = Set(r.plan.contacts.map(\.id))
            var out: [NewEvent] = []
            var notices: [String] = []
            let book = referrals.isEmpty ? OrgBook(organisations: []) : OrgBook(events: r.ctx.events())
            for text in referrals {
                let parts = text.split(separator: ",", maxSplits: 1, omittingEmptySubsequences: false)
                let name = parts[0].trimmingWhitespace()
                let org = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
                guard !name.isEmpty else {
                    throw Failure(
                        "--referral '\(text)' has no name: write \"Name, Organisation\", e.g. \"Bob Stone, Acme\"")
                }
                let details = ContactDetails(name: name, org: org.isEmpty ? nil : org, referredBy: c.id)
                switch SamePerson.verdict(details, among: r.plan.contacts, book: book) {
                case .known(let known):
                    if known.id == c.id {
                        notices.append("\(known.label) is the person you met: not referred by themselves.")
                    } else if let by = known.referredBy, !by.isEmpty {
                        notices.append("\(known.label) is already a contact (\(known.id)), referred by \(by).")
                    } else if ReferralChain.referrers(of: c.id, in: r.plan.contacts).contains(known.id) {
                        notices.append("\(known.label) (\(known.id)) referred \(c.name): not linked back, a loop.")
                    } else {
                        out.append(
                            NewEvent(
                                type: .updated, contact: known.id, fill: { $0.referredBy = c.id },
                                confirmation:
                                    "\(known.label) is already a contact (\(known.id)): now referred by \(c.name)."))
                    }
                case .ambiguous(let all):
                    notices.append(
                        "\(name) fits several contacts (\(all.map(\.id).joined(separator: ", "))): not added; `iictl edit ID --referred-by \(c.id)` links the one meant."
                    )
                case .new(let namesakes):
                    let id = ContactID.unique(for: name, taken: taken)
                    taken.insert(id)
                    out.append(
                        NewEvent(
                            type: .added, contact: id, fill: { $0.details = details },
                            confirmation:
                                "Added \(details.org.map { "\(name) (\($0))" } ?? name) as \(id), referred by \(c.name)"
                                + (SamePerson.namesakesPhrase(namesakes).map { "; \($0)." } ?? ".")))
                }
            }
            return (out, notices)
        }
    }
}

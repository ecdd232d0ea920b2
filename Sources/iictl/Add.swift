import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Add: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a person to approach; prints the new contact's id.")

        @Argument(help: "The person's full name.") var name: String
        @Option(help: "Their organisation.", completion: Completion.organisations) var org: String?
        @Option(help: "Their industry.") var industry: String?
        @Option(help: "Their email address; give --email again for each further address.") var email: [String] = []
        @Option(help: "A free note: how you know them, what to ask.") var note: String?
        @Option(
            help: "The contact who suggested them: the request will open with their name.",
            completion: Completion.contacts)
        var referredBy: String?
        @Option(help: "How often to keep in touch with them (60d, 6w; never), instead of reminders.keep-in-touch.")
        var cadence: String?
        @Option(help: "The contact id to use (default: made from the name, e.g. jane-doe).") var id: String?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if name.trimmingSpaces().isEmpty { throw ValidationError("the name must not be empty") }
            if let id, !ContactID.isValid(id) {
                throw ValidationError("'\(id)' is not a valid id: use letters, digits, '-' and '_'")
            }
        }

        func newEvent(_ r: Recording) throws -> NewEvent {
            let taken = Set(r.plan.contacts.map(\.id))
            if let id, taken.contains(id) { throw Failure("contact '\(id)' exists already") }
            for address in email { if let problem = EmailAddress.problem(address) { throw Failure(problem) } }
            var details = ContactDetails(
                name: name, org: org, industry: industry, email: email.isEmpty ? nil : ContactDetails.emails(email))
            if let cadence { details.cadence = try Edit.cadence(cadence) }
            if let referredBy { details.referredBy = try Edit.referrer(referredBy, for: nil, r) }
            let verdict = SamePerson.verdict(details, among: r.plan.contacts, book: OrgBook(events: r.ctx.events()))
            if !r.force, let why = refusal(verdict) { throw Failure(why) }
            let newID = id ?? ContactID.unique(for: name, taken: taken)
            var notice: String?
            if case .new(let namesakes) = verdict, let others = SamePerson.namesakesPhrase(namesakes) {
                notice = "added \(newID): \(SamePerson.described(details)); \(others)"
            }
            return NewEvent(
                type: .added, contact: newID,
                fill: { e in
                    e.details = details
                    e.text = note
                },
                // Only the id, so that scripts can capture it; the namesake goes to stderr.
                confirmation: newID, notice: notice)
        }

        /// Why the person is not added (`SamePerson`): they are a contact already, or the details
        /// fit several; nil for someone new, namesake or not.
        func refusal(_ verdict: SamePerson.Verdict) -> String? {
            switch verdict {
            case .known(let c) where SamePerson.folded(c.name) != SamePerson.folded(name):
                return
                    "\(c.label) is already a contact: \(c.id), with that email address or profile; add --force to add another person"
            case .known(let c):
                return "\(c.label) is already a contact: \(c.id); add --force to add a second person of that name"
            case .ambiguous(let all):
                return
                    "\(all[0].name) is already a contact: \(all.map(\.id).joined(separator: ", ")); give an --org or --email that tells them apart, or add --force to add another"
            case .new: return nil
            }
        }
    }
}

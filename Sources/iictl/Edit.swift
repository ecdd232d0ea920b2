import ArgumentParser
import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    struct Edit: RecordingCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change a contact's details, cadence or referrer, or add a note (an `updated` event).",
            discussion: """
                Only what you give changes; an empty value ("") clears a detail. --cadence takes a duration (60d, 6w, 3bd), `never` for no \
                keep-in-touch reminders, or `default` for reminders.keep-in-touch.
                """)

        @Argument(help: "The contact id.", completion: Completion.contacts) var contact: String
        @Option(help: "Their full name.") var name: String?
        @Option(help: "Their organisation.", completion: Completion.organisations) var org: String?
        @Option(help: "Their industry.") var industry: String?
        @Option(help: "Their position.") var position: String?
        @Option(help: "Their email address, in place of every one known; give it again for more.") var email: [String] =
            []
        @Option(help: "Another email address for them; may be given more than once.") var addEmail: [String] = []
        @Option(help: "An email address of theirs to forget; may be given more than once.") var removeEmail: [String] =
            []
        @Option(help: "Their phone number.") var phone: String?
        @Option(help: "Their postal address (lines separated by newlines).") var address: String?
        @Option(help: "Their profile URL.") var url: String?
        @Option(help: "How often to keep in touch: a duration, never, or default.") var cadence: String?
        @Option(help: "The contact who suggested them, or none.", completion: Completion.contacts) var referredBy:
            String?
        @Option(help: "A note to add.") var note: String?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        /// The addresses after `--email`, `--add-email` and `--remove-email`, as the one `email`
        /// detail (`ContactDetails.emails`); nil when none of them is given. Removing an address the
        /// contact does not have is a slip, reported with the ones it has.
        func emails(_ c: ContactRecord) throws -> String? {
            if email.isEmpty && addEmail.isEmpty && removeEmail.isEmpty { return nil }
            if email == [""] { return "" }
            for address in email + addEmail {
                if let problem = EmailAddress.problem(address) { throw Failure(problem) }
            }
            var list = email.isEmpty ? c.details.emails : email
            for address in addEmail where !list.contains(where: { $0.lowercased() == address.lowercased() }) {
                list.append(address)
            }
            for address in removeEmail {
                guard let i = list.firstIndex(where: { $0.lowercased() == address.lowercased() }) else {
                    let known = c.details.emails
                    throw Failure(
                        "\(c.name) has no address '\(Printable.escaped(address))'"
                            + (known.isEmpty ? "" : "; known: \(known.joined(separator: ", "))"))
                }
                list.remove(at: i)
            }
            return ContactDetails.emails(list)
        }

        func newEvent(_ r: Recording) throws -> NewEvent {
            let c = try r.contact(contact)
            var update = ContactDetails(
                name: name, org: org, industry: industry, email: try emails(c), phone: phone, address: address,
                url: url, position: position)
            if let name, name.trimmingSpaces().isEmpty {
                throw Failure("the name must not be empty")
            }
            if let cadence { update.cadence = try Self.cadence(cadence) }
            if let referredBy { update.referredBy = try Self.referrer(referredBy, for: c.id, r) }
            let note = try note.map { try r.text($0, "note") }
            var changed = update.changes(from: c.details)
            // Clearing what is not there changes nothing.
            for field in ContactDetails.Field.all where changed[field] == "" && c.details[field] == nil {
                changed[field] = nil
            }
            let renamed = name.map { $0 != c.name } ?? false
            var fields = ContactDetails.Field.all.filter { changed[$0] != nil }.map { $0.label.lowercased() }
            if renamed { fields.insert("name", at: 0) }
            if note != nil { fields.append("a note") }
            guard !fields.isEmpty else {
                throw Failure(
                    "nothing to change for \(c.name): give --name, --org, --industry, --position, --email, --add-email, --remove-email, --phone, --address, --url, --cadence, --referred-by or --note with a new value"
                )
            }
            var details = changed
            if renamed { details.name = name }
            return NewEvent(
                type: .updated, contact: c.id,
                fill: { e in
                    e.details = details
                    e.text = note
                },
                confirmation: "Updated \(c.name): \(fields.joined(separator: ", ")).")
        }

        /// `--cadence` as the log keeps it; a bad value names the forms that fit.
        static func cadence(_ text: String) throws -> String {
            do {
                return try Cadence.stored(text)
            } catch {
                throw Failure(
                    "--cadence '\(Printable.escaped(text))' \(error.reason); use e.g. 60d, 6w, 3bd, never or default")
            }
        }

        /// The referrer's id (a unique prefix is enough), or "" for `none`; nobody refers
        /// themselves, or someone they referred (a loop has no first door).
        static func referrer(_ id: String, for contact: String?, _ r: Recording) throws -> String {
            if contact != nil, id.lowercased() == "none" { return "" }
            let referrer = try r.contact(id)
            guard let contact else { return referrer.id }
            if referrer.id == contact { throw Failure("\(referrer.name) cannot be their own referrer") }
            if ReferralChain.referrers(of: referrer.id, in: r.plan.contacts).contains(contact) {
                throw Failure(
                    "\(referrer.name) was referred through \(contact) already: a referral loop; `--referred-by none` clears a referrer"
                )
            }
            return referrer.id
        }
    }
}

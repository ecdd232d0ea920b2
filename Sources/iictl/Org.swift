import ArgumentParser
import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension IICtl {
    /// `iictl org …`: the employer list, one organisation at a time. Its events (`org_added`,
    /// `org_updated`, `org_alias`) go into the log like a person's, so `log` and `undo` know them.
    struct Org: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "org",
            abstract: "Keep the list of organisations you target: add, edit, show, and join or split names.",
            discussion: """
                People meet an organisation by name, folded by one rule: case, accents, punctuation and \
                legal forms (GmbH, Inc., Ltd, LLC, AG, S.A., …) do not count, and "(formerly X)" names X too. \
                'iictl org alias' joins a name the rule cannot, and takes one back with --split. \
                See 'iictl orgs' for the ranked list.
                """,
            subcommands: [OrgAdd.self, OrgEdit.self, OrgShow.self, OrgAlias.self])
    }
}

/// Options shared by `org add` and `org edit`.
struct OrgScoreOptions: ParsableArguments {
    @Option(help: "Its industry.") var industry: String?
    @Option(help: "How much you want to work there, 1 (a little) to 5 (very much).") var motivation: Int?
    @Option(help: "How many fitting openings it advertises, 0 (none seen) to 3 (several).") var postings: Int?
    @Option(help: "A free note: why it interests you, what you know of it.") var note: String?

    func validate() throws {
        if let m = motivation, !OrgScores.motivation.contains(m) {
            throw ValidationError("--motivation \(m) is out of range: give 1 (a little) to 5 (very much)")
        }
        if let p = postings, !OrgScores.postings.contains(p) {
            throw ValidationError("--postings \(p) is out of range: give 0 (no openings seen) to 3 (several)")
        }
        if let note, note.trimmingWhitespace().isEmpty {
            throw ValidationError("the note is empty: write it in quotes, e.g. \"Hiring data engineers in Berlin\"")
        }
    }
}

extension Context {
    /// The employer list as the log stands.
    func orgBook() -> OrgBook { OrgBook(events: events()) }

    /// The organisation `text` names (id, unique id prefix, or a name it answers to), or a failure
    /// with the closest ids.
    func organisation(_ text: String, in book: OrgBook) throws -> Organisation {
        if let o = book.find(text) { return o }
        let ids = book.organisations.map(\.id)
        let close = Suggestion.closest(to: OrgID.short(text), in: ids)
        let hint =
            ids.isEmpty
            ? "your list is empty: 'iictl org add NAME' puts one on it"
            : close.isEmpty ? "see 'iictl orgs'" : "did you mean \(close.joined(separator: ", "))?"
        throw Failure("no organisation '\(Printable.escaped(text))' on your list; \(hint)")
    }

    /// Appends an organisation's event under the writer lock; `make` decides it from the list as
    /// the log stands, and returns the confirmation.
    func recordOrg(
        at atText: String?, force: Bool, _ make: (OrgBook, Planner.Plan, Date) throws -> (Event, String)
    ) throws -> String {
        try locked {
            let at = try time(atText)
            try check(nil, nil, at: at, force: force)
            let (event, line) = try make(orgBook(), plan(quiet: true), at)
            try append(event, failing: "could not record the event")
            return line
        }
    }

    func newOrgEvent(_ type: EventType, _ id: String, at: Date) -> Event {
        Event(id: EventStore.newEventID(at: now), at: at, type: type, contact: OrgID.prefix + id)
    }
}

/// `Jane Doe, Dan Roe and 2 more`: people named in a confirmation, not a wall of names.
func peopleNamed(_ people: [ContactRecord], most: Int = 3) -> String {
    let names = people.prefix(most).map(\.name)
    let more = people.count - names.count
    return names.joined(separator: ", ") + (more > 0 ? " and \(more) more" : "")
}

extension IICtl {
    struct OrgAdd: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add", abstract: "Put an organisation on your list; says whom you know there already.")

        @Argument(help: "Its name, as you write it.") var name: String
        @OptionGroup var scores: OrgScoreOptions
        @Option(help: "The id to use (default: made from the name, e.g. acme-analytics).") var id: String?
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if OrgName.key(name).isEmpty { throw ValidationError("the name must have a letter or digit") }
            if let id, !ContactID.isValid(id) {
                throw ValidationError("'\(id)' is not a valid id: use letters, digits, '-' and '_'")
            }
        }

        func run() throws {
            let ctx = try Context(global)
            let line = try ctx.recordOrg(at: record.at, force: record.force) { book, plan, at in
                let taken = Set(book.organisations.map(\.id))
                if let id, taken.contains(id) { throw Failure("organisation '\(id)' is on your list already") }
                if !record.force, let same = book.organisation(for: name) {
                    throw Failure(
                        "\(same.name) is on your list already (\(same.id)), and '\(name)' names it too; 'iictl org edit \(same.id)' changes it, --force adds a second one"
                    )
                }
                let newID = id ?? ContactID.unique(for: name, taken: taken)
                var e = ctx.newOrgEvent(.orgAdded, newID, at: at)
                e.name = name
                e.industry = scores.industry
                e.motivation = scores.motivation
                e.postings = scores.postings
                e.text = scores.note
                var org = Organisation(id: newID, name: name)
                org.industry = scores.industry
                let after = OrgBook(organisations: book.organisations + [org])
                let people = EmployerList.bestFirst(after.people(at: org, in: plan.contacts))
                let known =
                    people.isEmpty
                    ? "nobody there yet; 'iictl add NAME --org \"\(name)\"' adds someone"
                    : "\(people.count) \(people.count == 1 ? "person" : "people") there already: \(peopleNamed(people))"
                return (e, "Added \(name) (\(newID)): \(known).")
            }
            print(Printable.escaped(line))
        }
    }

    struct OrgEdit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Change an organisation's name, industry or scores, or add a note (an `org_updated` event).",
            discussion: "Only what you give changes; --industry \"\" clears it.")

        @Argument(help: "The organisation: its id or a name it answers to.", completion: Completion.employers)
        var org: String
        @Option(help: "Its name.") var name: String?
        @OptionGroup var scores: OrgScoreOptions
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ctx = try Context(global)
            let line = try ctx.recordOrg(at: record.at, force: record.force) { book, _, at in
                let o = try ctx.organisation(org, in: book)
                if let name, name.trimmingSpaces().isEmpty {
                    throw Failure("the name must not be empty")
                }
                var e = ctx.newOrgEvent(.orgUpdated, o.id, at: at)
                var fields: [String] = []
                if let name, name != o.name {
                    e.name = name
                    fields.append("name")
                }
                if let industry = scores.industry, industry != (o.industry ?? "") {
                    e.industry = industry
                    fields.append("industry")
                }
                if let m = scores.motivation, m != o.motivation {
                    e.motivation = m
                    fields.append("motivation")
                }
                if let p = scores.postings, p != o.postings {
                    e.postings = p
                    fields.append("postings")
                }
                if let note = scores.note {
                    e.text = note
                    fields.append("a note")
                }
                guard !fields.isEmpty else {
                    throw Failure(
                        "nothing to change for \(o.name): give --name, --industry, --motivation, --postings or --note with a new value"
                    )
                }
                return (e, "Updated \(o.name): \(fields.joined(separator: ", ")).")
            }
            print(Printable.escaped(line))
        }
    }

    struct OrgAlias: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alias",
            abstract: "Join a name to an organisation (people who write it count there), or take it back with --split.",
            discussion: """
                For example: iictl org alias acme "Acme Data" (a former name written without "formerly"); \
                iictl org alias acme "ACME Inc." --split (another firm the rule took for this one).
                """)

        @Argument(help: "The organisation: its id or a name it answers to.", completion: Completion.employers)
        var org: String
        @Argument(help: "The name as people write it.", completion: Completion.organisations) var name: String
        @Flag(help: "Take the name from the organisation: people who write exactly this no longer count there.")
        var split = false
        @OptionGroup var record: RecordOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            if OrgName.key(name).isEmpty { throw ValidationError("the name must have a letter or digit") }
        }

        func run() throws {
            let ctx = try Context(global)
            let line = try ctx.recordOrg(at: record.at, force: record.force) { book, plan, at in
                let o = try book.organisation(id: org) ?? ctx.organisation(org, in: book)
                var e = ctx.newOrgEvent(.orgAlias, o.id, at: at)
                let before = book.people(at: o, in: plan.contacts)
                if split {
                    guard book.organisation(for: name)?.id == o.id else {
                        throw Failure("'\(name)' does not count for \(o.name): nothing to split")
                    }
                    e.split = name
                    let after = OrgBook(events: ctx.events() + [e])
                    let gone = before.filter { after.organisation(for: $0.org)?.id != o.id }
                    let who =
                        gone.isEmpty
                        ? "nobody writes it yet"
                        : "\(peopleNamed(gone)) no longer \(gone.count == 1 ? "counts" : "count") there"
                    return (e, "Took '\(name)' from \(o.name): \(who).")
                }
                if book.organisation(for: name)?.id == o.id {
                    throw Failure("'\(name)' counts for \(o.name) already")
                }
                e.alias = name
                let after = OrgBook(events: ctx.events() + [e])
                let came = after.people(at: o, in: plan.contacts).filter { c in !before.contains { $0.id == c.id } }
                let who =
                    came.isEmpty
                    ? "nobody writes it yet" : "\(peopleNamed(came)) \(came.count == 1 ? "counts" : "count") there now"
                return (e, "Joined '\(name)' to \(o.name): \(who).")
            }
            print(Printable.escaped(line))
        }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One person from an import file, before matching against the log. The details read as the
/// candidate's own (`candidate.email`) through `subscript(dynamicMember:)`.
@dynamicMemberLookup
public struct ImportCandidate: Equatable, Sendable {
    public var details: ContactDetails
    /// A note to record with them, as an `added` event's text.
    public var note: String?

    public var name: String {
        get { details.name ?? "" }
        set { details.name = newValue }
    }

    public init(name: String) { details = ContactDetails(name: name) }

    public subscript<T>(dynamicMember path: WritableKeyPath<ContactDetails, T>) -> T {
        get { details[keyPath: path] }
        set { details[keyPath: path] = newValue }
    }
}

/// Reading the formats people export contacts in, and merging them into the log without duplicates.
public enum ContactImport {
    public struct Report: Sendable {
        public var added: [ImportCandidate] = []
        /// The contact id and the fields that changed.
        public var updated: [(String, ImportCandidate)] = []
        public var unchanged = 0
        /// Candidates that match several contacts, with their ids: not applied, since the file
        /// does not say which one is meant.
        public var ambiguous: [(ImportCandidate, [String])] = []
        public var skipped: [String] = []
        /// The columns used, for `csv`: what it holds → its header.
        public var columns: [(Column, String)] = []
    }

    /// LinkedIn's `Connections.csv`: a few lines of notes, then `First Name,Last Name,URL,Email Address,Company,Position,Connected On`.
    public static func linkedIn(_ text: String) throws(CSVReader.Error) -> ([ImportCandidate], [String]) {
        let rows = try CSVReader.rows(text)
        guard let headerIndex = rows.firstIndex(where: { $0.contains("First Name") && $0.contains("Last Name") }) else {
            throw CSVReader.Error(
                line: 1, message: "no header with 'First Name' and 'Last Name' (is this LinkedIn's Connections.csv?)")
        }
        let header = rows[headerIndex].map { $0.trimmingSpaces() }
        func col(_ name: String) -> Int? { header.firstIndex(of: name) }
        var out: [ImportCandidate] = []
        var skipped: [String] = []
        for row in rows[(headerIndex + 1)...] {
            func get(_ name: String) -> String? {
                guard let i = col(name), i < row.count else { return nil }
                let v = row[i].trimmingSpaces()
                return v.isEmpty ? nil : v
            }
            let name = [get("First Name"), get("Last Name")].compactMap { $0 }.joined(separator: " ")
            guard !name.isEmpty else {
                skipped.append(row.joined(separator: ","))
                continue
            }
            var c = ImportCandidate(name: name)
            c.org = get("Company")
            c.position = get("Position")
            c.email = get("Email Address")
            c.url = get("URL")
            out.append(c)
        }
        return (out, skipped)
    }

    /// What a CSV column can hold: a contact detail (the raw value is the detail's name), one half
    /// of a name, or a note.
    public enum Column: String, CaseIterable, Sendable {
        case name, first, last, org, industry, email, phone, address, position, url, note

        /// The detail the column fills, if it is one.
        public var field: ContactDetails.Field? { ContactDetails.Field(rawValue: rawValue) }

        /// Header names it is recognised by (lower-cased, spaces and punctuation ignored).
        var aliases: [String] {
            switch self {
            case .name: ["name", "fullname", "displayname", "contact"]
            case .first: ["firstname", "givenname", "first"]
            case .last: ["lastname", "familyname", "surname", "last"]
            case .org: ["organisation", "organization", "org", "company", "employer"]
            case .industry: ["industry", "sector", "field"]
            case .email: ["email", "emailaddress", "mail", "e-mail"]
            case .phone: ["phone", "telephone", "tel", "mobile", "phonenumber"]
            case .address: ["address", "postaladdress", "mailingaddress"]
            case .position: ["position", "title", "jobtitle", "role"]
            case .url: ["url", "profile", "linkedin", "website"]
            case .note: ["note", "notes", "comment"]
            }
        }
    }

    static func normalise(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { $0.isAlphanumeric })
    }

    /// Any CSV with a header; returns the candidates and which column each field came from.
    public static func csv(_ text: String) throws(CSVReader.Error) -> ([ImportCandidate], [(Column, String)], [String])
    {
        let rows = try CSVReader.rows(text)
        guard let header = rows.first else { return ([], [], []) }
        var index: [Column: Int] = [:]
        var used: [(Column, String)] = []
        for column in Column.allCases {
            let wanted = Set(column.aliases.map(normalise))
            if let i = header.firstIndex(where: { wanted.contains(normalise($0)) }) {
                index[column] = i
                used.append((column, header[i]))
            }
        }
        guard index[.name] != nil || index[.first] != nil || index[.last] != nil else {
            throw CSVReader.Error(
                line: 1,
                message:
                    "no name column: expected one of name, first name/last name (found \(header.joined(separator: ", ")))"
            )
        }
        var out: [ImportCandidate] = []
        var skipped: [String] = []
        for (n, row) in rows.dropFirst().enumerated() {
            func get(_ column: Column) -> String? {
                guard let i = index[column], i < row.count else { return nil }
                let v = row[i].trimmingWhitespace()
                return v.isEmpty ? nil : v
            }
            let name = get(.name) ?? [get(.first), get(.last)].compactMap { $0 }.joined(separator: " ")
            guard !name.isEmpty else {
                skipped.append("row \(n + 2): no name")
                continue
            }
            var c = ImportCandidate(name: name)
            for column in Column.allCases {
                if let field = column.field, field != .name { c.details[field] = get(column) }
            }
            c.note = get(.note)
            out.append(c)
        }
        return (out, used, skipped)
    }

    public static func vCard(_ text: String) -> [ImportCandidate] { VCardReader.cards(text).map(candidate) }

    /// The same from the file's bytes, which a vCard's CHARSET parameters describe.
    public static func vCard(bytes: [UInt8]) -> [ImportCandidate] { VCardReader.cards(bytes).map(candidate) }

    /// A card's fields as the contact's details; its note as the `added` event's text.
    static func candidate(_ card: VCardReader.Card) -> ImportCandidate {
        var c = ImportCandidate(name: card.name)
        c.details = ContactDetails(
            name: card.name, org: card.org, email: card.email, phone: card.phone, address: card.address,
            url: card.url, position: card.title)
        c.note = card.note
        return c
    }

    /// The existing contact a candidate is: same email, same profile URL, or same name and
    /// organisation (ignoring case, accents and extra spaces); nil when none is, or several are.
    public static func match(_ c: ImportCandidate, in contacts: [ContactRecord]) -> ContactRecord? {
        let all = matches(c, in: contacts)
        return all.count == 1 ? all[0] : nil
    }

    /// Every existing contact the candidate could be, by the first rule that finds any: email,
    /// then profile URL, then name and organisation. More than one means the file does not say
    /// which, and the candidate is not applied.
    public static func matches(_ c: ImportCandidate, in contacts: [ContactRecord]) -> [ContactRecord] {
        func same(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b, !a.isEmpty else { return false }
            return folded(a) == folded(b)
        }
        // A contact may have several addresses (`email` holds them, comma-separated): any one shared is a match.
        let candidateEmails = Set(c.details.emails.map(folded))
        let byEmail = contacts.filter { !candidateEmails.isDisjoint(with: $0.details.emails.map(folded)) }
        if !byEmail.isEmpty { return byEmail }
        let byURL = contacts.filter { same(c.url, $0.url) }
        if !byURL.isEmpty { return byURL }
        return contacts.filter {
            same(c.name, $0.name) && (same(c.org, $0.org) || (c.org.isBlank && $0.org.isBlank))
        }
    }

    /// `  Zoë  ÅNGSTRÖM ` → `zoe angstrom`: what two spellings of one name have in common.
    public static func folded(_ text: String) -> String {
        LatinFold.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The fields `match` compares beyond the name: what later candidates of the same import see of
    /// the contacts it adds or updates, while the rest is compared with the log as it was.
    static func matched(_ d: ContactDetails) -> ContactDetails {
        ContactDetails(org: d.org, email: d.email, url: d.url)
    }

    /// The events that bring the log up to date with `candidates`: `added` for new people, `updated`
    /// with only the changed fields for known ones.
    public static func plan(
        _ candidates: [ImportCandidate], existing: [ContactRecord], at: Date, newID: () -> String
    ) -> (events: [Event], report: Report) {
        var report = Report()
        var events: [Event] = []
        var known = existing
        var taken = Set(existing.map(\.id))
        for c in candidates {
            let found = matches(c, in: known)
            if found.count > 1 {
                report.ambiguous.append((c, found.map(\.id)))
                continue
            }
            if let m = found.first {
                var offered = c.details
                // An import adds the addresses it gives to those known, and takes none away: one
                // typed by hand stays when a phone's export does not have it.
                if !offered.emails.isEmpty {
                    var all = m.details.emails
                    for address in offered.emails
                    where !all.contains(where: { $0.lowercased() == address.lowercased() }) {
                        all.append(address)
                    }
                    offered.email = ContactDetails.emails(all)
                }
                let changes = offered.changes(from: m.details)
                if !changes.isEmpty {
                    var e = Event(id: newID(), at: at, type: .updated, contact: m.id)
                    e.details = changes
                    events.append(e)
                    report.updated.append((m.id, c))
                    // Later candidates of this import are matched against what the event changes.
                    if let i = known.firstIndex(where: { $0.id == m.id }) {
                        known[i].details.merge(Self.matched(changes))
                    }
                } else {
                    report.unchanged += 1
                }
            } else {
                let id = ContactID.unique(for: c.name, taken: taken)
                taken.insert(id)
                var e = Event(id: newID(), at: at, type: .added, contact: id)
                e.details = c.details
                e.text = c.note
                events.append(e)
                report.added.append(c)
                var record = ContactRecord(id: id, name: c.name)
                record.details.merge(Self.matched(c.details))
                known.append(record)
            }
        }
        return (events, report)
    }
}

extension Optional where Wrapped == String {
    /// nil or only spaces.
    var isBlank: Bool { self?.trimmingSpaces().isEmpty ?? true }
}

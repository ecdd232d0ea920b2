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
        /// People added although a contact of the same name exists (`SamePerson`): the new id,
        /// the person, and the namesakes, for the report to name.
        public var namesakes: [(String, ImportCandidate, [ContactRecord])] = []
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

    /// Whether a header names a column of email addresses: `Email`, and the numbered ones address
    /// books export, Google Contacts' `E-mail 1 - Value`, `E-mail 2 - Value`, Outlook's `E-mail
    /// Address`, `E-mail 2 Address`, `E-mail 3 Address`; never `E-mail 1 - Type` or `E-mail
    /// Display Name`, which hold no address.
    public static func isEmailHeader(_ header: String) -> Bool {
        var rest = Substring(normalise(header))
        if Column.email.aliases.map(normalise).contains(String(rest)) { return true }
        for prefix in ["email", "mail"] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            rest = rest.drop { $0.isASCII && $0.isNumber }
            for word in ["value", "address"] where rest.hasPrefix(word) { rest = rest.dropFirst(word.count) }
            return rest.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return false
    }

    /// The addresses of one cell: one, or several as Google Contacts writes them (`a@x.example :::
    /// b@y.example`) or as iid does (comma-separated).
    static func addresses(_ cell: String) -> [String] {
        cell.components(separatedBy: ":::").flatMap { $0.split(separator: ",") }.map {
            $0.trimmingWhitespace()
        }.filter { !$0.isEmpty }
    }

    /// Any CSV with a header; returns the candidates and which column each field came from. Every
    /// email column counts, in the header's order (the first address is the one iid writes to).
    public static func csv(_ text: String) throws(CSVReader.Error) -> ([ImportCandidate], [(Column, String)], [String])
    {
        let rows = try CSVReader.rows(text)
        guard let header = rows.first else { return ([], [], []) }
        var index: [Column: Int] = [:]
        var used: [(Column, String)] = []
        let emailColumns = header.indices.filter { isEmailHeader(header[$0]) }
        for column in Column.allCases {
            if column == .email {
                used += emailColumns.map { (.email, header[$0]) }
                continue
            }
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
                if let field = column.field, field != .name, column != .email { c.details[field] = get(column) }
            }
            var emails: [String] = []
            for i in emailColumns where i < row.count {
                for address in addresses(row[i])
                where !emails.contains(where: { $0.lowercased() == address.lowercased() }) {
                    emails.append(address)
                }
            }
            if !emails.isEmpty { c.email = ContactDetails.emails(emails) }
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

    /// The existing contact a candidate is (`SamePerson`); nil when none is, or several are.
    public static func match(
        _ c: ImportCandidate, in contacts: [ContactRecord], book: OrgBook = OrgBook(organisations: [])
    ) -> ContactRecord? {
        let all = matches(c, in: contacts, book: book)
        return all.count == 1 ? all[0] : nil
    }

    /// Every existing contact the candidate could be, by `SamePerson`'s rule: email, then profile
    /// URL, then name and organisation. More than one means the file does not say which, and the
    /// candidate is not applied.
    public static func matches(
        _ c: ImportCandidate, in contacts: [ContactRecord], book: OrgBook = OrgBook(organisations: [])
    ) -> [ContactRecord] {
        SamePerson.matches(c.details, among: contacts, book: book)
    }

    /// `  Zoë  ÅNGSTRÖM ` → `zoe angstrom`: what two spellings of one name have in common.
    public static func folded(_ text: String) -> String { SamePerson.folded(text) }

    /// The fields `match` compares beyond the name: what later candidates of the same import see of
    /// the contacts it adds or updates, while the rest is compared with the log as it was.
    static func matched(_ d: ContactDetails) -> ContactDetails {
        ContactDetails(org: d.org, email: d.email, url: d.url)
    }

    /// The events that bring the log up to date with `candidates`: `added` for new people, `updated`
    /// with only the changed fields for known ones. `book`: the employer list, for whether two
    /// names of organisations are one (`SamePerson`).
    public static func plan(
        _ candidates: [ImportCandidate], existing: [ContactRecord], at: Date,
        book: OrgBook = OrgBook(organisations: []), newID: () -> String
    ) -> (events: [Event], report: Report) {
        var report = Report()
        var events: [Event] = []
        var known = existing
        var taken = Set(existing.map(\.id))
        for c in candidates {
            let verdict = SamePerson.verdict(c.details, among: known, book: book)
            if case .ambiguous(let found) = verdict {
                report.ambiguous.append((c, found.map(\.id)))
                continue
            }
            if case .known(let m) = verdict {
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
                if case .new(let namesakes) = verdict, !namesakes.isEmpty {
                    report.namesakes.append((id, c, namesakes))
                }
                var record = ContactRecord(id: id, name: c.name)
                record.details.merge(Self.matched(c.details))
                known.append(record)
            }
        }
        return (events, report)
    }
}

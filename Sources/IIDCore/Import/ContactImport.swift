import Foundation

/// One person from an import file, before matching against the log.
public struct ImportCandidate: Equatable, Sendable {
    public var name: String
    public var org: String?
    public var industry: String?
    public var email: String?
    public var phone: String?
    public var address: String?
    public var url: String?
    public var position: String?
    public var note: String?

    public init(name: String) { self.name = name }
}

/// Reading the formats people export contacts in, and merging them into the log without duplicates.
public enum ContactImport {
    public struct Report: Sendable {
        public var added: [ImportCandidate] = []
        /// The contact id and the fields that changed.
        public var updated: [(String, ImportCandidate)] = []
        public var unchanged = 0
        public var skipped: [String] = []
        /// The columns used, for `csv`: field → column header.
        public var columns: [(String, String)] = []
    }

    /// LinkedIn's `Connections.csv`: a few lines of notes, then `First Name,Last Name,URL,Email Address,Company,Position,Connected On`.
    public static func linkedIn(_ text: String) throws(CSVReader.Error) -> ([ImportCandidate], [String]) {
        let rows = try CSVReader.rows(text)
        guard let headerIndex = rows.firstIndex(where: { $0.contains("First Name") && $0.contains("Last Name") }) else {
            throw CSVReader.Error(
                line: 1, message: "no header with 'First Name' and 'Last Name' (is this LinkedIn's Connections.csv?)")
        }
        let header = rows[headerIndex].map { $0.trimmingCharacters(in: .whitespaces) }
        func col(_ name: String) -> Int? { header.firstIndex(of: name) }
        var out: [ImportCandidate] = []
        var skipped: [String] = []
        for row in rows[(headerIndex + 1)...] {
            func get(_ name: String) -> String? {
                guard let i = col(name), i < row.count else { return nil }
                let v = row[i].trimmingCharacters(in: .whitespaces)
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

    /// Header names each field is recognised by (lower-cased, spaces and punctuation ignored).
    static let aliases: [(String, [String])] = [
        ("name", ["name", "fullname", "displayname", "contact"]),
        ("first", ["firstname", "givenname", "first"]),
        ("last", ["lastname", "familyname", "surname", "last"]),
        ("org", ["organisation", "organization", "org", "company", "employer"]),
        ("industry", ["industry", "sector", "field"]),
        ("email", ["email", "emailaddress", "mail", "e-mail"]),
        ("phone", ["phone", "telephone", "tel", "mobile", "phonenumber"]),
        ("address", ["address", "postaladdress", "mailingaddress"]),
        ("position", ["position", "title", "jobtitle", "role"]),
        ("url", ["url", "profile", "linkedin", "website"]),
        ("note", ["note", "notes", "comment"]),
    ]

    static func normalise(_ header: String) -> String {
        String(header.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) })
    }

    /// Any CSV with a header; returns the candidates and which column each field came from.
    public static func csv(_ text: String) throws(CSVReader.Error) -> ([ImportCandidate], [(String, String)], [String])
    {
        let rows = try CSVReader.rows(text)
        guard let header = rows.first else { return ([], [], []) }
        var index: [String: Int] = [:]
        var used: [(String, String)] = []
        for (field, names) in aliases {
            let wanted = Set(names.map(normalise))
            if let i = header.firstIndex(where: { wanted.contains(normalise($0)) }) {
                index[field] = i
                used.append((field, header[i]))
            }
        }
        guard index["name"] != nil || index["first"] != nil || index["last"] != nil else {
            throw CSVReader.Error(
                line: 1,
                message:
                    "no name column: expected one of name, first name/last name (found \(header.joined(separator: ", ")))"
            )
        }
        var out: [ImportCandidate] = []
        var skipped: [String] = []
        for (n, row) in rows.dropFirst().enumerated() {
            func get(_ field: String) -> String? {
                guard let i = index[field], i < row.count else { return nil }
                let v = row[i].trimmingCharacters(in: .whitespacesAndNewlines)
                return v.isEmpty ? nil : v
            }
            let name = get("name") ?? [get("first"), get("last")].compactMap { $0 }.joined(separator: " ")
            guard !name.isEmpty else {
                skipped.append("row \(n + 2): no name")
                continue
            }
            var c = ImportCandidate(name: name)
            c.org = get("org")
            c.industry = get("industry")
            c.email = get("email")
            c.phone = get("phone")
            c.address = get("address")
            c.position = get("position")
            c.url = get("url")
            c.note = get("note")
            out.append(c)
        }
        return (out, used, skipped)
    }

    public static func vCard(_ text: String) -> [ImportCandidate] {
        VCardReader.cards(text).map { card in
            var c = ImportCandidate(name: card.name)
            c.org = card.org
            c.email = card.email
            c.phone = card.phone
            c.address = card.address
            c.url = card.url
            c.position = card.title
            c.note = card.note
            return c
        }
    }

    /// The existing contact a candidate is: same email, same profile URL, or same name and organisation.
    public static func match(_ c: ImportCandidate, in contacts: [ContactRecord]) -> ContactRecord? {
        func same(_ a: String?, _ b: String?) -> Bool {
            guard let a, let b, !a.isEmpty else { return false }
            return a.lowercased().trimmingCharacters(in: .whitespaces)
                == b.lowercased().trimmingCharacters(in: .whitespaces)
        }
        return contacts.first { same(c.email, $0.email) }
            ?? contacts.first { same(c.url, $0.url) }
            ?? contacts.first { same(c.name, $0.name) && (same(c.org, $0.org) || (c.org == nil && $0.org == nil)) }
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
            if let m = match(c, in: known) {
                var e = Event(id: newID(), at: at, type: .updated, contact: m.id)
                var changed = false
                func diff(_ new: String?, _ old: String?, _ set: (String) -> Void) {
                    if let new, new != old {
                        set(new)
                        changed = true
                    }
                }
                diff(c.org, m.org) { e.org = $0 }
                diff(c.industry, m.industry) { e.industry = $0 }
                diff(c.email, m.email) { e.email = $0 }
                diff(c.phone, m.phone) { e.phone = $0 }
                diff(c.address, m.address) { e.address = $0 }
                diff(c.url, m.url) { e.url = $0 }
                diff(c.position, m.position) { e.position = $0 }
                if changed {
                    events.append(e)
                    report.updated.append((m.id, c))
                    if let i = known.firstIndex(where: { $0.id == m.id }) {
                        known[i].org = e.org ?? known[i].org
                        known[i].email = e.email ?? known[i].email
                        known[i].url = e.url ?? known[i].url
                    }
                } else {
                    report.unchanged += 1
                }
            } else {
                let id = ContactID.unique(for: c.name, taken: taken)
                taken.insert(id)
                var e = Event(id: newID(), at: at, type: .added, contact: id)
                e.name = c.name
                e.org = c.org
                e.industry = c.industry
                e.email = c.email
                e.phone = c.phone
                e.address = c.address
                e.url = c.url
                e.position = c.position
                e.text = c.note
                events.append(e)
                report.added.append(c)
                var record = ContactRecord(id: id, name: c.name)
                record.org = c.org
                record.email = c.email
                record.url = c.url
                known.append(record)
            }
        }
        return (events, report)
    }
}

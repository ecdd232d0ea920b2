#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Whether a person being added is someone the log knows already: the one rule `iictl add`, the
/// importers and referrals (`add --referred-by`, `held --referral`) all follow, so that a second
/// Jane Doe is added, linked or refused alike whichever way she arrives.
///
/// Names are not people: two people called Jane Doe are one person only when something beyond
/// the name says so. In order, the first step that finds anyone decides:
///
/// 1. An email address in common (any of each one's addresses, case and accents folded).
/// 2. The same profile URL.
/// 3. The same name (case, accents and spaces folded) *and* the same organisation: both names
///    of organisations equal by `OrgName`'s rule or joined to one organisation on the list by hand
///    (`OrgBook`), or both left out (so that a re-import adds no one twice). Email addresses on both
///    sides with none in common, or profile URLs on both sides that differ, tell two namesakes
///    apart even there. An organisation on one side only is not the same organisation: the name
///    alone never makes two people one.
///
/// One contact found is that person; several mean the input does not say which (an import leaves
/// it out, `add` refuses). None found is a new person, and anyone of the same name is a namesake,
/// named in the confirmation so that the person sees the second id.
public enum SamePerson {
    public enum Verdict: Equatable, Sendable {
        /// The one contact the person is.
        case known(ContactRecord)
        /// Several contacts the person could be.
        case ambiguous([ContactRecord])
        /// Someone new; the contacts of the same name, told apart by the rule.
        case new(namesakes: [ContactRecord])
    }

    /// What `details` (name, organisation, email, profile URL) make of a person among `contacts`;
    /// `book`: the employer list, whose names joined by hand are one organisation.
    public static func verdict(
        _ details: ContactDetails, among contacts: [ContactRecord], book: OrgBook = OrgBook(organisations: [])
    ) -> Verdict {
        let found = matches(details, among: contacts, book: book)
        if found.count == 1 { return .known(found[0]) }
        if found.count > 1 { return .ambiguous(found) }
        let name = folded(details.name ?? "")
        return .new(namesakes: contacts.filter { !$0.archived && !name.isEmpty && folded($0.name) == name })
    }

    /// Every contact the person could be, by the first step of the rule that finds any.
    public static func matches(
        _ details: ContactDetails, among contacts: [ContactRecord], book: OrgBook = OrgBook(organisations: [])
    ) -> [ContactRecord] {
        let emails = Set(details.emails.map(folded))
        if !emails.isEmpty {
            let byEmail = contacts.filter { !emails.isDisjoint(with: $0.details.emails.map(folded)) }
            if !byEmail.isEmpty { return byEmail }
        }
        let url = details.url.map(folded) ?? ""
        if !url.isEmpty {
            let byURL = contacts.filter { $0.url.map(folded) == url }
            if !byURL.isEmpty { return byURL }
        }
        let name = folded(details.name ?? "")
        guard !name.isEmpty else { return [] }
        return contacts.filter { c in
            guard folded(c.name) == name else { return false }
            // Both have addresses, or profiles, and none in common: two people of one name.
            if !emails.isEmpty, !c.details.emails.isEmpty { return false }
            if !url.isEmpty, let theirs = c.url, !theirs.isEmpty { return false }
            return sameOrganisation(details.org, c.org, book: book)
        }
    }

    /// Two people's `org` name one organisation: both blank, equal keys by `OrgName`, or one
    /// organisation on the list takes both in (an alias joined by hand).
    public static func sameOrganisation(_ a: String?, _ b: String?, book: OrgBook) -> Bool {
        let (ta, tb) = (a?.trimmingSpaces() ?? "", b?.trimmingSpaces() ?? "")
        if ta.isEmpty || tb.isEmpty { return ta.isEmpty && tb.isEmpty }
        if let oa = book.organisation(for: ta), let ob = book.organisation(for: tb) { return oa.id == ob.id }
        if book.organisation(for: ta) != nil || book.organisation(for: tb) != nil {
            // One is on the list and the other is not: a name split from it by hand is elsewhere.
            return false
        }
        return !Set(OrgName.keys(ta)).isDisjoint(with: OrgName.keys(tb))
    }

    /// `  Zoë  ÅNGSTRÖM ` → `zoe angstrom`: what two spellings of one name have in common.
    public static func folded(_ text: String) -> String {
        LatinFold.fold(text).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// `another Jane Doe is jane-doe, at Org1`; with more, `other people called Jane Doe:
    /// jane-doe (Org1), jane-doe-3`: the words every confirmation uses to name the namesakes.
    public static func namesakesPhrase(_ namesakes: [ContactRecord]) -> String? {
        guard let first = namesakes.first else { return nil }
        func place(_ c: ContactRecord) -> String? { c.org.flatMap { $0.isEmpty ? nil : $0 } }
        if namesakes.count == 1 {
            return "another \(first.name) is \(first.id)" + (place(first).map { ", at \($0)" } ?? "")
        }
        let each = namesakes.map { c in c.id + (place(c).map { " (\($0))" } ?? "") }
        return "other people called \(first.name): \(each.joined(separator: ", "))"
    }

    /// `Jane Doe at Org2`: a new person as the confirmation names them.
    public static func described(_ details: ContactDetails) -> String {
        let name = details.name ?? ""
        return details.org.flatMap { $0.isEmpty ? nil : "\(name) at \($0)" } ?? name
    }
}

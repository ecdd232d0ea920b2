#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One employer at a time (the 3B7 routine): while someone at an organisation has not answered a
/// request, a second person there is not asked, until `reminders.next-contact.after` has passed.
/// Asking two people at one firm at once makes both feel the other will answer; asking the next
/// only after a few quiet days keeps the list moving without that.
///
/// People are at the same employer when their `org` names the same organisation on the list
/// (`OrgBook.organisation(for:)`), or, for a name not on the list, when the names' keys are the
/// same (`OrgName.key`).
public struct OneAtATime: Sendable {
    public var book: OrgBook
    public var rule: NextContact
    public var zone: TZifZone

    public init(book: OrgBook, rule: NextContact, zone: TZifZone) {
        self.book = book
        self.rule = rule
        self.zone = zone
    }

    /// Who stands for the employer `org` names: `org:` and an id on the list, else the name's key.
    public func employer(_ org: String?) -> String? {
        guard let org, !org.trimmingSpaces().isEmpty else { return nil }
        if let o = book.organisation(for: org) { return OrgID.prefix + o.id }
        let key = OrgName.key(org)
        return key.isEmpty ? nil : "name:" + key
    }

    /// The request at `c`'s employer that still waits at `at`, and when the next person there may
    /// be asked; nil when the rule is off or nothing waits.
    public func waiting(
        before c: ContactRecord, among contacts: [ContactRecord], at: Date
    ) -> (first: ContactRecord, moveOn: Date)? {
        guard rule.oneAtATime, let mine = employer(c.org) else { return nil }
        var found: (first: ContactRecord, moveOn: Date)?
        for other in contacts where other.id != c.id && !other.archived {
            guard other.stage(at: at) == .requested, let asked = other.openRequest, employer(other.org) == mine
            else { continue }
            let moveOn = rule.after.apply(to: asked, in: zone)
            guard at < moveOn else { continue }
            if found.map({ $0.moveOn < moveOn }) ?? true { found = (other, moveOn) }
        }
        return found
    }

    /// The refusal of a request to `c` while another at the employer waits: names the first and
    /// when to move on.
    public func refusal(
        for c: ContactRecord, among contacts: [ContactRecord], at: Date, now: Date
    ) -> Refusal? {
        guard let (first, moveOn) = waiting(before: c, among: contacts, at: at) else { return nil }
        let words = Wording(zone: zone)
        let employer = book.organisation(for: first.org)?.name ?? first.org ?? "?"
        return Refusal(
            "\(first.name) at \(employer) has not answered your request of \(words.when(first.openRequest ?? at, now: now)): one person per employer at a time; ask \(c.name) after \(words.when(moveOn, now: now)) (reminders.next-contact.after: \(rule.after)), or add --force"
        )
    }
}

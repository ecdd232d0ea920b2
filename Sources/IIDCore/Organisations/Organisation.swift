#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The ids of organisations in the log: `org:` and a slug (`org:acme-analytics`), so that an
/// organisation's events never name a person, whose ids have no colon.
public enum OrgID {
    public static let prefix = "org:"

    public static func isValid(_ subject: String) -> Bool {
        subject.hasPrefix(prefix) && ContactID.isValid(String(subject.dropFirst(prefix.count)))
    }

    /// `org:acme-analytics` → `acme-analytics`, the id people type.
    public static func short(_ subject: String) -> String {
        subject.hasPrefix(prefix) ? String(subject.dropFirst(prefix.count)) : subject
    }
}

/// The ranges of the two scores a person gives an employer (the M and P of a LAMP list).
public enum OrgScores {
    /// How much they want to work there: 1 (not much) to 5.
    public static let motivation = 1...5
    /// How many fitting openings it advertises: 0 (none seen) to 3 (several).
    public static let postings = 0...3
}

/// An employer on the list, as its `org_added`, `org_updated` and `org_alias` events say.
public struct Organisation: Sendable, Equatable {
    /// The short id (`acme-analytics`); its events carry `org:` and this.
    public var id: String
    public var name: String
    public var industry: String?
    public var motivation: Int?
    public var postings: Int?
    public var notes: [String] = []
    /// Names joined to it by hand, as written.
    public var aliases: [String] = []
    /// Names taken from it by hand, in `OrgName.written` form: people who write exactly this
    /// are not counted here even though the rule would match.
    public var splits: [String] = []
    public var addedAt: Date?

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }

    /// The keys its own name answers to (with "(formerly …)"), without the aliases.
    public var nameKeys: [String] { OrgName.keys(name) }
}

/// The employer list: every organisation its events name, and which one a person's `org` is.
public struct OrgBook: Sendable {
    public private(set) var organisations: [Organisation] = []

    /// From the whole log: events taken back by `retracted` are left out, the others applied in
    /// log order (time, then id), as the planner orders a contact's.
    public init(events: [Event]) {
        let taken = Set(events.compactMap { $0.type == .retracted ? $0.retracts : nil })
        let mine = events.filter { $0.type.isOrganisation && !taken.contains($0.id) }
            .sorted { ($0.at, $0.id) < ($1.at, $1.id) }
        for e in mine { apply(e) }
    }

    public init(organisations: [Organisation]) { self.organisations = organisations }

    private mutating func apply(_ e: Event) {
        let id = OrgID.short(e.contact)
        var i = organisations.firstIndex { $0.id == id }
        if i == nil {
            // An update of an organisation never added still makes it, named by its id.
            organisations.append(Organisation(id: id, name: e.name ?? id))
            i = organisations.count - 1
        }
        guard let i else { return }
        switch e.type {
        case .orgAdded, .orgUpdated:
            if e.type == .orgAdded, organisations[i].addedAt == nil { organisations[i].addedAt = e.at }
            if let name = e.name, !name.isEmpty { organisations[i].name = name }
            if let industry = e.industry { organisations[i].industry = industry.isEmpty ? nil : industry }
            if let m = e.motivation { organisations[i].motivation = m }
            if let p = e.postings { organisations[i].postings = p }
            if let text = e.text, !text.isEmpty { organisations[i].notes.append(text) }
        case .orgAlias:
            if let alias = e.alias {
                let key = OrgName.key(alias)
                // A name belongs to one organisation: joined here, it leaves any other.
                for j in organisations.indices {
                    organisations[j].aliases.removeAll { OrgName.key($0) == key }
                }
                organisations[i].aliases.append(alias)
                organisations[i].splits.removeAll { OrgName.key($0) == key }
            }
            if let split = e.split {
                let key = OrgName.key(split)
                organisations[i].aliases.removeAll { OrgName.key($0) == key }
                let written = OrgName.written(split)
                if !organisations[i].splits.contains(written) { organisations[i].splits.append(written) }
            }
        default:
            break
        }
    }

    public func organisation(id: String) -> Organisation? { organisations.first { $0.id == OrgID.short(id) } }

    /// The organisation a person's `org` names: one it was joined to by hand first, then one
    /// whose name has the same key (`OrgName`), unless that written form was split from it.
    public func organisation(for name: String?) -> Organisation? {
        // Most logs have no list: nothing to fold names for.
        guard !organisations.isEmpty, let name, !name.trimmingSpaces().isEmpty else { return nil }
        let keys = OrgName.keys(name)
        guard !keys.isEmpty else { return nil }
        let written = OrgName.written(name)
        let open = organisations.filter { !$0.splits.contains(written) }
        if let joined = open.first(where: { o in o.aliases.contains { keys.contains(OrgName.key($0)) } }) {
            return joined
        }
        return open.first { o in o.nameKeys.contains { keys.contains($0) } }
    }

    /// What a person typed to name an organisation: its id (with or without `org:`), a unique
    /// prefix of one, or a name it answers to.
    public func find(_ text: String) -> Organisation? {
        if let o = organisation(id: text) { return o }
        if let o = organisation(for: text) { return o }
        let prefixed = organisations.filter { $0.id.hasPrefix(OrgID.short(text)) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// The people at `org`: every contact not archived whose `org` names it.
    public func people(at org: Organisation, in contacts: [ContactRecord]) -> [ContactRecord] {
        contacts.filter { !$0.archived && organisation(for: $0.org)?.id == org.id }
    }

    /// The names its people write that differ from its own: what the rule (or an alias) took in.
    public func namesTakenIn(by org: Organisation, from contacts: [ContactRecord]) -> [String] {
        var seen = Set([OrgName.written(org.name)])
        var out: [String] = []
        for c in people(at: org, in: contacts) {
            guard let name = c.org, seen.insert(OrgName.written(name)).inserted else { continue }
            out.append(name)
        }
        return out
    }
}

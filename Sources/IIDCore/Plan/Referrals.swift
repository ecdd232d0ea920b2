#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Planner.Plan {
    /// The contacts `id` suggested (`referred_by` is `id`), in the order they were added.
    public func referrals(of id: String) -> [ContactRecord] { contacts.filter { $0.referredBy == id } }

    /// The people whose keep-in-touch reminder has come at `now` (due or overdue; a snoozed one is
    /// put off on purpose), longest out of touch first: Monica's "losing touch" list.
    public func losingTouch(at now: Date) -> [(contact: ContactRecord, task: PendingTask)] {
        let byID = Dictionary(contacts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        return
            tasks
            .filter { $0.kind == .keepInTouch && [.due, .overdue].contains($0.state(at: now)) }
            .sorted { ($0.anchor, $0.contact) < ($1.anchor, $1.contact) }
            .compactMap { t in byID[t.contact].map { ($0, t) } }
    }
}

/// Who suggested whom: the chain the method builds, each conversation opening the next door.
public enum ReferralChain {
    /// `id`'s referrer, theirs, and so on up the chain (a loop in hand-edited data walked once).
    public static func referrers(of id: String, in contacts: [ContactRecord]) -> [String] {
        walk(from: id, referrers(contacts))
    }

    /// The longest chain of referrals among `contacts`, its first referrer first (`[jane, bob,
    /// carol]`: Jane suggested Bob, who suggested Carol); empty when nobody was referred.
    public static func longest(_ contacts: [ContactRecord]) -> [String] {
        let referrer = referrers(contacts)
        var best: [String] = []
        for c in contacts where c.referredBy != nil {
            let chain = [c.id] + walk(from: c.id, referrer)
            if chain.count > best.count
                || (chain.count == best.count && chain.reversed().lexicographicallyPrecedes(best))
            {
                best = chain.reversed()
            }
        }
        return best
    }

    /// Each referred contact's referrer, by id.
    static func referrers(_ contacts: [ContactRecord]) -> [String: String] {
        Dictionary(contacts.compactMap { c in c.referredBy.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
    }

    /// Up the chain from `id`, never past `id` itself or anyone seen before.
    static func walk(from id: String, _ referrer: [String: String]) -> [String] {
        var out: [String] = []
        var at = id
        while let up = referrer[at], !up.isEmpty, up != id, !out.contains(up) {
            out.append(up)
            at = up
        }
        return out
    }
}

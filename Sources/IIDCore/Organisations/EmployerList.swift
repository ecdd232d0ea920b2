#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Why a person counts for an employer's Advocacy: someone you know there, not a name found.
public enum Advocacy: Int, Sendable, Comparable {
    /// Someone referred you to them (`--referred-by`, `held --referral`).
    case referral
    /// They answered you: replied, met, or were thanked.
    case contact
    /// A LinkedIn connection: a `linkedin.com` profile, as `import linkedin` records for each.
    case connection

    /// The person's tie, the strongest first; nil for someone you do not know yet.
    public static func of(_ c: ContactRecord) -> Advocacy? {
        if let r = c.referredBy, !r.isEmpty { return .referral }
        if c.repliedAt != nil || c.meetings.contains(where: { $0.held }) || c.lastThanked != nil { return .contact }
        if let url = c.url, url.lowercased().contains("linkedin.com/") { return .connection }
        return nil
    }

    public static func < (a: Advocacy, b: Advocacy) -> Bool { a.rawValue < b.rawValue }

    public var word: String {
        switch self {
        case .referral: "referral"
        case .contact: "contact"
        case .connection: "LinkedIn connection"
        }
    }
}

/// One employer's line in `iictl orgs`: whom you know there, how far you got, and what is next.
public struct EmployerRow: Sendable {
    public enum Status: String, Sendable {
        /// Nobody there is in iid yet.
        case nobodyYet = "nobody yet"
        /// Someone there is to be asked.
        case toAsk = "to ask"
        /// A request there waits for its answer.
        case waiting
        /// The answer came: a meeting is to be arranged.
        case replied
        /// A meeting there is arranged.
        case meeting
        /// Everyone there was asked, met or said no; nobody is waiting.
        case workedThrough = "worked through"
    }

    public var org: Organisation
    /// Its people, best to ask first (`EmployerList.bestFirst`).
    public var people: [ContactRecord]
    /// How many of them count for Advocacy.
    public var advocacy: Int
    public var requests: Int
    /// Meetings held there.
    public var meetings: Int
    public var status: Status
    /// The person the next step is about, if any.
    public var who: ContactRecord?
    /// When the request there was sent, while one waits.
    public var askedAt: Date?
}

/// The employer list ranked as a LAMP list: Motivation, then Postings, then Advocacy, each the
/// higher first (an organisation without a score after every one with it), then by name.
public struct EmployerList: Sendable {
    public var rows: [EmployerRow]

    /// `labels`: how each person answers (`Responsiveness`), which orders the people at each
    /// employer after Advocacy; without it, only Advocacy and the order added do.
    public init(book: OrgBook, contacts: [ContactRecord], at now: Date, labels: Responsiveness.Rule? = nil) {
        rows = book.organisations.map {
            Self.row($0, people: book.people(at: $0, in: contacts), at: now, labels: labels)
        }
        rows.sort(by: Self.ranks)
    }

    /// The order of the list: what `iictl orgs` prints top to bottom.
    public static func ranks(_ a: EmployerRow, _ b: EmployerRow) -> Bool {
        let ka = (a.org.motivation ?? -1, a.org.postings ?? -1, a.advocacy)
        let kb = (b.org.motivation ?? -1, b.org.postings ?? -1, b.advocacy)
        if ka != kb { return ka > kb }
        let (na, nb) = (OrgName.key(a.org.name), OrgName.key(b.org.name))
        return na != nb ? na < nb : a.org.id < b.org.id
    }

    /// Whom to ask first at one employer: those you know before those you do not (a referral, then
    /// someone who answered, then a connection); then, with `labels`, by how they answer at `now`
    /// (a booster, an obligate, someone never labelled, a curmudgeon last); then in the order they
    /// were added.
    public static func bestFirst(
        _ people: [ContactRecord], labels: Responsiveness.Rule? = nil, at now: Date = .distantFuture
    ) -> [ContactRecord] {
        // Worked out once a person, not at every comparison.
        let rank: [String: Int] =
            labels.map { rule in
                Dictionary(
                    people.map { c in
                        let l = rule.label(of: c, at: now)?.label
                        return (c.id, l.map { $0 == .curmudgeon ? 3 : $0 == .obligate ? 1 : 0 } ?? 2)
                    }, uniquingKeysWith: { a, _ in a })
            } ?? [:]
        return people.sorted { a, b in
            let (ta, tb) = (Advocacy.of(a)?.rawValue ?? 9, Advocacy.of(b)?.rawValue ?? 9)
            if ta != tb { return ta < tb }
            let (la, lb) = (rank[a.id] ?? 2, rank[b.id] ?? 2)
            if la != lb { return la < lb }
            let (da, db) = (a.addedAt ?? .distantFuture, b.addedAt ?? .distantFuture)
            return da != db ? da < db : a.id < b.id
        }
    }

    /// The people there not yet asked and still open to it, best first: the next ones to try.
    public static func nextToAsk(
        _ people: [ContactRecord], at now: Date, labels: Responsiveness.Rule? = nil
    ) -> [ContactRecord] {
        bestFirst(people, labels: labels, at: now).filter { $0.stage(at: now) == .target }
    }

    static func row(
        _ org: Organisation, people: [ContactRecord], at now: Date, labels: Responsiveness.Rule? = nil
    ) -> EmployerRow {
        let best = bestFirst(people, labels: labels, at: now)
        var row = EmployerRow(
            org: org, people: best, advocacy: best.filter { Advocacy.of($0) != nil }.count,
            requests: best.reduce(0) { $0 + $1.requestCount },
            meetings: best.reduce(0) { $0 + $1.meetings.filter(\.held).count }, status: .nobodyYet)
        if best.isEmpty { return row }
        if let c = best.filter({ $0.upcomingMeeting != nil }).min(by: { meetingStart($0) < meetingStart($1) }) {
            row.status = .meeting
            row.who = c
        } else if let c = best.first(where: { $0.stage(at: now) == .replied }) {
            row.status = .replied
            row.who = c
        } else if let c = best.filter({ $0.stage(at: now) == .requested }).min(by: {
            ($0.openRequest ?? now) < ($1.openRequest ?? now)
        }) {
            row.status = .waiting
            row.who = c
            row.askedAt = c.openRequest
        } else if let c = best.first(where: { $0.stage(at: now) == .target }) {
            row.status = .toAsk
            row.who = c
        } else {
            row.status = .workedThrough
        }
        return row
    }

    private static func meetingStart(_ c: ContactRecord) -> Date { c.upcomingMeeting?.start ?? .distantFuture }

    /// People, organisations, requests and meetings for each industry: a person's own industry,
    /// or else their organisation's; industries compared without case, named as first written.
    public static func byIndustry(book: OrgBook, contacts: [ContactRecord]) -> [IndustryRow] {
        var rows: [IndustryRow] = []
        func index(_ name: String?) -> Int {
            let shown = name?.trimmingSpaces() ?? ""
            let key = shown.lowercased()
            if let i = rows.firstIndex(where: { $0.key == key }) { return i }
            rows.append(IndustryRow(key: key, industry: shown.isEmpty ? nil : shown))
            return rows.count - 1
        }
        for o in book.organisations { rows[index(o.industry)].organisations += 1 }
        for c in contacts where !c.archived {
            let industry = c.industry ?? book.organisation(for: c.org)?.industry
            let i = index(industry)
            rows[i].people += 1
            rows[i].requests += c.requestCount
            rows[i].meetings += c.meetings.filter(\.held).count
        }
        return rows.sorted { a, b in
            // The unnamed industry last; the others by how many people, then by name.
            if (a.industry == nil) != (b.industry == nil) { return b.industry == nil }
            return a.people != b.people ? a.people > b.people : a.key < b.key
        }
    }
}

/// One industry's figures, for `iictl orgs --by-industry`.
public struct IndustryRow: Sendable, Equatable {
    var key: String
    /// As first written; nil for people and organisations with no industry.
    public var industry: String?
    public var people = 0
    public var organisations = 0
    public var requests = 0
    public var meetings = 0
}

extension EmployerRow {
    /// When the next person may be asked while a request waits (`reminders.next-contact.after`
    /// after it), or nil when nothing waits.
    public func moveOn(_ rule: NextContact, zone: TZifZone) -> Date? {
        askedAt.map { rule.after.apply(to: $0, in: zone) }
    }

    /// The next step, in words: whom to ask, wait for or meet. Once a request has waited
    /// `next-contact.after`, the next person there (best first), or someone to find.
    public func nextStep(_ rule: NextContact, words: Wording, now: Date) -> String {
        let name = who?.name ?? "?"
        switch status {
        case .nobodyYet: return "find someone at \(org.name)"
        case .toAsk: return "ask \(name)"
        case .replied: return "arrange the meeting with \(name)"
        case .meeting: return "meet \(name) \(who?.upcomingMeeting.map { words.when($0.start, now: now) } ?? "")"
        case .workedThrough: return "worked through: find someone new at \(org.name)"
        case .waiting:
            let asked = askedAt.map { words.day($0, now: now) } ?? "?"
            guard let moveOn = moveOn(rule, zone: words.zone), now >= moveOn else {
                return "wait for \(name) (asked \(asked))"
            }
            // `people` is best first already, labels and all.
            if let next = people.first(where: { $0.stage(at: now) == .target }) {
                return "try the next person: \(next.name) (\(name) silent since \(asked))"
            }
            return "find someone else at \(org.name) (\(name) silent since \(asked))"
        }
    }
}

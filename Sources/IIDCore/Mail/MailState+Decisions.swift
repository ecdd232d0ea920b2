#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension MailState {
    /// Keeps one verdict per message decided: a suggestion as such, with its time; the kind of
    /// message when it was no person's (`automatic`, `list`, `bounce`), else what the rule said for
    /// the first contact it names, marked `mine` when it was the person's own (from one of `me`),
    /// so that a colleague's answer in its thread can be suggested later. `iictl mail scan` and the
    /// daemon keep their reads by this one rule (Documentation/mail.md, "What is kept").
    public mutating func keep(_ decisions: [MailRecorder.Decision], me: Set<String>) {
        for d in decisions {
            guard let key = d.item.key else { continue }
            if case .suggested(let c) = d.outcomes.first {
                messages[key] = MailState.Verdict(verdict: "suggested", contact: c, at: d.item.date)
                continue
            }
            let main = d.outcomes.first { $0.contact != nil } ?? d.outcomes.first
            let mine = main?.contact != nil && d.item.from.map { me.contains($0.normalized) } == true
            var verdict = MailState.Verdict(
                verdict: main.map { d.item.kind == .person ? $0.verdict : d.item.kind.name } ?? "nothing",
                contact: main?.contact, mine: mine ? true : nil)
            for case .bounced(let address) in d.outcomes where verdict.bounced == nil {
                verdict.bounced = Self.hash(address)
            }
            messages[key] = verdict
        }
    }

    /// The first 32 hex digits of the SHA-256 of a lowercased address: what the state keeps of a
    /// bounced address.
    public static func hash(_ address: String) -> String {
        String(SHA256.hex(Array(address.lowercased().utf8)).prefix(32))
    }

    /// "jane@acme.example bounced: check the address", once per address of `contacts` that a
    /// kept bounce names, sorted.
    public func bounceLines(_ contacts: [ContactRecord]) -> [String] {
        let hashes = Set(messages.values.compactMap(\.bounced))
        guard !hashes.isEmpty else { return [] }
        let named = contacts.flatMap(\.details.emails).map { $0.lowercased() }.filter { hashes.contains(Self.hash($0)) }
        return Set(named).sorted().map { "\($0) bounced: check the address" }
    }

    /// When any folder was last read.
    public var lastRead: Date? { folders.values.compactMap(\.lastRead).max() }
}

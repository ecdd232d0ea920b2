#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the texts say about referrals, taken from the plan by the caller: the texts are built from
/// one contact's record, and who suggested them, or whom they suggested, is in other records.
public struct ReferralNames: Equatable, Sendable {
    /// The name of the person who suggested this contact; nil when nobody did, or when the
    /// referrer is not in the log (a name the texts cannot write).
    public var referrer: String?
    /// Of the people this contact suggested, those you have asked for a meeting or met since,
    /// in the order they were added: the thanks a referrer likes to hear.
    public var contacted: [String]

    public init(referrer: String? = nil, contacted: [String] = []) {
        self.referrer = referrer
        self.contacted = contacted
    }

    public static let none = ReferralNames()
}

extension Planner.Plan {
    /// Who suggested `c`, and whom of the people `c` suggested you have been in touch with.
    public func referralNames(for c: ContactRecord) -> ReferralNames {
        let referrer = c.referredBy.flatMap { $0.isEmpty ? nil : contact($0) }
        let contacted = referrals(of: c.id).filter { $0.firstRequested != nil || !$0.meetings.isEmpty }
        return ReferralNames(referrer: referrer?.name, contacted: contacted.map(\.name))
    }
}

extension ReferralNames {
    /// The first thing to say to someone suggested to you: the name opens the door.
    public var opening: String? { referrer.map { "\($0) suggested I get in touch." } }

    /// The thanks to a referrer for the people they suggested whom you have since contacted.
    public var contactedSentence: String? {
        contacted.isEmpty
            ? nil
            : "I have since been in touch with \(Wording.list(contacted)), whom you suggested: thank you for the "
                + (contacted.count == 1 ? "introduction." : "introductions.")
    }
}

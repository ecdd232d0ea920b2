#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The campaign as numbers: how far people got, how many answered, how fast, how promptly thanked.
public struct CampaignStats: Sendable, Equatable {
    public var listed = 0
    public var requested = 0
    public var scheduled = 0
    public var held = 0
    public var thanked = 0
    /// Scheduled ÷ requested, among contacts who were asked.
    public var replyRate: Double?
    /// Days from the first request to the first meeting's start.
    public var medianDaysToMeeting: Double?
    /// Share of held meetings thanked within two days of their end.
    public var thankedWithinTwoDays: Double?
    /// Held meetings with people someone suggested.
    public var heldFromReferrals = 0
    /// The longest chain of referrals, first referrer first (`ReferralChain.longest`).
    public var longestChain: [String] = []

    public init(_ contacts: [ContactRecord]) {
        var waits: [Double] = []
        var heldMeetings = 0
        var prompt = 0
        var asked = 0
        var answered = 0
        for c in contacts {
            listed += 1
            let meetings = c.meetings.filter { !$0.cancelled }
            if c.requestCount > 0 || !meetings.isEmpty { requested += 1 }
            if !meetings.isEmpty { scheduled += 1 }
            if meetings.contains(where: \.held) { held += 1 }
            if meetings.contains(where: { $0.thankedAt != nil }) { thanked += 1 }
            if let r = c.firstRequested {
                asked += 1
                if c.firstScheduled != nil, let start = meetings.first?.start, start >= r {
                    answered += 1
                    waits.append(start.timeIntervalSince(r) / 86_400)
                }
            }
            for m in meetings where m.held {
                heldMeetings += 1
                if c.referredBy.map({ !$0.isEmpty }) ?? false { heldFromReferrals += 1 }
                if let t = m.thankedAt, t.timeIntervalSince(m.end) <= 2 * 86_400 { prompt += 1 }
            }
        }
        replyRate = asked > 0 ? Double(answered) / Double(asked) : nil
        if !waits.isEmpty {
            let sorted = waits.sorted()
            let mid = sorted.count / 2
            medianDaysToMeeting = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        thankedWithinTwoDays = heldMeetings > 0 ? Double(prompt) / Double(heldMeetings) : nil
        longestChain = ReferralChain.longest(contacts)
    }

    public var funnel: [(String, Int)] {
        [("listed", listed), ("requested", requested), ("scheduled", scheduled), ("held", held), ("thanked", thanked)]
    }

    public var json: JSONObject {
        JSONObject([
            ("funnel", JSONObject(funnel.map { ($0.0, $0.1) })),
            ("reply_rate", replyRate),
            ("median_days_request_to_meeting", medianDaysToMeeting),
            ("thanked_within_two_days", thankedWithinTwoDays),
            ("held_from_referrals", heldFromReferrals),
            ("longest_referral_chain", longestChain as [Any?]),
        ])
    }

    /// The funnel as bars, widest `width` characters.
    public func chart(width: Int = 40) -> String {
        let top = max(1, funnel.map(\.1).max() ?? 1)
        return funnel.map { label, n in
            let bar = String(repeating: "█", count: n == 0 ? 0 : max(1, n * width / top))
            return "\(label.padded(to: 10)) \(String(n).leftPadded(5)) \(bar)"
        }.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

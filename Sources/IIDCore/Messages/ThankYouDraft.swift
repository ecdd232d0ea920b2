#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The thank-you note the seed asks for: short, grateful, one or two points from the meeting.
public struct ThankYouDraft: Sendable {
    public var config: Config
    public var zone: TZifZone
    public init(config: Config, zone: TZifZone) {
        self.config = config
        self.zone = zone
    }

    /// With `referrals`, the note to a referrer also names the people they suggested whom you
    /// have contacted since.
    public func text(
        contact: ContactRecord?, meeting: Meeting?, fallbackName: String = "", article: String? = nil,
        referrals: ReferralNames = .none
    ) -> String {
        let name = contact?.name ?? fallbackName
        let first = PersonName.given(name)
        var paragraphs = ["Dear \(first),"]
        var thanks = "Thank you for taking the time to meet with me"
        if let m = meeting { thanks += " on \(Wording(zone: zone).longDate(m.start))" }
        thanks += "."
        let points = Array((meeting?.points ?? []).prefix(2))
        switch points.count {
        case 0: thanks += " I appreciated your insight and advice."
        case 1: thanks += " I especially appreciated what you said about \(points[0])."
        default: thanks += " I especially appreciated what you said about \(points[0]), and about \(points[1])."
        }
        paragraphs.append(thanks)
        if let article, !article.isEmpty {
            paragraphs.append("I thought you might enjoy this article, which relates to what we discussed: \(article)")
        }
        if let contacted = referrals.contactedSentence { paragraphs.append(contacted) }
        paragraphs.append("Thank you again for your time.")
        paragraphs.append("Sincerely,\n" + config.me.signedName)
        return paragraphs.joined(separator: "\n\n") + "\n"
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Keeping in touch after the thank-you: a short update, or an article to share, that names the
/// last conversation so the person places you, in the words of the config's `me`.
public struct KeepInTouchDraft: Sendable {
    public var config: Config
    public var zone: TZifZone
    public init(config: Config, zone: TZifZone) {
        self.config = config
        self.zone = zone
    }

    /// Refused when nothing was ever exchanged with `c`: there is no touch to keep yet.
    public func refusal(_ c: ContactRecord) -> Refusal? {
        guard lastMeeting(c) == nil, c.lastInteraction == nil else { return nil }
        return Refusal(
            "nothing recorded with \(c.name) to keep in touch about yet: `iictl draft request \(c.id)` asks for a meeting"
        )
    }

    /// The last conversation: the meeting held last.
    func lastMeeting(_ c: ContactRecord) -> Meeting? { c.meetings.last { $0.held && !$0.cancelled } }

    public func text(_ c: ContactRecord, referrals: ReferralNames = .none, article: String? = nil) -> String {
        let w = Wording(zone: zone)
        let me = config.me
        var paragraphs = ["Dear \(PersonName.given(c.name)),"]
        if let m = lastMeeting(c) {
            var since = "It has been a while since we met on \(w.longDate(m.start)), and "
            if let point = m.points.first {
                since += "what you said about \(point) has stayed with me."
            } else {
                since += "I have often thought back to our conversation."
            }
            paragraphs.append(since)
        } else if let last = c.lastInteraction {
            paragraphs.append("It has been a while since we were last in touch, on \(w.longDate(last)).")
        }
        if let article, !article.isEmpty {
            paragraphs.append("I came across this article and thought of our conversation: \(article)")
        }
        var update = "A short update from me:"
        if !me.objectives.isEmpty {
            update += " I am still learning about \(Wording.list(me.objectives))."
        }
        if !me.pitch.isEmpty { update += " In short: \(me.pitch)" }
        update += " [your news since then: a course, a project, a new role]"
        paragraphs.append(update)
        if let thanks = referrals.contactedSentence { paragraphs.append(thanks) }
        let org = c.org.flatMap { $0.isEmpty ? nil : $0 }
        paragraphs.append(
            "I hope all is well\(org.map { " at \($0)" } ?? ""), and I would be glad to hear your news.")
        paragraphs.append("Best regards,\n" + me.signature)
        return paragraphs.joined(separator: "\n\n") + "\n"
    }
}

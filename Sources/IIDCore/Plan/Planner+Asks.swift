#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Each request and how it was answered (`Ask`), kept as the events are applied: what a contact's
/// label (`Responsiveness`) is made from. In a file of its own beside the replay it serves.
extension Planner {
    /// An answer to the open request, for its `Ask`: a reply, a no, or a meeting arranged or held.
    func answerAsk(_ r: inout ContactRecord, at: Date) {
        guard r.openRequest != nil, let i = r.asks.indices.last, r.asks[i].answeredAt == nil else { return }
        r.asks[i].answeredAt = at
    }

    /// The open request unanswered when another is sent or it is called off at `at`: cold if its
    /// follow-ups had run out and `cold_after` had passed by then, else withdrawn.
    func closeAsk(_ r: inout ContactRecord, at: Date) {
        guard let asked = r.openRequest, r.repliedAt == nil, let i = r.asks.indices.last,
            r.asks[i].answeredAt == nil
        else { return }
        if r.nextFollowUp(of: config.followUps.sequence.count) == nil {
            let cold = config.followUps.coldAfter.apply(to: r.followUpsSent.last ?? asked, in: zone)
            if cold <= at {
                r.asks[i].coldAt = cold
                return
            }
        }
        r.asks[i].withdrawn = true
    }
}

extension Responsiveness.Rule {
    /// The rule as configured: a quick answer is one within `reminders.next-contact.after`, the
    /// wait after which the next person at an employer is asked.
    public init(config: Config, zone: TZifZone) { self.init(within: config.nextContact.after, zone: zone) }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One request for a meeting and how it was answered, as the log tells it: what a contact's
/// label (`Responsiveness`) is made from. The planner keeps one for each `requested` event.
public struct Ask: Sendable, Equatable {
    /// When the request went out.
    public var at: Date
    /// When the first follow-up was sent (its task done), if one was.
    public var followedUpAt: Date?
    /// When they answered: `replied`, `declined`, or a meeting scheduled or held while it was open.
    public var answeredAt: Date?
    /// When it went cold unanswered: the follow-ups ran out and `cold_after` passed. Set for a
    /// request still open once the sequence has ended (the label then waits for that time), and for
    /// one asked again after it had gone cold.
    public var coldAt: Date?
    /// Called off or asked again before an answer or its end: it says nothing about them.
    public var withdrawn = false

    public init(at: Date) { self.at = at }
}

/// How a person answers a request (Steve Dalton's 3B7 routine tells them apart): a booster
/// answers within a few business days, an obligate only once reminded or later, a curmudgeon not
/// at all. Boosters are the ones to ask first.
public enum Responsiveness: String, Sendable, CaseIterable, Comparable {
    case booster, obligate, curmudgeon

    /// Boosters first, curmudgeons last: the order in which to ask.
    public static func < (a: Responsiveness, b: Responsiveness) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!  // Every case is in allCases.
    }

    /// The rule, applied to one request:
    ///
    /// - answered within `within` of the ask (by default 3 business days, Monday to Friday in the
    ///   configured zone: `reminders.next-contact.after`) and before any follow-up: **booster**;
    /// - answered after a follow-up went out, or later than `within`: **obligate**;
    /// - no answer once the follow-ups ran out and `cold_after` passed: **curmudgeon**;
    /// - still open, or called off: no label from it.
    ///
    /// A contact's label is that of their latest request with one; a request still open leaves an
    /// earlier label standing, and someone never asked has none.
    public struct Rule: Sendable {
        public var within: DurationSpec
        public var zone: TZifZone

        public init(within: DurationSpec, zone: TZifZone) {
            self.within = within
            self.zone = zone
        }

        /// The label `ask` earns at `now`, if any.
        public func label(_ ask: Ask, at now: Date) -> Responsiveness? {
            if let answered = ask.answeredAt, answered <= now {
                if let f = ask.followedUpAt, f <= answered { return .obligate }
                return answered <= deadline(ask) ? .booster : .obligate
            }
            if !ask.withdrawn, let cold = ask.coldAt, cold <= now { return .curmudgeon }
            return nil
        }

        /// When an answer stops counting as quick: `within` after the ask.
        public func deadline(_ ask: Ask) -> Date { within.apply(to: ask.at, in: zone) }

        /// The contact's label at `now`, and the request it comes from.
        public func label(of c: ContactRecord, at now: Date) -> (label: Responsiveness, ask: Ask)? {
            for ask in c.asks.reversed() where ask.at <= now {
                if let l = label(ask, at: now) { return (l, ask) }
            }
            return nil
        }
    }
}

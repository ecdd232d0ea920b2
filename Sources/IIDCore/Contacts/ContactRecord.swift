#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Where a contact stands in the seed's workflow.
///
/// `replied`, `cold` and `declined` end a request: they answered (and a meeting is to be
/// arranged), every follow-up went unanswered, or they said no.
public enum Stage: String, Sendable, CaseIterable, Codable {
    case target, requested, replied, cold, declined, scheduled, held, thanked, archived
}

/// One meeting with a contact, as the log describes it after every reschedule.
public struct Meeting: Equatable, Sendable {
    /// 1 for the first meeting with this contact, 2 for the next, …; part of its tasks' ids.
    public var number: Int
    public var start: Date
    public var minutes: Int
    public var place: String?
    public var confirmed = false
    public var held = false
    public var heldAt: Date?
    public var points: [String] = []
    public var thankedAt: Date?
    public var cancelled = false
    /// How often it was moved: the calendar's SEQUENCE.
    public var revisions = 0
    public var end: Date { start.addingTimeInterval(Double(minutes) * 60) }
}

/// Everything the log says about one contact. The details read as the record's own (`record.org`)
/// through `subscript(dynamicMember:)`.
@dynamicMemberLookup
public struct ContactRecord: Sendable, Equatable {
    public var id: String
    /// Who they are, as the `added` and `updated` events say.
    public var details: ContactDetails
    /// The name to show: the one recorded, or the id for a contact never added.
    public var name: String {
        get { details.name ?? id }
        set { details.name = newValue }
    }
    public var notes: [String] = []
    /// Targeted questions prepared for the meeting.
    public var questions: [String] = []
    /// When the first meeting request went out, and when the first meeting was scheduled (for stats).
    public var firstRequested: Date?
    public var firstScheduled: Date?
    public var addedAt: Date?
    /// True when events name this contact but no `added` event does.
    public var implicit = false
    public var archived = false
    /// The open request, if a meeting was asked for and not yet scheduled.
    public var openRequest: Date?
    public var requestCount = 0
    /// When each request went out, for the week's goals (`GoalProgress`).
    public var requestedAt: [Date] = []
    /// When each follow-up of the open request was sent (its task done), in order: the next one
    /// counts from the last (`reminders.follow-up.sequence`).
    public var followUpsSent: [Date] = []
    /// What the open request's follow-up ids end with (`Planner.followUpID`), fixed when it was made.
    public var followUpSuffix = ""
    /// Which request since the last meeting the open one is: asking again after a request went
    /// cold needs follow-ups with ids of their own, the old ones being done.
    public var requestsInCycle = 0
    var requestCycle = 0
    /// They answered the open request (`iictl replied`): no more follow-ups.
    public var repliedAt: Date?
    /// They said no (`iictl declined`) to the latest request, and nothing was asked since.
    public var declinedAt: Date?
    /// When the open request goes cold: the last follow-up went out and `cold_after` passed
    /// without an answer. Set by the planner, which knows the sequence.
    public var coldAt: Date?
    public var meetings: [Meeting] = []
    /// Every request and how it was answered, oldest first: what the contact's label
    /// (`Responsiveness`: booster, obligate, curmudgeon) is made from.
    public var asks: [Ask] = []
    public var lastInteraction: Date?
    /// What the last interaction was, in words (`you met`, `they replied`), for a reminder's
    /// context (`ReminderContext`); set with `lastInteraction`.
    public var lastInteractionWhat: String?
    public var lastThanked: Date?
    /// Every piece of the contact's advice you acted on (`acted`), oldest first.
    public var advice: [ActedAdvice] = []
    /// How many of `advice` a report has told them of: a report-back on advice done covers all
    /// acted on before it, and what is acted on later is the next report's (`AdviceReport`).
    public var adviceReported = 0
    /// The ids of the reports on advice done, oldest first: the next report's id differs from them.
    public var adviceReports: [String] = []
    /// The latest `at` among the contact's events: a step recorded now on a device whose clock is
    /// behind is put after it (`CausalStamp`).
    public var lastEventAt: Date?

    public init(id: String, name: String) {
        self.id = id
        self.details = ContactDetails(name: name)
    }

    public subscript<T>(dynamicMember path: WritableKeyPath<ContactDetails, T>) -> T {
        get { details[keyPath: path] }
        set { details[keyPath: path] = newValue }
    }

    /// The meeting that is scheduled and neither held nor cancelled.
    public var upcomingMeeting: Meeting? { meetings.last(where: { !$0.held && !$0.cancelled && $0.thankedAt == nil }) }

    /// Where the contact stands at `now`: only going cold depends on the time.
    public func stage(at now: Date) -> Stage {
        if archived { return .archived }
        // Cleared by the next request or meeting: a no is the latest word until then.
        if declinedAt != nil { return .declined }
        let last = meetings.last(where: { !$0.cancelled })
        // A request open with no meeting, or after the last one was held: the request decides.
        if openRequest != nil, last.map({ $0.held || $0.thankedAt != nil }) ?? true {
            if repliedAt != nil { return .replied }
            if let cold = coldAt, cold <= now { return .cold }
            return .requested
        }
        guard let last else { return .target }
        if last.thankedAt != nil { return .thanked }
        return last.held ? .held : .scheduled
    }

    /// Which follow-up of the open request is next (1 for the first), or nil when none is: no
    /// request open, they replied, or the sequence of `steps` ran out.
    public func nextFollowUp(of steps: Int) -> Int? {
        guard openRequest != nil, repliedAt == nil, followUpsSent.count < steps else { return nil }
        return followUpsSent.count + 1
    }

    /// The display name with the organisation: `Jane Doe (Acme)`.
    public var label: String {
        if let org = details.org, !org.isEmpty { return "\(name) (\(org))" }
        return name
    }
}

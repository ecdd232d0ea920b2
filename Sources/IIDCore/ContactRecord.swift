import Foundation

/// Where a contact stands in the seed's workflow.
public enum Stage: String, Sendable, CaseIterable, Codable {
    case target, requested, scheduled, held, thanked, archived
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
    public var meetings: [Meeting] = []
    public var lastInteraction: Date?
    public var lastThanked: Date?
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

    public var stage: Stage {
        if archived { return .archived }
        if let last = meetings.last(where: { !$0.cancelled }) {
            if openRequest != nil, last.thankedAt != nil || last.held { return .requested }
            if last.thankedAt != nil { return .thanked }
            if last.held { return .held }
            return .scheduled
        }
        return openRequest != nil ? .requested : .target
    }

    /// The display name with the organisation: `Jane Doe (Acme)`.
    public var label: String {
        if let org = details.org, !org.isEmpty { return "\(name) (\(org))" }
        return name
    }
}

/// The seed's workflow as kinds of task, each anchored on a moment in a contact's history.
public enum TaskKind: String, Sendable, CaseIterable, Codable, Comparable {
    /// A meeting was requested but not scheduled: a follow-up, then the next (`FollowUps`), until it goes cold.
    case followUp = "follow-up"
    /// Research the organisation and prepare targeted questions.
    case homework
    /// Confirm the time and how long the person can give.
    case confirm
    /// Just before the meeting: pitch, objectives, etiquette.
    case brief
    /// The short note by regular mail within a day or two.
    case thankYou = "thank-you"
    /// Stay in touch months later.
    case keepInTouch = "keep-in-touch"
    /// A request at an organisation on the employer list went unanswered for
    /// `reminders.next-contact.after`: one employer at a time, the next person there is due.
    case nextContact = "next-contact"
    /// A person a contact referred you to was met, or you acted on a contact's advice: tell the
    /// contact how it went (coaches: keep them informed of your progress). The referrer's task, one
    /// for each person met; the adviser's, one for the advice acted on since the last report.
    case reportBack = "report-back"

    /// Whether offsets count back from the anchor (before a meeting) or forward from it.
    public var countsBackward: Bool {
        switch self {
        case .homework, .confirm, .brief: true
        case .followUp, .thankYou, .keepInTouch, .nextContact, .reportBack: false
        }
    }

    /// Prep tasks lose their point once the meeting has begun.
    public var expiresAtMeetingStart: Bool { countsBackward }

    public var anchorDescription: String {
        switch self {
        case .followUp: "the request"
        case .homework, .confirm, .brief: "the meeting's start"
        case .thankYou: "the meeting's end"
        case .keepInTouch: "the last interaction after the thank-you"
        case .nextContact: "the request, at an organisation on the employer list"
        case .reportBack: "the meeting with the person they referred you to, or the advice of theirs you acted on"
        }
    }

    public static func < (a: TaskKind, b: TaskKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!  // Every case is in allCases.
    }
}

/// Where a reminder goes. `push` reaches the phone through Apprise.
public enum Channel: String, Sendable, CaseIterable, Codable, Comparable {
    case notify, email, journal, push
    public static func < (a: Channel, b: Channel) -> Bool { a.rawValue < b.rawValue }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What makes a reminder actionable where it is read, without opening iid: the last interaction
/// with the person and when, the points and questions recorded, who referred them, and for a
/// follow-up or the move to the next person the day of the original ask. Every channel's text
/// takes it from here: in full for the mail and the calendar item, in one short line for a
/// notification, a push and a digest's line. Names, points and questions are other people's text
/// (an import, a mail): each is made printable, so none of it brings a control character along.
public struct ReminderContext: Equatable, Sendable {
    /// The last interaction in words (`they replied`) and when.
    public var lastWhat: String?
    public var lastAt: Date?
    /// The points noted at the meeting the task is about, or else at the last meeting held.
    public var points: [String]
    /// The questions prepared for the person.
    public var questions: [String]
    /// The name of the person who referred them, when they are in the log.
    public var referrer: String?
    /// A follow-up's or next-contact task's original ask: when the open request went out.
    public var askedAt: Date?
    /// The task's kind: the short line leaves out what the reminder's own text already says.
    public var kind: TaskKind

    /// The most a short line holds: a notification shows a few lines, a digest one per task.
    public static let shortLimit = 120

    /// The context of `task`, from its contact's record; `referrer` is the referrer's name, which
    /// is in another record and so is the caller's to look up.
    public init(task: PendingTask, contact: ContactRecord?, referrer: String?) {
        kind = task.kind
        lastWhat = contact?.lastInteractionWhat
        lastAt = contact?.lastInteraction
        let meetingPoints = task.meeting?.points ?? []
        let held = contact?.meetings.last { $0.held && !$0.points.isEmpty }
        points = Self.clean(meetingPoints.isEmpty ? held?.points ?? [] : meetingPoints)
        questions = Self.clean(contact?.questions ?? [])
        self.referrer = referrer.flatMap { Self.clean([$0]).first }
        askedAt =
            [.followUp, .nextContact].contains(task.kind) ? (contact?.openRequest ?? task.anchor) : nil
        if lastWhat == nil { lastAt = nil }
    }

    /// The name of whoever referred `c`, when they are in the log; `contact` looks a record up by
    /// id, as each caller keeps them.
    public static func referrer(of c: ContactRecord?, _ contact: (String) -> ContactRecord?) -> String? {
        c?.referredBy.flatMap { $0.isEmpty ? nil : contact($0)?.name }
    }

    public var isEmpty: Bool {
        lastWhat == nil && points.isEmpty && questions.isEmpty && referrer == nil && askedAt == nil
    }

    /// One line each: for the mail's body and the calendar item's description.
    public func lines(_ words: Wording, now: Date) -> [String] {
        var out: [String] = []
        if let askedAt { out.append("First asked: \(words.day(askedAt, now: now)).") }
        if let lastWhat, let lastAt { out.append("Last interaction: \(lastWhat), \(words.day(lastAt, now: now)).") }
        if let referrer { out.append("Referred by \(referrer).") }
        if !points.isEmpty { out.append("Points noted: " + points.joined(separator: "; ")) }
        if !questions.isEmpty { out.append("Your questions: " + questions.joined(separator: "; ")) }
        return out
    }

    /// One line, at most `shortLimit` characters: for a notification, a push and a digest's line.
    /// The ask and the last interaction come first, being the shortest and the most telling; the
    /// questions are left out where the homework and the brief list them, the points where the
    /// thank-you names them.
    public func short(_ words: Wording, now: Date) -> String {
        var parts: [String] = []
        if let askedAt { parts.append("asked \(words.day(askedAt, now: now))") }
        if let lastWhat, let lastAt, lastAt != askedAt || lastWhat != Planner.asked {
            parts.append("last: \(lastWhat) \(words.day(lastAt, now: now))")
        }
        if let referrer { parts.append("via \(referrer)") }
        if let p = points.first, kind != .thankYou { parts.append("noted: \(p)") }
        if let q = questions.first, ![.homework, .brief].contains(kind) { parts.append("ask: \(q)") }
        let line = parts.joined(separator: "; ")
        guard line.count > Self.shortLimit else { return line }
        return String(line.prefix(Self.shortLimit - 1)) + "…"
    }

    /// Non-empty entries, printable and on one line each.
    static func clean(_ texts: [String]) -> [String] {
        texts.map { Printable.escaped($0).trimmingSpaces() }.filter { !$0.isEmpty }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One week's figures: the requests sent and the meetings held from Monday 00:00 to the next
/// Monday 00:00 in the configured zone (seven calendar days, so a week with a daylight-saving
/// change is an hour longer or shorter, and still Monday to Monday).
public struct GoalWeek: Equatable, Sendable {
    public var start: Date
    public var end: Date
    public var requests = 0
    public var meetings = 0

    public init(start: Date, end: Date, requests: Int = 0, meetings: Int = 0) {
        self.start = start
        self.end = end
        self.requests = requests
        self.meetings = meetings
    }

    /// Every goal that is set is reached; a week with no goal set is never met.
    public func met(_ goals: Goals) -> Bool {
        guard goals.requests != nil || goals.meetings != nil else { return false }
        return requests >= (goals.requests ?? 0) && meetings >= (goals.meetings ?? 0)
    }
}

/// The week's goals against what was done: this week so far, the week before, and the streak of
/// weeks met in a row. The streak counts the weeks met back from the last whole week, and this
/// week too once it is met: a week still under way does not break it.
public struct GoalProgress: Equatable, Sendable {
    public var goals: Goals
    /// The week containing `now`, counted up to `now`.
    public var week: GoalWeek
    /// The week before it, whole.
    public var lastWeek: GoalWeek
    public var streak: Int

    public init(goals: Goals, contacts: [ContactRecord], now: Date, zone: TZifZone) {
        self.goals = goals
        var requests: [Date] = []
        var held: [Date] = []
        for c in contacts {
            requests += c.requestedAt.filter { $0 <= now }
            held += c.meetings.compactMap { $0.held ? $0.heldAt : nil }.filter { $0 <= now }
        }
        func figures(_ start: Date) -> GoalWeek {
            let end = LocalTime.addingDays(7, to: start, in: zone)
            var w = GoalWeek(start: start, end: end)
            w.requests = requests.filter { $0 >= start && $0 < end }.count
            w.meetings = held.filter { $0 >= start && $0 < end }.count
            return w
        }
        let start = Self.weekStart(containing: now, in: zone)
        week = figures(start)
        lastWeek = figures(LocalTime.addingDays(-7, to: start, in: zone))
        // With a goal of at least one, a week with nothing done is not met: the count ends by the
        // week of the first request or meeting at the latest.
        var streak = week.met(goals) ? 1 : 0
        var w = lastWeek
        while w.met(goals) {
            streak += 1
            w = figures(LocalTime.addingDays(-7, to: w.start, in: zone))
        }
        self.streak = streak
    }

    /// Monday 00:00 of the week containing `date`, in `zone`; where midnight falls in a
    /// daylight-saving gap, the first instant after it.
    public static func weekStart(containing date: Date, in zone: TZifZone) -> Date {
        var f = LocalTime.fields(of: date, in: zone)
        // 1 = Sunday … 7 = Saturday: back to Monday.
        let back = (LocalTime.weekday(of: f) + 5) % 7
        let monday = LocalTime.civil(days: LocalTime.days(year: f.year, month: f.month, day: f.day) - back)
        f.year = monday.year
        f.month = monday.month
        f.day = monday.day
        f.hour = 0
        f.minute = 0
        f.second = 0
        return LocalTime.instant(f, in: zone) ?? date
    }

    /// `requests 3 of 5, meetings 2 of 2`: the goals set, against a week's figures.
    public static func against(_ goals: Goals, _ w: GoalWeek) -> String {
        var parts: [String] = []
        if let r = goals.requests { parts.append("requests \(w.requests) of \(r)") }
        if let m = goals.meetings { parts.append("meetings \(w.meetings) of \(m)") }
        return parts.joined(separator: ", ")
    }

    /// `3 weeks met in a row`, or that none is yet.
    public var streakText: String {
        streak == 0 ? "no week met in a row yet" : "\(streak) week\(streak == 1 ? "" : "s") met in a row"
    }

    /// The figures as `stats --json` prints them, times in `zone` as every JSON field has them.
    public func json(in zone: TZifZone) -> JSONObject {
        func week(_ w: GoalWeek) -> JSONObject {
            JSONObject([
                ("start", Timestamp.format(w.start, in: zone)), ("end", Timestamp.format(w.end, in: zone)),
                ("requests", w.requests), ("meetings", w.meetings), ("met", w.met(goals)),
            ])
        }
        return JSONObject([
            ("goals", JSONObject([("requests", goals.requests), ("meetings", goals.meetings)])),
            ("week", week(self.week)), ("last_week", week(lastWeek)), ("streak", streak),
        ])
    }
}

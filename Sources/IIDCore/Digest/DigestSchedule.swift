#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// When the weekly digest goes and where: `digest: {every: "mon 08:00", via: [email], empty: skip}`.
///
/// A period is the time from one `every` instant to the next, counted in wall-clock days in the
/// configured zone, so that the digest keeps its time of day across daylight-saving changes. Each
/// period has one digest, named by the period's wall-clock start (`digest@2026-12-07T08:00`):
/// that name is its ledger key, which is what makes it go once, however often the daemon restarts.
public struct DigestSchedule: Equatable, Sendable, CustomStringConvertible {
    /// What a period with nothing to say gets.
    public enum Empty: String, Sendable, CaseIterable {
        /// Nothing is sent (recorded in the ledger as skipped): a quiet week needs no mail.
        case skip
        /// A short "Nothing owed this week" message, for those who want to know iid is alive.
        case send
    }

    /// 1 = Sunday … 7 = Saturday (as `LocalTime.weekday` counts); nil: every day.
    public var weekday: Int?
    public var minuteOfDay: Int
    public var via: [Channel]
    public var empty: Empty

    public init(weekday: Int?, minuteOfDay: Int, via: [Channel] = [.email], empty: Empty = .skip) {
        self.weekday = weekday
        self.minuteOfDay = minuteOfDay
        self.via = via
        self.empty = empty
    }

    /// The ledger key's prefix: every digest's key starts with it.
    public static let keyPrefix = "digest@"

    static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// `mon 08:00`, `monday 8:00`, `Mon 8am`, or `daily 08:00`; nil with the reason otherwise.
    public static func parse(every text: String) -> Result<(weekday: Int?, minuteOfDay: Int), EveryError> {
        let words = text.lowercased().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count == 2 else {
            return .failure(EveryError(reason: "expected a weekday and a time, such as \"mon 08:00\""))
        }
        let day: Int?
        if words[0] == "daily" {
            day = nil
        } else if let index = TimeExpression.weekdayIndex(words[0]) {
            day = index + 1
        } else {
            return .failure(EveryError(reason: "unknown weekday '\(words[0])'; expected mon … sun, or daily"))
        }
        guard let (h, m) = TimeExpression.parseClock(words[1]) else {
            return .failure(EveryError(reason: "invalid time '\(words[1])'; expected HH:MM, such as 08:00"))
        }
        return .success((day, h * 60 + m))
    }

    public struct EveryError: Error, Equatable, Sendable {
        public var reason: String
    }

    /// `mon 08:00` or `daily 08:00`: the rule as the config writes it.
    public var description: String {
        let day = weekday.map { Self.weekdayNames[$0 - 1] } ?? "daily"
        return "\(day) " + Digits.padded(minuteOfDay / 60, 2) + ":" + Digits.padded(minuteOfDay % 60, 2)
    }

    /// Days between two digests.
    var step: Int { weekday == nil ? 1 : 7 }

    /// The digest instant on local day number `day` (days since 1970-01-01): its wall time, or
    /// just after a spring-forward gap that swallows it (as `LocalTime.instant` decides).
    func instant(onDay day: Int, in zone: TZifZone) -> Date {
        let c = LocalTime.civil(days: day)
        let f = LocalTime.Fields(
            year: c.year, month: c.month, day: c.day, hour: minuteOfDay / 60, minute: minuteOfDay % 60)
        return LocalTime.instant(f, in: zone) ?? Date(timeIntervalSince1970: Double(day * 86_400 + minuteOfDay * 60))
    }

    /// The day number of the latest digest at or before `now`.
    func latestDay(atOrBefore now: Date, in zone: TZifZone) -> Int {
        let f = LocalTime.fields(of: now, in: zone)
        let today = LocalTime.days(year: f.year, month: f.month, day: f.day)
        var day = today
        if let weekday { day -= (LocalTime.weekday(of: f) - weekday + 7) % 7 }
        if instant(onDay: day, in: zone) > now { day -= step }
        return day
    }

    /// The period under way at `now`: it began at the latest digest instant at or before `now`.
    public func period(at now: Date, in zone: TZifZone) -> Period {
        period(day: latestDay(atOrBefore: now, in: zone), in: zone)
    }

    /// The first period that begins after `now`.
    public func next(after now: Date, in zone: TZifZone) -> Period {
        period(day: latestDay(atOrBefore: now, in: zone) + step, in: zone)
    }

    /// How far ahead a digest sent at `now` looks for meetings: a week (a day when daily).
    public func horizon(from now: Date, in zone: TZifZone) -> Date {
        LocalTime.addingDays(step, to: now, in: zone)
    }

    func period(day: Int, in zone: TZifZone) -> Period {
        let c = LocalTime.civil(days: day)
        var key = Self.keyPrefix
        Timestamp.digits(c.year, 4, &key)
        key += "-"
        Timestamp.digits(c.month, 2, &key)
        key += "-"
        Timestamp.digits(c.day, 2, &key)
        key += "T"
        Timestamp.digits(minuteOfDay / 60, 2, &key)
        key += ":"
        Timestamp.digits(minuteOfDay % 60, 2, &key)
        return Period(key: key, start: instant(onDay: day, in: zone), end: instant(onDay: day + step, in: zone))
    }

    /// One digest's period: its name and the instants it runs between.
    public struct Period: Equatable, Sendable {
        /// `digest@2026-12-07T08:00`: the wall-clock start in the configured zone.
        public var key: String
        public var start: Date
        public var end: Date
    }

    /// The digests the scheduler weighs at `now`: the current period's (sent late if it was
    /// missed, never an older one) and the next one's (so that the timer is armed for it).
    public func reminders(at now: Date, in zone: TZifZone) -> [Reminder] {
        let day = latestDay(atOrBefore: now, in: zone)
        return [day, day + step].map { Reminder.digest(period(day: $0, in: zone), channels: via) }
    }
}

extension Scheduler {
    /// When the digest goes next, as `iictl status` tells it: while this period's is not recorded
    /// on some channel (held by quiet hours, waiting for a retry, or not decided yet), the earliest
    /// time one of those channels may send it; otherwise the next period's start. `delivered`,
    /// `latestDigest` and `retryAt` are what `decide` is given, read by the same rules.
    public func nextDigest(
        at now: Date, delivered: Set<String>, inFlight: Set<String> = [], latestDigest: [Channel: Date],
        retryAt: [String: Date] = [:]
    ) -> Date? {
        guard let rule = config.digest else { return nil }
        let current = Reminder.digest(rule.period(at: now, in: zone), channels: rule.via)
        var earliest: Date?
        for (channel, key) in zip(current.channels, current.ledgerKeys) {
            if delivered.contains(key) || inFlight.contains(key) { continue }
            if let last = latestDigest[channel], last >= current.fireAt { continue }
            let at = max(releaseTime(current.fireAt, channel: channel), retryAt[key] ?? .distantPast)
            if earliest.map({ at < $0 }) ?? true { earliest = at }
        }
        return earliest ?? rule.next(after: now, in: zone).start
    }
}

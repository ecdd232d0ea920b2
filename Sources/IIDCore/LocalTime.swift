import Foundation

/// Wall-clock arithmetic in a time zone, done explicitly so that gaps and overlaps are decided by iid
/// and not by whatever the platform's calendar happens to do.
public enum LocalTime {
    /// A local date and time without a zone.
    public struct Fields: Hashable, Sendable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
            self.year = year
            self.month = month
            self.day = day
            self.hour = hour
            self.minute = minute
            self.second = second
        }
    }

    /// How a local time maps to instants: once, never (a spring-forward gap) or twice (a fall-back overlap).
    public enum Resolution: Equatable, Sendable {
        case unique(Date)
        case gap(before: Date, after: Date)
        case overlap(first: Date, second: Date)
    }

    static func gregorian(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    static let utc: Calendar = gregorian(TimeZone(identifier: "UTC")!)  // "UTC" always exists.

    /// The local fields of `date` in `zone`.
    public static func fields(of date: Date, in zone: TimeZone) -> Fields {
        let local = date.addingTimeInterval(Double(zone.secondsFromGMT(for: date)))
        let c = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
        return Fields(
            year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1,
            hour: c.hour ?? 0, minute: c.minute ?? 0, second: c.second ?? 0)
    }

    /// Seconds since the epoch of `fields` read as if in UTC; nil for impossible dates (Feb 30).
    static func naiveSeconds(_ f: Fields) -> Double? {
        let c = DateComponents(
            year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second)
        guard c.isValidDate(in: utc), let date = utc.date(from: c) else { return nil }
        return date.timeIntervalSince1970
    }

    /// Every instant whose local time in `zone` is `fields`.
    public static func resolve(_ fields: Fields, in zone: TimeZone) -> Resolution? {
        guard let naive = naiveSeconds(fields) else { return nil }
        // The offsets in force around this local time; a transition is never closer than a day to another.
        let probes = [naive - 86_400, naive, naive + 86_400].map {
            Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: $0)))
        }
        var hits: [Date] = []
        for offset in Set(probes).sorted(by: >) {
            let candidate = Date(timeIntervalSince1970: naive - offset)
            if Double(zone.secondsFromGMT(for: candidate)) == offset, !hits.contains(candidate) {
                hits.append(candidate)
            }
        }
        hits.sort()
        switch hits.count {
        case 1: return .unique(hits[0])
        case 0:
            // In a gap: the earlier offset was in force before, the later after.
            let offsets = Set(probes).sorted()
            let before = Date(timeIntervalSince1970: naive - (offsets.last ?? 0))
            let after = Date(timeIntervalSince1970: naive - (offsets.first ?? 0))
            return .gap(before: min(before, after), after: max(before, after))
        default: return .overlap(first: hits[0], second: hits[hits.count - 1])
        }
    }

    /// The instant for a local time, for arithmetic: a time in a gap moves forward by the gap's length
    /// (02:30 on a spring-forward night becomes 03:30), a time in an overlap takes the first occurrence.
    public static func instant(_ fields: Fields, in zone: TimeZone) -> Date? {
        switch resolve(fields, in: zone) {
        case .unique(let d): d
        case .gap(_, let after): after
        case .overlap(let first, _): first
        case nil: nil
        }
    }

    /// The same wall-clock time `days` calendar days later (or earlier), in `zone`.
    public static func addingDays(_ days: Int, to date: Date, in zone: TimeZone) -> Date {
        var f = fields(of: date, in: zone)
        let day = utc.date(from: DateComponents(year: f.year, month: f.month, day: f.day)) ?? date
        let moved = utc.date(byAdding: .day, value: days, to: day) ?? day
        let c = utc.dateComponents([.year, .month, .day], from: moved)
        f.year = c.year ?? f.year
        f.month = c.month ?? f.month
        f.day = c.day ?? f.day
        return instant(f, in: zone) ?? date.addingTimeInterval(Double(days) * 86_400)
    }

    /// Weekdays only: Saturday and Sunday are skipped; a start on a weekend counts from the next Monday.
    public static func addingBusinessDays(_ days: Int, to date: Date, in zone: TimeZone) -> Date {
        let step = days < 0 ? -1 : 1
        var remaining = abs(days)
        var current = date
        while remaining > 0 {
            current = addingDays(step, to: current, in: zone)
            if !isWeekend(current, in: zone) { remaining -= 1 }
        }
        return current
    }

    public static func isWeekend(_ date: Date, in zone: TimeZone) -> Bool {
        let weekday = gregorian(zone).component(.weekday, from: date)
        return weekday == 1 || weekday == 7
    }

    /// 1 = Sunday … 7 = Saturday, as Foundation counts.
    public static func weekday(of date: Date, in zone: TimeZone) -> Int {
        gregorian(zone).component(.weekday, from: date)
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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

    /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's `days_from_civil`).
    ///
    /// Plain integer arithmetic: Foundation's calendar costs microseconds per call, and the planner
    /// makes several calls per task.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (Hinnant's `civil_from_days`).
    static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The local fields of `date` in `zone`.
    public static func fields(of date: Date, in zone: some UTCOffsets) -> Fields {
        let local = (date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down)
        guard local.isFinite, abs(local) < 1e14 else { return Fields(year: 1970, month: 1, day: 1) }
        let seconds = Int(local)
        let day = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - day * 86_400
        let c = civil(days: day)
        return Fields(
            year: c.year, month: c.month, day: c.day, hour: rest / 3600, minute: rest % 3600 / 60, second: rest % 60)
    }

    /// Seconds since the epoch of `fields` read as if in UTC; nil for impossible dates (Feb 30).
    static func naiveSeconds(_ f: Fields) -> Double? {
        guard f.year >= 1, f.year <= 99_999, (1...12).contains(f.month),
            (1...daysInMonth(year: f.year, month: f.month)).contains(f.day), (0...23).contains(f.hour),
            (0...59).contains(f.minute), (0...59).contains(f.second)
        else { return nil }
        let d = days(year: f.year, month: f.month, day: f.day)
        return Double(d * 86_400 + f.hour * 3600 + f.minute * 60 + f.second)
    }

    /// Every instant whose local time in `zone` is `fields`.
    public static func resolve(_ fields: Fields, in zone: some UTCOffsets) -> Resolution? {
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
    public static func instant(_ fields: Fields, in zone: some UTCOffsets) -> Date? {
        switch resolve(fields, in: zone) {
        case .unique(let d): d
        case .gap(_, let after): after
        case .overlap(let first, _): first
        case nil: nil
        }
    }

    /// The same wall-clock time `days` calendar days later (or earlier), in `zone`.
    public static func addingDays(_ days: Int, to date: Date, in zone: some UTCOffsets) -> Date {
        var f = fields(of: date, in: zone)
        let moved = civil(days: Self.days(year: f.year, month: f.month, day: f.day) + days)
        f.year = moved.year
        f.month = moved.month
        f.day = moved.day
        return instant(f, in: zone) ?? date.addingTimeInterval(Double(days) * 86_400)
    }

    /// Weekdays only: Saturday and Sunday are skipped; a start on a weekend counts from the next Monday.
    public static func addingBusinessDays(_ days: Int, to date: Date, in zone: some UTCOffsets) -> Date {
        let step = days < 0 ? -1 : 1
        var remaining = abs(days)
        var current = date
        while remaining > 0 {
            current = addingDays(step, to: current, in: zone)
            if !isWeekend(current, in: zone) { remaining -= 1 }
        }
        return current
    }

    public static func isWeekend(_ date: Date, in zone: some UTCOffsets) -> Bool {
        let w = weekday(of: date, in: zone)
        return w == 1 || w == 7
    }

    /// 1 = Sunday … 7 = Saturday, as Foundation counts.
    public static func weekday(of date: Date, in zone: some UTCOffsets) -> Int {
        weekday(of: fields(of: date, in: zone))
    }

    /// The weekday of a local date, 1 = Sunday.
    public static func weekday(of f: Fields) -> Int {
        let d = days(year: f.year, month: f.month, day: f.day)
        // 1970-01-01 was a Thursday (5).
        return ((d % 7 + 7 + 4) % 7) + 1
    }
}

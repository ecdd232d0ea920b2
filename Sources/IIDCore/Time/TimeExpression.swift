#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A time as a person types it on the command line, resolved against `now` in the configured zone.
///
/// Accepted: `now`; `+90m`, `+2d`, `-1h`, `+1h30m`; `in 2 days`, `in 90 minutes`;
/// `2026-12-03T14:00`, `2026-12-03 14:00[:ss]` (local), the same with `Z` or `±HH:MM`; unpadded
/// dates (`2026-12-8 15:00`); a clock on 24 or 12 hours (`14:00`, `3pm`, `3:30pm`, today);
/// `today 14:00`, `tomorrow 3pm`, `monday 14:00`, `mon 14:00` or `next tuesday 10:00` (the next
/// such day, today excluded); a day alone (`tomorrow`, `2026-12-08`) keeps the current time of day,
/// and says so in `Reading.hasTimeOfDay`, since a meeting needs a time.
/// A local time that does not exist (a spring-forward gap) is an error; one that happens twice
/// (a fall-back overlap) means its first occurrence.
public enum TimeExpression {
    /// What was read: the instant, and whether the text named a time of day (or an exact instant)
    /// rather than a day alone.
    public struct Reading: Equatable, Sendable {
        public var date: Date
        public var hasTimeOfDay: Bool
    }

    /// Two forms that work, for every error message.
    static let examples = "e.g. \"tomorrow 15:00\" or \"2026-12-08 3pm\""

    public static func parse(_ text: String, now: Date, zone: TZifZone) throws(TimeExpressionError) -> Date {
        try read(text, now: now, zone: zone).date
    }

    public static func read(_ text: String, now: Date, zone: TZifZone) throws(TimeExpressionError) -> Reading {
        let trimmed = text.trimmingSpaces()
        let lower = trimmed.lowercased()
        func fail(_ reason: String) -> TimeExpressionError { TimeExpressionError(text: text, reason: reason) }
        if lower.isEmpty { throw fail("empty time; \(examples)") }
        if lower == "now" { return Reading(date: now, hasTimeOfDay: true) }
        if lower.hasPrefix("+") || lower.hasPrefix("-") {
            return Reading(
                date: try relative(String(lower.dropFirst()), sign: lower.hasPrefix("-") ? -1 : 1), hasTimeOfDay: true)
        }
        if let (fields, fraction, rest) = Timestamp.parseLocalPrefix(trimmed) {
            if rest.isEmpty {
                return Reading(
                    date: try resolveLocal(fields, in: zone, text: text).addingTimeInterval(fraction),
                    hasTimeOfDay: true)
            }
            if let date = Timestamp.parse(trimmed) { return Reading(date: date, hasTimeOfDay: true) }
            throw fail("expected a UTC offset like +01:00 or Z after the time")
        }
        var words = lower.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        if words.first == "in" {
            guard words.count >= 2 else { throw fail("'in' needs a length, e.g. \"in 2 days\" or \"in 90 minutes\"") }
            return Reading(date: try relative(words.dropFirst().joined(), sign: 1), hasTimeOfDay: true)
        }
        // `2026-12-08T15:00` with a loose date, or a time after the T.
        if words.count == 1, let t = words[0].firstIndex(of: "t"), words[0].first?.isNumber == true {
            words = [String(words[0][..<t]), String(words[0][words[0].index(after: t)...])]
        }
        // `3 pm` is `3pm`.
        if words.count >= 2, ["am", "pm"].contains(words[words.count - 1]) {
            words[words.count - 2] += words.removeLast()
        }
        if words.first == "next" {
            guard words.count >= 2, weekdayIndex(words[1]) != nil else {
                throw fail("'next' goes with a weekday: e.g. \"next tuesday 10:00\" or \"next fri 3pm\"")
            }
            words.removeFirst()
        }
        guard (1...2).contains(words.count) else {
            throw fail("'\(trimmed)' is not understood as a time; \(examples)")
        }
        var day: Int?
        var date: LocalTime.Fields?
        if let d = try isoDate(words[0], text: text) {
            date = d
        } else {
            day = dayOffset(words[0], now: now, zone: zone)
        }
        let clockWord = words.count == 2 ? words[1] : (day == nil && date == nil ? words[0] : nil)
        if words.count == 2, day == nil, date == nil {
            throw fail("unknown day '\(words[0])'; use today, tomorrow, a weekday or a date; \(examples)")
        }
        var f: LocalTime.Fields
        if let date {
            f = date
            let current = LocalTime.fields(of: now, in: zone)
            (f.hour, f.minute, f.second) = (current.hour, current.minute, current.second)
        } else {
            f = LocalTime.fields(of: LocalTime.addingDays(day ?? 0, to: now, in: zone), in: zone)
            if (day ?? 0) == 0 { f = LocalTime.fields(of: now, in: zone) }
        }
        guard let clockWord else {
            // A day alone keeps the current time of day.
            let kept =
                date == nil
                ? LocalTime.addingDays(day ?? 0, to: now, in: zone) : try resolveLocal(f, in: zone, text: text)
            return Reading(date: kept, hasTimeOfDay: false)
        }
        guard let (hour, minute) = parseClock(clockWord) else {
            if words.count == 1 {
                throw fail("'\(clockWord)' is not understood as a time; \(examples)")
            }
            throw fail("'\(clockWord)' is not a time of day like 14:00, 9:30 or 3pm")
        }
        f.hour = hour
        f.minute = minute
        f.second = 0
        return Reading(date: try resolveLocal(f, in: zone, text: text), hasTimeOfDay: true)

        func relative(_ spec: String, sign: Int) throws(TimeExpressionError) -> Date {
            do {
                return try DurationSpec.parseSum(Self.unitWords(spec)).reduce(now) {
                    $1.apply(to: $0, sign: sign, in: zone)
                }
            } catch {
                throw fail(error.reason)
            }
        }
    }

    /// `90 minutes`, `2 days`, `1 hour 30 minutes` (spaces already removed) → `90m2d1h30m`.
    static func unitWords(_ text: String) -> String {
        var out = text
        for (long, short) in [
            ("businessdays", "bd"), ("businessday", "bd"), ("minutes", "m"), ("minute", "m"), ("mins", "m"),
            ("min", "m"), ("hours", "h"), ("hour", "h"), ("days", "d"), ("day", "d"), ("weeks", "w"), ("week", "w"),
            ("seconds", "s"), ("second", "s"), ("secs", "s"), ("sec", "s"), ("and", ""),
        ] {
            out = out.replacing(long, with: short)
        }
        return out
    }

    /// `2026-12-08` or `2026-12-8`: nil when it does not look like a date, an error naming the
    /// field that is out of range when it does.
    static func isoDate(_ word: String, text: String) throws(TimeExpressionError) -> LocalTime.Fields? {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else {
            if word.count >= 5, word.prefix(4).allSatisfy(\.isNumber), word.dropFirst(4).first == "-" {
                throw TimeExpressionError(text: text, reason: "'\(word)' is not a date like 2026-12-08; \(examples)")
            }
            return nil
        }
        guard (1...12).contains(m) else {
            throw TimeExpressionError(text: text, reason: "month \(m) is not from 1 to 12; \(examples)")
        }
        guard (1...LocalTime.daysInMonth(year: y, month: m)).contains(d) else {
            throw TimeExpressionError(text: text, reason: "\(word) has no day \(d); \(examples)")
        }
        return LocalTime.Fields(year: y, month: m, day: d)
    }

    static func resolveLocal(_ f: LocalTime.Fields, in zone: TZifZone, text: String) throws(TimeExpressionError) -> Date
    {
        switch LocalTime.resolve(f, in: zone) {
        case .unique(let d): return d
        case .overlap(let first, _): return first
        case .gap:
            throw TimeExpressionError(
                text: text,
                reason:
                    "this local time does not exist in \(zone.identifier): the clocks skip it when daylight saving time begins"
            )
        case nil: throw TimeExpressionError(text: text, reason: "no such date")
        }
    }

    /// `14:00`, `9:30`, `3pm`, `3:30pm`, `12am` (midnight), `12pm` (noon).
    static func parseClock(_ s: String) -> (Int, Int)? {
        var s = Substring(s)
        var meridiem: Int?
        if s.hasSuffix("am") || s.hasSuffix("pm") {
            meridiem = s.hasSuffix("pm") ? 12 : 0
            s = s.dropLast(2)
        }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), (1...2).contains(parts[0].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let h = Int(parts[0])
        else { return nil }
        var m = 0
        if parts.count == 2 {
            guard parts[1].count == 2, let mm = Int(parts[1]), (0...59).contains(mm) else { return nil }
            m = mm
        } else if meridiem == nil {
            return nil
        }
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            return (h % 12 + meridiem, m)
        }
        guard (0...23).contains(h) else { return nil }
        return (h, m)
    }

    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    static func weekdayIndex(_ word: String) -> Int? {
        guard word.count >= 3 else { return nil }
        return weekdays.firstIndex { $0.hasPrefix(word) }
    }

    /// Days from today to the named day: today 0, tomorrow 1, a weekday 1…7 (never today).
    static func dayOffset(_ word: String, now: Date, zone: TZifZone) -> Int? {
        if word == "today" { return 0 }
        if word == "tomorrow" { return 1 }
        guard let index = weekdayIndex(word) else { return nil }
        let current = LocalTime.weekday(of: now, in: zone) - 1
        let delta = (index - current + 7) % 7
        return delta == 0 ? 7 : delta
    }
}

public struct TimeExpressionError: Error, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public var description: String { "invalid time '\(text)': \(reason)" }
}

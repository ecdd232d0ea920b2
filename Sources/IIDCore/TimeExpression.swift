import Foundation

/// A time as a person types it on the command line, resolved against `now` in the configured zone.
///
/// Accepted: `now`; `+90m`, `+2d`, `-1h`; `2026-12-03T14:00`, `2026-12-03 14:00[:ss]` (local),
/// the same with `Z` or `±HH:MM`; `14:00` (today); `today 14:00`, `tomorrow 14:00`, `monday 14:00`
/// or `mon 14:00` (the next such day, today excluded).
/// A local time that does not exist (a spring-forward gap) is an error; one that happens twice
/// (a fall-back overlap) means its first occurrence.
public enum TimeExpression {
    public static func parse(_ text: String, now: Date, zone: TimeZone) throws(TimeExpressionError) -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let lower = trimmed.lowercased()
        func fail(_ reason: String) -> TimeExpressionError { TimeExpressionError(text: text, reason: reason) }
        if lower.isEmpty { throw fail("empty time") }
        if lower == "now" { return now }
        if lower.hasPrefix("+") || lower.hasPrefix("-") {
            let sign = lower.hasPrefix("-") ? -1 : 1
            do {
                let spec = try DurationSpec(parsing: String(lower.dropFirst()))
                return spec.apply(to: now, sign: sign, in: zone)
            } catch {
                throw fail(error.reason)
            }
        }
        if let (fields, fraction, rest) = Timestamp.parseLocalPrefix(trimmed) {
            if rest.isEmpty { return try resolveLocal(fields, in: zone, text: text).addingTimeInterval(fraction) }
            if let date = Timestamp.parse(trimmed) { return date }
            throw fail("expected a UTC offset like +01:00 or Z after the time")
        }
        if lower.count >= 8, lower.prefix(4).allSatisfy(\.isNumber), lower.dropFirst(4).first == "-" {
            throw fail("expected a date and time such as 2026-12-03 14:00 (month 1-12, day 1-31, hour 0-23)")
        }
        let words = lower.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        let today = LocalTime.fields(of: now, in: zone)
        let (dayWord, clock): (String?, String)
        switch words.count {
        case 1: (dayWord, clock) = (nil, words[0])
        case 2: (dayWord, clock) = (words[0], words[1])
        default:
            throw fail("expected a time such as 2026-12-03 14:00, tomorrow 14:00, mon 9:30, +2d or now")
        }
        guard let (hour, minute) = parseClock(clock) else {
            if words.count == 1, let offset = dayOffset(words[0], now: now, zone: zone) {
                // A day alone ("tomorrow") keeps the current time of day.
                return LocalTime.addingDays(offset, to: now, in: zone)
            }
            throw fail("expected a time of day like 14:00 or 9:30")
        }
        var offset = 0
        if let dayWord {
            guard let o = dayOffset(dayWord, now: now, zone: zone) else {
                throw fail("unknown day '\(dayWord)'; use today, tomorrow or a weekday name")
            }
            offset = o
        }
        let base = LocalTime.addingDays(offset, to: now, in: zone)
        var f = LocalTime.fields(of: base, in: zone)
        if offset == 0 { f = today }
        f.hour = hour
        f.minute = minute
        f.second = 0
        return try resolveLocal(f, in: zone, text: text)
    }

    static func resolveLocal(_ f: LocalTime.Fields, in zone: TimeZone, text: String) throws(TimeExpressionError) -> Date
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

    static func parseClock(_ s: String) -> (Int, Int)? {
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m)
        else { return nil }
        return (h, m)
    }

    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    /// Days from today to the named day: today 0, tomorrow 1, a weekday 1…7 (never today).
    static func dayOffset(_ word: String, now: Date, zone: TimeZone) -> Int? {
        if word == "today" { return 0 }
        if word == "tomorrow" { return 1 }
        guard word.count >= 3, let index = weekdays.firstIndex(where: { $0.hasPrefix(word) }) else { return nil }
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

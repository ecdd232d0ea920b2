#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A span of time as a person writes it in the config or on the command line: `30s`, `90m`, `2h`, `2d`, `5bd`, `1w`.
///
/// Seconds, minutes and hours are exact; days and weeks are calendar days at the same wall-clock time in the
/// configured zone, and business days skip Saturdays and Sundays. The unit is kept, not folded into
/// seconds, because `1d` is 23 or 25 hours across a daylight-saving change.
public struct DurationSpec: Hashable, Sendable, CustomStringConvertible {
    public enum Unit: String, Sendable, CaseIterable {
        case seconds = "s"
        case minutes = "m"
        case hours = "h"
        case days = "d"
        case businessDays = "bd"
        case weeks = "w"
    }

    public var amount: Int
    public var unit: Unit

    /// The largest amount accepted for any unit: about a hundred years of days. Larger values are typos.
    public static let maximumDays = 36_600

    public init(_ amount: Int, _ unit: Unit) {
        self.amount = amount
        self.unit = unit
    }

    public static func minutes(_ n: Int) -> DurationSpec { DurationSpec(n, .minutes) }
    public static func hours(_ n: Int) -> DurationSpec { DurationSpec(n, .hours) }
    public static func days(_ n: Int) -> DurationSpec { DurationSpec(n, .days) }

    public var description: String { "\(amount)\(unit.rawValue)" }

    /// Parses `90m`, `2h`, `2d`, `5bd`, `1w` (also `0m`), and sums of exact units such as `1h30m`
    /// (read as `90m`). Negative or absurdly large values are rejected.
    public init(parsing text: String) throws(DurationError) {
        let parts = try Self.parseSum(text)
        guard parts.count > 1 else {
            self = parts[0]
            return
        }
        // Days and weeks are calendar days, not a number of hours: `1d2h` has no one length.
        guard parts.allSatisfy({ [.seconds, .minutes, .hours].contains($0.unit) }) else {
            throw DurationError(
                text: text, reason: "only s, m and h add up (e.g. 1h30m); write days alone, e.g. 2d")
        }
        let seconds = parts.reduce(0) { $0 + Int($1.approximateSeconds) }
        self = seconds % 60 == 0 ? DurationSpec(seconds / 60, .minutes) : DurationSpec(seconds, .seconds)
        guard seconds / 86_400 <= Self.maximumDays else {
            throw DurationError(text: text, reason: "is too large (at most \(Self.maximumDays) days)")
        }
    }

    /// `1h30m` → `[1h, 30m]`: each part a number and a unit, each checked as a duration alone.
    public static func parseSum(_ text: String) throws(DurationError) -> [DurationSpec] {
        let trimmed = text.lowercased().filter { $0 != " " }
        if trimmed.hasPrefix("-") {
            throw DurationError(text: text, reason: "must not be negative")
        }
        var rest = Substring(trimmed)
        var out: [DurationSpec] = []
        repeat {
            let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
            rest = rest.dropFirst(digits.count)
            let suffix = rest.prefix(while: { !($0.isASCII && $0.isNumber) })
            rest = rest.dropFirst(suffix.count)
            guard !digits.isEmpty else {
                throw DurationError(
                    text: text, reason: "expected a number followed by s, m, h, d, bd or w (e.g. 90m, 2h, 2d, 5bd)")
            }
            guard let unit = Unit(rawValue: String(suffix)) else {
                throw DurationError(
                    text: text,
                    reason: suffix.isEmpty
                        ? "a unit is missing after \(digits); use s, m, h, d, bd or w (e.g. 90m, 2h, 2d, 5bd)"
                        : "unknown unit '\(suffix)'; use s, m, h, d, bd or w (e.g. 90m, 2h, 2d, 5bd)")
            }
            guard digits.count <= 9, let value = Int(digits) else {
                throw DurationError(text: text, reason: "is too large")
            }
            let days: Int
            switch unit {
            case .seconds: days = value / 86_400
            case .minutes: days = value / 1440
            case .hours: days = value / 24
            case .days, .businessDays: days = value
            case .weeks: days = value * 7
            }
            guard days <= Self.maximumDays else {
                throw DurationError(text: text, reason: "is too large (at most \(Self.maximumDays) days)")
            }
            out.append(DurationSpec(value, unit))
        } while !rest.isEmpty
        return out
    }

    /// Whether this span is no time at all (`0m`): a snooze of it would change nothing.
    public var isZero: Bool { amount == 0 }

    /// `date` moved forward (`sign` 1) or back (`sign` -1) by this span, in `zone`.
    public func apply(to date: Date, sign: Int = 1, in zone: TZifZone) -> Date {
        switch unit {
        case .seconds: return date.addingTimeInterval(Double(sign * amount))
        case .minutes: return date.addingTimeInterval(Double(sign * amount * 60))
        case .hours: return date.addingTimeInterval(Double(sign * amount * 3600))
        case .days: return LocalTime.addingDays(sign * amount, to: date, in: zone)
        case .weeks: return LocalTime.addingDays(sign * amount * 7, to: date, in: zone)
        case .businessDays: return LocalTime.addingBusinessDays(sign * amount, to: date, in: zone)
        }
    }

    /// The span from this one to `later` when both are measured alike (exact units, calendar days
    /// and weeks, or business days), else nil: `7d` to `10d` is `3d`, `2bd` to `3d` has no one length.
    public func until(_ later: DurationSpec) -> DurationSpec? {
        let exact: [Unit] = [.seconds, .minutes, .hours]
        let calendar: [Unit] = [.days, .weeks]
        func days(_ d: DurationSpec) -> Int { d.unit == .weeks ? d.amount * 7 : d.amount }
        if exact.contains(unit), exact.contains(later.unit) {
            let s = Int(later.approximateSeconds - approximateSeconds)
            return s >= 0 ? DurationSpec(s, .seconds) : nil
        }
        if calendar.contains(unit), calendar.contains(later.unit) {
            return days(later) >= days(self) ? .days(days(later) - days(self)) : nil
        }
        if unit == .businessDays, later.unit == .businessDays, later.amount >= amount {
            return DurationSpec(later.amount - amount, .businessDays)
        }
        return nil
    }

    /// A rough length in seconds, for display and for ordering only.
    public var approximateSeconds: Double {
        switch unit {
        case .seconds: Double(amount)
        case .minutes: Double(amount) * 60
        case .hours: Double(amount) * 3600
        case .days: Double(amount) * 86_400
        case .weeks: Double(amount) * 7 * 86_400
        case .businessDays: Double(amount) * 86_400 * 7 / 5
        }
    }
}

public struct DurationError: Error, Equatable, CustomStringConvertible {
    public var text: String
    public var reason: String
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }
    public var description: String { "invalid duration '\(text)': \(reason)" }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Dates as people read them in the configured zone: `Thu 3 Dec 14:00`.
public struct Wording: Sendable {
    public var zone: TZifZone
    public init(zone: TZifZone) { self.zone = zone }

    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Thu 3 Dec 14:00`, with the year when it is not `now`'s year.
    public func when(_ date: Date, now: Date? = nil) -> String {
        let f = LocalTime.fields(of: date, in: zone)
        return day(f, now: now) + " " + Self.hhmm(f)
    }

    /// `Tue 3 Nov`, with the year when it is not `now`'s year: a day named in a letter, where the
    /// time of day would read as a timestamp.
    public func day(_ date: Date, now: Date) -> String { day(LocalTime.fields(of: date, in: zone), now: now) }

    func day(_ f: LocalTime.Fields, now: Date?) -> String {
        let wd = Self.weekdays[(LocalTime.weekday(of: f) - 1) % 7]
        var s = "\(wd) \(f.day) \(Self.months[f.month - 1])"
        if let now, LocalTime.fields(of: now, in: zone).year != f.year { s += " \(f.year)" }
        return s
    }

    /// `09:05`. Digits by hand: this is on the path from a timer firing to the reminder going out.
    static func hhmm(_ f: LocalTime.Fields) -> String {
        var out = ""
        Timestamp.digits(f.hour, 2, &out)
        out += ":"
        Timestamp.digits(f.minute, 2, &out)
        return out
    }

    /// `3 December 2026`, for letters.
    public func longDate(_ date: Date) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
        let f = LocalTime.fields(of: date, in: zone)
        return "\(f.day) \(names[f.month - 1]) \(f.year)"
    }

    /// `A`, `A and B`, `A, B and C`: names in a sentence.
    public static func list(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " and " + last
    }

    public func clock(_ date: Date) -> String {
        Self.hhmm(LocalTime.fields(of: date, in: zone))
    }

    /// `in 3 days`, `2 h ago`: a rough relative time for tables.
    public static func relative(_ date: Date, now: Date) -> String {
        let d = date.timeIntervalSince(now)
        let a = abs(d)
        let text: String
        if a < 60 {
            return "now"
        } else if a < 3600 {
            text = "\(Int(a / 60)) min"
        } else if a < 86_400 * 2 {
            text = "\(Int(a / 3600)) h"
        } else {
            text = "\(Int(a / 86_400)) days"
        }
        return d > 0 ? "in \(text)" : "\(text) ago"
    }
}

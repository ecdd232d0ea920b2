#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// What the wall-clock arithmetic needs of a time zone: the offset from UTC at an instant. Local
/// times are resolved from it by `LocalTime`, with iid's own gap and overlap rule.
public protocol UTCOffsets: Sendable {
    /// Seconds east of UTC in force at `date`.
    func secondsFromGMT(for date: Date) -> Int
}

/// A time zone as the system's tz database describes it: the transitions of a TZif file and the
/// POSIX rule after the last one, or a POSIX rule alone (`TZ=CET-1CEST,M3.5.0,M10.5.0/3`).
///
/// It replaces Foundation's `TimeZone`, which needs ICU on Linux. The core never reads the file:
/// `TZif.parse` takes its bytes, and the system layer finds them.
public struct TZifZone: UTCOffsets, Hashable, Sendable, CustomStringConvertible {
    /// The name people know the zone by (`Europe/Berlin`), shown in messages; for a rule, the rule.
    public let identifier: String
    /// Seconds since the epoch, ascending.
    let transitions: [Int64]
    /// The offset in force from each transition on.
    let offsets: [Int]
    /// The offset before the first transition (local time type 0, RFC 9636 §3.2).
    let initialOffset: Int
    /// The footer: every time at or after the last transition (every time, with no transitions).
    let rule: POSIXTimeZone?

    /// A TZif file's local time type.
    struct LocalTimeType {
        var offset: Int
        var isDST: Bool
    }

    init(identifier: String, transitions: [Int64], offsets: [Int], initialOffset: Int, rule: POSIXTimeZone?) {
        self.identifier = identifier
        self.transitions = transitions
        self.offsets = offsets
        self.initialOffset = initialOffset
        self.rule = rule
    }

    /// A zone that is only a POSIX rule.
    public init(identifier: String, rule: POSIXTimeZone) {
        self.init(identifier: identifier, transitions: [], offsets: [], initialOffset: rule.standardOffset, rule: rule)
    }

    /// UTC, which needs no file.
    public static let utc = TZifZone(
        identifier: "UTC", transitions: [], offsets: [], initialOffset: 0, rule: nil)

    public var description: String { identifier }

    public func secondsFromGMT(for date: Date) -> Int {
        let t = date.timeIntervalSince1970.rounded(.down)
        guard t.isFinite else { return initialOffset }
        // Beyond ±2^62 s no transition matters; clamp rather than trap.
        return secondsFromGMT(at: Int64(max(-4e18, min(4e18, t))))
    }

    /// Seconds east of UTC at `t` seconds since the epoch.
    public func secondsFromGMT(at t: Int64) -> Int {
        guard let last = transitions.last else { return rule?.offset(at: t) ?? initialOffset }
        if t >= last, let rule { return rule.offset(at: t) }
        // The last transition at or before `t`.
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? initialOffset : offsets[low - 1]
    }

    /// Every instant in `range` at which the offset may change: the file's transitions and the rule's
    /// changes after them. For tests that compare iid with another reader of the same files.
    public func changes(in range: ClosedRange<Int64>) -> [Int64] {
        var out = transitions.filter { range.contains($0) }
        if let rule {
            let after = transitions.last ?? Int64.min
            let first = LocalTime.civil(days: Int(POSIXTimeZone.floorDiv(max(range.lowerBound, -1 << 40), 86_400))).year
            let last = LocalTime.civil(days: Int(POSIXTimeZone.floorDiv(min(range.upperBound, 1 << 40), 86_400))).year
            for year in first...last {
                out += rule.changes(in: year).filter { $0 >= after && range.contains($0) }
            }
        }
        return out.sorted()
    }
}

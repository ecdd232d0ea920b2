/// A POSIX `TZ` rule such as `CET-1CEST,M3.5.0,M10.5.0/3`: the footer of a TZif file, which governs
/// every time after the file's last transition, and what a person may set `TZ` to.
///
/// Written by hand, as the TZif reader is: no Swift package parses it without Foundation's ICU. The
/// grammar is POSIX's with RFC 9636's extensions: names in angle brackets (`<+03>`), and rule times
/// from -167 to 167 hours (`M3.5.0/-2`, `J365/25`).
public struct POSIXTimeZone: Hashable, Sendable {
    /// Seconds east of UTC outside daylight saving time (POSIX writes them west: `CET-1` is +01:00).
    public var standardOffset: Int
    public var standardName: String
    public var daylight: Daylight?

    /// Daylight saving time: its offset and the two rules that start and end it each year.
    public struct Daylight: Hashable, Sendable {
        public var name: String
        public var offset: Int
        public var start: Rule
        public var end: Rule
    }

    /// A day of the year and the local time on it, in the offset in force before the change.
    public struct Rule: Hashable, Sendable {
        public enum Day: Hashable, Sendable {
            /// `Jn`: 1…365, February 29 never counted (J60 is always March 1).
            case julian(Int)
            /// `n`: 0…365, February 29 counted in leap years.
            case zeroBased(Int)
            /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = the last) of month `m`.
            case monthWeekDay(month: Int, week: Int, weekday: Int)
        }
        public var day: Day
        /// Seconds after local midnight; 02:00 when the rule gives none; may be negative or past 24 h.
        public var time: Int
    }

    /// The US rule glibc applies when `TZ` names daylight time without saying when it starts.
    static let defaultRules = (
        Rule(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200),
        Rule(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
    )

    /// Parses a rule; nil when `text` is not one (the caller names the text in its error).
    public init?(_ text: String) {
        var p = Parser(bytes: Array(text.utf8))
        guard let std = p.name(), let stdOffset = p.offset() else { return nil }
        standardName = std
        standardOffset = stdOffset
        if p.atEnd {
            daylight = nil
            return
        }
        guard let dstName = p.name() else { return nil }
        var dstOffset = stdOffset + 3600
        if let c = p.peek, c != UInt8(ascii: ",") {
            guard let o = p.offset() else { return nil }
            dstOffset = o
        }
        var rules = Self.defaultRules
        if p.peek == UInt8(ascii: ",") {
            p.index += 1
            guard let start = p.rule(), p.peek == UInt8(ascii: ",") else { return nil }
            p.index += 1
            guard let end = p.rule() else { return nil }
            rules = (start, end)
        }
        guard p.atEnd else { return nil }
        daylight = Daylight(name: dstName, offset: dstOffset, start: rules.0, end: rules.1)
    }

    /// Seconds east of UTC in force at `t` seconds since the epoch.
    public func offset(at t: Int64) -> Int {
        guard let dst = daylight else { return standardOffset }
        // A million years either way keeps the day arithmetic far from overflow.
        let t = max(-(1 << 45), min(1 << 45, t))
        let year = LocalTime.civil(days: Int(Self.floorDiv(t + Int64(standardOffset), 86_400))).year
        // The latest change at or before `t`, looking a year either side so that rules whose times
        // cross New Year (`J365/25`) and southern summers are both right. At a tie, the start of
        // daylight time wins: `0/0,J365/25` is daylight time all year.
        var best: (instant: Int64, toDaylight: Bool)?
        for y in (year - 1)...(year + 1) {
            let changes = [
                (instant(of: dst.start, year: y, offsetBefore: standardOffset), true),
                (instant(of: dst.end, year: y, offsetBefore: dst.offset), false),
            ]
            for (at, toDaylight) in changes where at <= t {
                if let b = best, b.instant > at || (b.instant == at && (b.toDaylight || !toDaylight)) { continue }
                best = (at, toDaylight)
            }
        }
        return best?.toDaylight == true ? dst.offset : standardOffset
    }

    /// The instants of each change in `year`, for tests that sample around them.
    public func changes(in year: Int) -> [Int64] {
        guard let dst = daylight else { return [] }
        return [
            instant(of: dst.start, year: year, offsetBefore: standardOffset),
            instant(of: dst.end, year: year, offsetBefore: dst.offset),
        ]
    }

    func instant(of rule: Rule, year: Int, offsetBefore: Int) -> Int64 {
        let jan1 = LocalTime.days(year: year, month: 1, day: 1)
        let leap = LocalTime.daysInMonth(year: year, month: 2) == 29
        let day: Int
        switch rule.day {
        case .julian(let n): day = jan1 + n - 1 + (leap && n >= 60 ? 1 : 0)
        case .zeroBased(let n): day = jan1 + n
        case .monthWeekDay(let month, let week, let weekday):
            let first = LocalTime.days(year: year, month: month, day: 1)
            // 1970-01-01 was a Thursday (4 when Sunday is 0).
            let firstWeekday = ((first % 7) + 7 + 4) % 7
            var d = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            while d - first >= LocalTime.daysInMonth(year: year, month: month) { d -= 7 }
            day = d
        }
        return Int64(day) * 86_400 + Int64(rule.time) - Int64(offsetBefore)
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : (a - b + 1) / b }

    /// The byte-level reader of the grammar.
    struct Parser {
        var bytes: [UInt8]
        var index = 0
        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }
        var atEnd: Bool { index == bytes.count }

        static func isAlpha(_ c: UInt8) -> Bool { (65...90).contains(c) || (97...122).contains(c) }
        static func isDigit(_ c: UInt8) -> Bool { (48...57).contains(c) }

        /// `CET`, or `<+0330>` with letters, digits and signs between the brackets; three or more.
        mutating func name() -> String? {
            let start = index
            if peek == UInt8(ascii: "<") {
                index += 1
                let inner = index
                while let c = peek,
                    Self.isAlpha(c) || Self.isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "-")
                {
                    index += 1
                }
                guard peek == UInt8(ascii: ">"), index - inner >= 3 else { return nil }
                index += 1
                return String(decoding: bytes[inner..<(index - 1)], as: UTF8.self)
            }
            while let c = peek, Self.isAlpha(c) { index += 1 }
            guard index - start >= 3 else { return nil }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        /// `[+-]hh[:mm[:ss]]` as seconds, hours up to `maxHours`.
        mutating func clock(maxHours: Int) -> Int? {
            var sign = 1
            if peek == UInt8(ascii: "+") {
                index += 1
            } else if peek == UInt8(ascii: "-") {
                sign = -1
                index += 1
            }
            guard let h = number(maxDigits: 3), h <= maxHours else { return nil }
            var total = h * 3600
            for scale in [60, 1] {
                guard peek == UInt8(ascii: ":") else { break }
                index += 1
                guard let v = number(maxDigits: 2), v <= 59 else { return nil }
                total += v * scale
            }
            return sign * total
        }

        /// A POSIX offset (west of UTC) as seconds east of UTC.
        mutating func offset() -> Int? { clock(maxHours: 24).map { -$0 } }

        mutating func number(maxDigits: Int) -> Int? {
            let start = index
            var v = 0
            while let c = peek, Self.isDigit(c), index - start < maxDigits {
                v = v * 10 + Int(c - 48)
                index += 1
            }
            return index > start ? v : nil
        }

        mutating func rule() -> Rule? {
            let day: Rule.Day
            if peek == UInt8(ascii: "J") {
                index += 1
                guard let n = number(maxDigits: 3), (1...365).contains(n) else { return nil }
                day = .julian(n)
            } else if peek == UInt8(ascii: "M") {
                index += 1
                guard let m = number(maxDigits: 2), (1...12).contains(m), peek == UInt8(ascii: ".") else { return nil }
                index += 1
                guard let w = number(maxDigits: 1), (1...5).contains(w), peek == UInt8(ascii: ".") else { return nil }
                index += 1
                guard let d = number(maxDigits: 1), (0...6).contains(d) else { return nil }
                day = .monthWeekDay(month: m, week: w, weekday: d)
            } else {
                guard let n = number(maxDigits: 3), (0...365).contains(n) else { return nil }
                day = .zeroBased(n)
            }
            var time = 7200
            if peek == UInt8(ascii: "/") {
                index += 1
                guard let t = clock(maxHours: 167) else { return nil }
                time = t
            }
            return Rule(day: day, time: time)
        }
    }
}

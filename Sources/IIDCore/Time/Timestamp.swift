#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// RFC 3339 timestamps with an explicit UTC offset, the form every event and every JSON field uses.
public enum Timestamp {
    /// `2026-12-03T14:00:00+01:00` for `date` as seen in `zone`.
    public static func format(_ date: Date, in zone: some UTCOffsets) -> String {
        let whole = Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
        let f = LocalTime.fields(of: whole, in: zone)
        let offset = zone.secondsFromGMT(for: whole)
        // Digits by hand: `String(format:)` goes through varargs and NSString, and output of many
        // tasks formats several times each.
        var out = ""
        out.reserveCapacity(25)
        digits(f.year, 4, &out)
        out += "-"
        digits(f.month, 2, &out)
        out += "-"
        digits(f.day, 2, &out)
        out += "T"
        digits(f.hour, 2, &out)
        out += ":"
        digits(f.minute, 2, &out)
        out += ":"
        digits(f.second, 2, &out)
        out += offsetString(offset)
        return out
    }

    /// `value` zero-padded to `width` digits (more if it needs them; a minus sign first).
    static func digits(_ value: Int, _ width: Int, _ out: inout String) {
        if value < 0 { out += "-" }
        let text = String(value.magnitude)
        if text.utf8.count < width { out += String(repeating: "0", count: width - text.utf8.count) }
        out += text
    }

    static func offsetString(_ seconds: Int) -> String {
        if seconds == 0 { return "Z" }
        var out = seconds < 0 ? "-" : "+"
        let a = abs(seconds)
        digits(a / 3600, 2, &out)
        out += ":"
        digits(a % 3600 / 60, 2, &out)
        return out
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)`; a space may replace the `T`. Nil if malformed.
    public static func parse(_ text: String) -> Date? {
        guard let (fields, fraction, rest) = parseLocalPrefix(text), let offset = parseOffset(rest),
            let naive = LocalTime.naiveSeconds(fields)
        else { return nil }
        return Date(timeIntervalSince1970: naive - Double(offset) + fraction)
    }

    /// The local date-time at the start of `text`, its fractional seconds and what follows it.
    static func parseLocalPrefix(_ text: String) -> (LocalTime.Fields, Double, Substring)? {
        let u = Array(text.utf8)
        func num(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= u.count else { return nil }
            var v = 0
            for i in start..<(start + count) {
                let c = u[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard u.count >= 16, let y = num(0, 4), u[4] == UInt8(ascii: "-"), let mo = num(5, 2),
            u[7] == UInt8(ascii: "-"), let d = num(8, 2),
            u[10] == UInt8(ascii: "T") || u[10] == UInt8(ascii: " ")
                || u[10] == UInt8(ascii: "t"),
            let h = num(11, 2), u[13] == UInt8(ascii: ":"), let mi = num(14, 2)
        else { return nil }
        var i = 16
        var s = 0
        var fraction = 0.0
        if i < u.count, u[i] == UInt8(ascii: ":") {
            guard let sec = num(17, 2) else { return nil }
            s = sec
            i = 19
            if i < u.count, u[i] == UInt8(ascii: ".") {
                var j = i + 1
                var scale = 0.1
                while j < u.count, u[j] >= 48, u[j] <= 57 {
                    fraction += Double(u[j] - 48) * scale
                    scale /= 10
                    j += 1
                }
                guard j > i + 1 else { return nil }
                i = j
            }
        }
        guard mo >= 1, mo <= 12, d >= 1, d <= 31, h <= 23, mi <= 59, s <= 60 else { return nil }
        let rest = Substring(decoding: u[i...], as: UTF8.self)
        return (LocalTime.Fields(year: y, month: mo, day: d, hour: h, minute: mi, second: min(s, 59)), fraction, rest)
    }

    /// `Z`, `+01:00`, `-0500` → seconds east of UTC; nil if malformed or empty.
    static func parseOffset(_ s: Substring) -> Int? {
        if s == "Z" || s == "z" { return 0 }
        let u = Array(s.utf8)
        guard u.count == 6 || u.count == 5, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") else { return nil }
        let digits = u.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard digits.count == 4, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        let v = digits.map { Int($0 - 48) }
        let h = v[0] * 10 + v[1]
        let m = v[2] * 10 + v[3]
        guard h <= 23, m <= 59 else { return nil }
        let total = h * 3600 + m * 60
        return u[0] == UInt8(ascii: "-") ? -total : total
    }
}

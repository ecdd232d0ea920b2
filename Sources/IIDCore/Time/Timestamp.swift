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
        // Digits by hand into one buffer and one String made of it: `String(format:)` goes through
        // varargs and NSString, appending to a String piece by piece checks each piece, and
        // `--json` output of many tasks formats several times each.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var n = 0
            func put(_ byte: UInt8) {
                buffer[n] = byte
                n += 1
            }
            func put(_ value: Int, _ width: Int) {
                if value < 0 { put(UInt8(ascii: "-")) }
                var v = value.magnitude
                var count = 1
                var scale: UInt = 1
                while v / scale >= 10 {
                    scale *= 10
                    count += 1
                }
                for _ in count..<max(count, width) { put(UInt8(ascii: "0")) }
                while scale > 0 {
                    put(UInt8(ascii: "0") + UInt8(v / scale))
                    v %= scale
                    scale /= 10
                }
            }
            put(f.year, 4)
            put(UInt8(ascii: "-"))
            put(f.month, 2)
            put(UInt8(ascii: "-"))
            put(f.day, 2)
            put(UInt8(ascii: "T"))
            put(f.hour, 2)
            put(UInt8(ascii: ":"))
            put(f.minute, 2)
            put(UInt8(ascii: ":"))
            put(f.second, 2)
            if offset == 0 {
                put(UInt8(ascii: "Z"))
            } else {
                put(UInt8(ascii: offset < 0 ? "-" : "+"))
                put(abs(offset) / 3600, 2)
                put(UInt8(ascii: ":"))
                put(abs(offset) % 3600 / 60, 2)
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<n]), as: UTF8.self)
        }
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
        // On the string's own bytes: every event's `at` comes through here, and an array of
        // them per call was most of the cost.
        var text = text
        return text.withUTF8 { u in
            guard let (fields, fraction, end) = localPrefix(u),
                let offset = offset(UnsafeBufferPointer(rebasing: u[end...])),
                let naive = LocalTime.naiveSeconds(fields)
            else { return nil }
            return Date(timeIntervalSince1970: naive - Double(offset) + fraction)
        }
    }

    /// The local date-time at the start of `text`, its fractional seconds and what follows it.
    static func parseLocalPrefix(_ text: String) -> (LocalTime.Fields, Double, Substring)? {
        var text = text
        return text.withUTF8 { u in
            localPrefix(u).map { ($0.0, $0.1, Substring(decoding: u[$0.2...], as: UTF8.self)) }
        }
    }

    /// `parseLocalPrefix` on bytes: the fields, the fraction and where the rest begins.
    static func localPrefix(_ u: UnsafeBufferPointer<UInt8>) -> (LocalTime.Fields, Double, Int)? {
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
        return (LocalTime.Fields(year: y, month: mo, day: d, hour: h, minute: mi, second: min(s, 59)), fraction, i)
    }

    /// `Z`, `+01:00`, `-0500` → seconds east of UTC; nil if malformed or empty.
    static func parseOffset(_ s: Substring) -> Int? {
        var text = String(s)
        return text.withUTF8 { offset($0) }
    }

    /// `parseOffset` on bytes.
    static func offset(_ u: UnsafeBufferPointer<UInt8>) -> Int? {
        if u.count == 1, u[0] == UInt8(ascii: "Z") || u[0] == UInt8(ascii: "z") { return 0 }
        guard u.count == 6 || u.count == 5, u[0] == UInt8(ascii: "+") || u[0] == UInt8(ascii: "-") else { return nil }
        // Four digits after the sign, a colon or none among them.
        var digits = 0
        var value = 0
        for c in u.dropFirst() where c != UInt8(ascii: ":") {
            guard c >= 48, c <= 57 else { return nil }
            digits += 1
            value = value * 10 + Int(c - 48)
        }
        guard digits == 4 else { return nil }
        let h = value / 100
        let m = value % 100
        guard h <= 23, m <= 59 else { return nil }
        let total = h * 3600 + m * 60
        return u[0] == UInt8(ascii: "-") ? -total : total
    }
}

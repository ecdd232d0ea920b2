#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A `Date:` header (RFC 5322 §3.3) as an instant, with the obsolete forms of §4.3 that old
/// and careless mailers still write: no day name, a two- or three-digit year, no seconds, a
/// comment after the zone, and the zone as a name (`UT`, `GMT`, `EST`…, military letters).
public enum MailDate {
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    /// §4.3's zone names, in minutes east of UTC. The military letters are -0000 there (their
    /// sign was defined backwards and nobody agrees on it): UTC, with the zone unknown.
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0,
        "edt": -4 * 60, "est": -5 * 60, "cdt": -5 * 60, "cst": -6 * 60,
        "mdt": -6 * 60, "mst": -7 * 60, "pdt": -7 * 60, "pst": -8 * 60,
    ]

    /// The instant `text` names, or nil when it is no date. A missing zone is taken as UTC.
    public static func parse(_ text: String) -> Date? {
        // Comments go; commas separate like white space.
        var cleaned = ""
        var depth = 0
        for c in text {
            if c == "(" {
                depth += 1
            } else if c == ")" {
                if depth > 0 { depth -= 1 }
            } else if depth == 0 {
                cleaned.append(c == "," ? " " : c)
            }
        }
        var words = cleaned.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }).map {
            $0.lowercased()
        }
        guard !words.isEmpty else { return nil }
        // The day name is optional and not checked against the date.
        if let first = words.first, first.count >= 3, first.allSatisfy(\.isLetter),
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].contains(String(first.prefix(3)))
        {
            words.removeFirst()
        }
        guard words.count >= 4 else { return nil }
        var day: Int?
        var month: Int?
        // `3 Dec 2024` as the RFC has it, or `Dec 3 2024` as some mailers write it.
        if let d = Int(words[0]), let m = monthIndex(words[1]) {
            day = d
            month = m
        } else if let m = monthIndex(words[0]), let d = Int(words[1]) {
            day = d
            month = m
        }
        guard let day, let month, (1...31).contains(day) else { return nil }
        var rest = Array(words[2...])
        // The year, and the time: `2024 10:14` or, from some mailers, `10:14 2024`.
        guard rest.count >= 2 else { return nil }
        if rest[0].contains(":"), Int(rest[1]) != nil { rest.swapAt(0, 1) }
        guard rest[0].allSatisfy(\.isNumber), let rawYear = Int(rest[0]) else { return nil }
        let year: Int
        switch rest[0].count {
        case 1, 2: year = rawYear < 50 ? 2000 + rawYear : 1900 + rawYear
        case 3: year = 1900 + rawYear
        default: year = rawYear
        }
        let clock = rest[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), let hour = Int(clock[0]), let minute = Int(clock[1]),
            clock.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isNumber) })
        else { return nil }
        let second = clock.count == 3 ? Int(clock[2]) ?? 0 : 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second) else { return nil }
        var offset = 0
        if rest.count >= 3 {
            let z = rest[2]
            if let sign = z.first, sign == "+" || sign == "-", z.count == 5, z.dropFirst().allSatisfy(\.isNumber),
                let hhmm = Int(z.dropFirst())
            {
                offset = (hhmm / 100 * 60 + hhmm % 100) * (sign == "-" ? -1 : 1)
            } else if let named = zones[z] {
                offset = named
            }
            // Anything else (a military letter, a name nobody defined) is -0000: UTC.
        }
        var comps = DateComponents()
        comps.year = year
        comps.month = month
        comps.day = day
        comps.hour = hour
        comps.minute = minute
        comps.second = min(second, 59)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        guard let local = calendar.date(from: comps),
            calendar.component(.day, from: local) == day
        else { return nil }
        return local.addingTimeInterval(TimeInterval(-offset * 60))
    }

    static func monthIndex(_ word: String) -> Int? {
        guard word.count >= 3, let i = months.firstIndex(of: String(word.prefix(3))) else { return nil }
        return i + 1
    }
}

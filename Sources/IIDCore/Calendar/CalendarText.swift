#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Reads iCalendar text back: what vdirsyncer writes into the calendar folder from the server,
/// in whatever form the phone's client serialised it. Lenient (LF or CRLF, folded or not), and
/// only as deep as iid needs: components, properties with their parameters, dates, durations.
public enum CalendarText {
    public struct Property: Equatable, Sendable {
        /// Upper-cased, as names are case-insensitive.
        public var name: String
        public var parameters: [String: String]
        public var value: String
    }

    public struct Component: Equatable, Sendable {
        public var name: String
        public var properties: [Property] = []
        public var components: [Component] = []

        public func first(_ name: String) -> Property? { properties.first { $0.name == name } }
        public func value(_ name: String) -> String? { first(name)?.value }
        /// The first nested component of `name`, at any depth.
        public func find(_ name: String) -> Component? {
            for c in components {
                if c.name == name { return c }
                if let deeper = c.find(name) { return deeper }
            }
            return nil
        }
    }

    /// Content lines with folding undone.
    public static func unfold(_ text: String) -> [String] {
        var lines: [String] = []
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if let first = line.first, first == " " || first == "\t", !lines.isEmpty {
                lines[lines.count - 1] += line.dropFirst()
            } else if !line.isEmpty {
                lines.append(String(line))
            }
        }
        return lines
    }

    /// The outermost component (VCALENDAR), or nil when the text has none.
    public static func parse(_ text: String) -> Component? {
        var stack: [Component] = []
        var root: Component?
        for line in unfold(text) {
            guard let p = property(line) else { continue }
            if p.name == "BEGIN" {
                stack.append(Component(name: p.value.uppercased()))
            } else if p.name == "END" {
                guard let done = stack.popLast() else { continue }
                if stack.isEmpty {
                    if root == nil { root = done }
                } else {
                    stack[stack.count - 1].components.append(done)
                }
            } else if !stack.isEmpty {
                stack[stack.count - 1].properties.append(p)
            }
        }
        return root
    }

    /// `NAME;PARAM=VALUE;PARAM="QUOTED":value`.
    public static func property(_ line: String) -> Property? {
        var name = ""
        var parameters: [String: String] = [:]
        var current = ""
        var key: String?
        var quoted = false
        var index = line.startIndex
        var inName = true
        func finish() {
            if inName {
                name = current
                inName = false
            } else if let k = key {
                parameters[k.uppercased()] = current
            }
            current = ""
            key = nil
        }
        while index < line.endIndex {
            let ch = line[index]
            if ch == "\"" {
                quoted.toggle()
            } else if !quoted && ch == ":" {
                finish()
                let value = String(line[line.index(after: index)...])
                return name.isEmpty ? nil : Property(name: name.uppercased(), parameters: parameters, value: value)
            } else if !quoted && ch == ";" {
                finish()
            } else if !quoted && ch == "=" && !inName && key == nil {
                key = current
                current = ""
            } else {
                current.append(ch)
            }
            index = line.index(after: index)
        }
        return nil
    }

    /// A TEXT value with its escapes undone.
    public static func unescape(_ value: String) -> String {
        var out = ""
        var escaping = false
        for ch in value {
            if escaping {
                out.append(ch == "n" || ch == "N" ? "\n" : ch)
                escaping = false
            } else if ch == "\\" {
                escaping = true
            } else {
                out.append(ch)
            }
        }
        return out
    }

    /// A DATE-TIME in UTC (`…Z`), with a TZID, or floating (taken in `zone`); a DATE is midnight.
    /// A TZID other than `zone`'s is looked up with `zones` (the core reads no zone files); one it
    /// does not know is taken as `zone`, as before.
    public static func date(_ p: Property, zone: TZifZone, zones: (String) -> TZifZone? = { _ in nil }) -> Date? {
        let v = p.value.trimmingSpaces()
        let digits = v.filter(\.isNumber)
        guard digits.count == 8 || digits.count == 14,
            let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)),
            let day = Int(digits.dropFirst(6).prefix(2))
        else { return nil }
        var f = LocalTime.Fields(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        if digits.count == 14 {
            f.hour = Int(digits.dropFirst(8).prefix(2)) ?? 0
            f.minute = Int(digits.dropFirst(10).prefix(2)) ?? 0
            f.second = Int(digits.dropFirst(12).prefix(2)) ?? 0
        }
        let valueZone: TZifZone
        if v.hasSuffix("Z") {
            valueZone = .utc
        } else if let tzid = p.parameters["TZID"], tzid != zone.identifier, let z = zones(tzid) {
            valueZone = z
        } else {
            valueZone = zone
        }
        return LocalTime.instant(f, in: valueZone)
    }

    /// An RFC 5545 DURATION (`PT1H30M`, `P1D`, `-PT15M`) in seconds.
    public static func duration(_ value: String) -> TimeInterval? {
        var v = Substring(value.trimmingSpaces().uppercased())
        var sign = 1.0
        if v.hasPrefix("-") {
            sign = -1
            v = v.dropFirst()
        } else if v.hasPrefix("+") {
            v = v.dropFirst()
        }
        guard v.hasPrefix("P") else { return nil }
        v = v.dropFirst()
        var total = 0.0
        var number = ""
        var inTime = false
        for ch in v {
            if ch.isNumber {
                number.append(ch)
                continue
            }
            if ch == "T" {
                inTime = true
                continue
            }
            guard let n = Double(number) else { return nil }
            number = ""
            switch (ch, inTime) {
            case ("W", _): total += n * 7 * 86400
            case ("D", _): total += n * 86400
            case ("H", true): total += n * 3600
            case ("M", true): total += n * 60
            case ("S", true): total += n
            default: return nil
            }
        }
        return number.isEmpty ? sign * total : nil
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The content lines of a vCard file, found at the byte level.
///
/// Bytes rather than text because exporters fold lines by octets: a fold can fall inside a UTF-8
/// character, and only after unfolding are a value's bytes a character set's text at all.
enum VCardLines {
    /// One `group.NAME;PARAM=a,b;...:value` line with its value's bytes not yet decoded.
    struct Line {
        /// Upper-cased, without the group (`item1.EMAIL` is `EMAIL`).
        var name: String
        /// Upper-cased parameter names with their values, in order. 2.1's bare parameters get
        /// the name they stand for: `WORK` and `PREF` are `TYPE`, `QUOTED-PRINTABLE` is `ENCODING`.
        var parameters: [(name: String, values: [String])]
        var value: [UInt8]

        func values(_ parameter: String) -> [String] {
            parameters.filter { $0.name == parameter }.flatMap(\.values)
        }

        var isQuotedPrintable: Bool { values("ENCODING").contains { $0.uppercased() == "QUOTED-PRINTABLE" } }
    }

    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
    static let quote = UInt8(ascii: "\"")
    static let colon = UInt8(ascii: ":")
    static let equals = UInt8(ascii: "=")

    /// Physical lines end at LF, CR LF, a lone CR, or CR CR LF (iPhone exports that passed through
    /// one CR LF conversion too many). A line that starts with a space or tab continues the one
    /// before without that character (RFC 6350 §3.2). A quoted-printable value that ends in `=` is
    /// a soft line break (vCard 2.1, as Android and Outlook write it): the next line continues it
    /// as it is. A blank line ends a line, so a stray `=` cannot swallow the `END:VCARD` after it.
    static func lines(_ bytes: [UInt8]) -> [Line] {
        var out: [Line] = []
        var current: [UInt8] = []
        var head = HeadScan()
        var softBreak = false
        func flush() {
            if !current.isEmpty, let line = parse(current, colon: head.colon) { out.append(line) }
            current = []
            head = HeadScan()
            softBreak = false
        }
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while i < bytes.count {
            var end = i
            while end < bytes.count && bytes[end] != lf && bytes[end] != cr { end += 1 }
            let physical = bytes[i..<end]
            i = end
            while i < bytes.count && bytes[i] == cr { i += 1 }
            if i < bytes.count && bytes[i] == lf { i += 1 }

            if physical.isEmpty {
                flush()
                continue
            }
            if softBreak {
                current.removeLast()
                current += physical
            } else if let first = physical.first, first == 0x20 || first == 0x09, !current.isEmpty {
                current += physical.dropFirst()
            } else {
                flush()
                current = Array(physical)
            }
            head.advance(current)
            softBreak = head.isQuotedPrintable && current.last == equals
        }
        flush()
        return out
    }

    /// Finds where the name and parameters end, scanning only bytes not seen before, so that a
    /// line of many folds is read in linear time.
    struct HeadScan {
        var colon: Int?
        var position = 0
        var inQuotes = false
        var isQuotedPrintable = false

        mutating func advance(_ line: [UInt8]) {
            guard colon == nil else { return }
            while position < line.count {
                let b = line[position]
                if b == VCardLines.quote {
                    inQuotes.toggle()
                } else if b == VCardLines.colon && !inQuotes {
                    colon = position
                    isQuotedPrintable = VCardLines.parse(line, colon: position)?.isQuotedPrintable ?? false
                    return
                }
                position += 1
            }
        }
    }

    /// Splits a line at the first colon outside double quotes (`ORG;SORT-AS="Diaz: the firm":…`);
    /// when quotes never close, at the first colon, so that a stray quote loses no value.
    static func parse(_ line: [UInt8], colon: Int?) -> Line? {
        guard let colon = colon ?? line.firstIndex(of: VCardLines.colon) else { return nil }
        let segments = split(line[..<colon], at: UInt8(ascii: ";"))
        guard let first = segments.first else { return nil }
        let qualified = text(first)
        let name = qualified.split(separator: ".").last.map(String.init) ?? ""
        var parameters: [(name: String, values: [String])] = []
        for segment in segments.dropFirst() {
            if let eq = segment.firstIndex(of: equals) {
                let values = split(segment[(eq + 1)...], at: UInt8(ascii: ",")).map { unquote(text($0)) }
                parameters.append((text(segment[..<eq]).uppercased(), values))
            } else {
                let bare = text(segment)
                let encodings = ["QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"]
                parameters.append((encodings.contains(bare.uppercased()) ? "ENCODING" : "TYPE", [bare]))
            }
        }
        return Line(
            name: name.trimmingSpaces().uppercased(), parameters: parameters,
            value: Array(line[(colon + 1)...]))
    }

    /// Splits at `separator` outside double quotes.
    static func split(_ bytes: ArraySlice<UInt8>, at separator: UInt8) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var inQuotes = false
        for i in bytes.indices {
            if bytes[i] == quote {
                inQuotes.toggle()
            } else if bytes[i] == separator && !inQuotes {
                parts.append(bytes[start..<i])
                start = i + 1
            }
        }
        parts.append(bytes[start..<bytes.endIndex])
        return parts
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self).trimmingSpaces()
    }

    static func unquote(_ s: String) -> String {
        s.count >= 2 && s.hasPrefix("\"") && s.hasSuffix("\"") ? String(s.dropFirst().dropLast()) : s
    }
}

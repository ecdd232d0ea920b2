#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// vCard 2.1, 3.0 and 4.0 (RFC 6350) as phones, mail programs and address books export them.
///
/// Read from bytes: lines are unfolded before any text is decoded (see `VCardLines`), then each
/// value is decoded on its own: quoted-printable when it says so, in the charset it declares, else
/// UTF-8 when it is valid UTF-8 and Windows-1252 when not. Values are kept as written (no
/// sanitising here: that happens where they are shown); only the format's escapes are undone.
public enum VCardReader {
    public struct Card: Equatable, Sendable {
        public var name = ""
        public var org: String?
        public var title: String?
        /// The preferred address (`PREF=1`, `TYPE=pref`, 2.1's `PREF`), else the first.
        public var email: String?
        public var phone: String?
        public var address: String?
        public var url: String?
        public var note: String?
    }

    public static func cards(_ data: Data) -> [Card] { cards([UInt8](data)) }

    public static func cards(_ bytes: [UInt8]) -> [Card] {
        var cards: [Card] = []
        var lines: [VCardLines.Line]?
        for line in VCardLines.lines(bytes) {
            let keyword = line.value.count <= 8 ? String(decoding: line.value, as: UTF8.self).uppercased() : ""
            if line.name == "BEGIN" && keyword.trimmingSpaces() == "VCARD" {
                lines = []
            } else if line.name == "END" && keyword.trimmingSpaces() == "VCARD" {
                if let lines, let card = card(lines), !card.name.isEmpty { cards.append(card) }
                lines = nil
            } else {
                lines?.append(line)
            }
        }
        return cards
    }

    /// Text from a caller that has already decoded the file. A file that is not valid UTF-8 is
    /// commonly read as Latin-1, which keeps every byte as one character of U+0000–U+00FF; the
    /// bytes are then taken back, so that a fold inside a UTF-8 character or a Windows-1252 value
    /// still decodes right. Text with a character above U+00FF, or whose Latin-1 bytes are valid
    /// UTF-8 (so that it cannot have been read that way), is read as the UTF-8 it is.
    public static func cards(_ text: String) -> [Card] {
        var latin1: [UInt8] = []
        latin1.reserveCapacity(text.unicodeScalars.count)
        var ascii = true
        for s in text.unicodeScalars {
            guard s.value <= 0xFF else { return cards(Array(text.utf8)) }
            if s.value >= 0x80 { ascii = false }
            latin1.append(UInt8(s.value))
        }
        if ascii || String(validating: latin1, as: UTF8.self) == nil { return cards(latin1) }
        return cards(Array(text.utf8))
    }

    /// The best value of each property: the most preferred, then the first.
    struct Best {
        var value: String?
        var rank = Int.max

        mutating func offer(_ candidate: String, rank: Int) {
            guard !candidate.isEmpty, value == nil || rank < self.rank else { return }
            value = candidate
            self.rank = rank
        }
    }

    static func card(_ lines: [VCardLines.Line]) -> Card? {
        let version = lines.first { $0.name == "VERSION" }.map { text($0) }
        let legacy = version?.hasPrefix("2") ?? false
        var name = Best()
        var structuredName: [String]?
        var org = Best()
        var title = Best()
        var email = Best()
        var emails: [(String, Int)] = []
        var phone = Best()
        var address = Best()
        var url = Best()
        var note = Best()
        for line in lines {
            let rank = preference(line)
            switch line.name {
            case "FN": name.offer(unescape(text(line), legacy: legacy), rank: rank)
            case "N" where structuredName == nil: structuredName = split(text(line), legacy: legacy)
            case "ORG": org.offer(split(text(line), legacy: legacy).first { !$0.isEmpty } ?? "", rank: rank)
            case "TITLE": title.offer(unescape(text(line), legacy: legacy), rank: rank)
            case "EMAIL":
                let address = unescape(text(line), legacy: legacy)
                email.offer(address, rank: rank)
                if !address.isEmpty { emails.append((address, rank)) }
            case "TEL":
                var number = unescape(text(line), legacy: legacy)
                if number.lowercased().hasPrefix("tel:") { number.removeFirst(4) }
                phone.offer(number, rank: rank)
            case "ADR": address.offer(formatAddress(split(text(line), legacy: legacy)), rank: rank)
            case "URL": url.offer(unescape(text(line), legacy: legacy), rank: rank)
            case "NOTE": note.offer(unescape(text(line), legacy: legacy), rank: rank)
            default: break
            }
        }
        var card = Card()
        card.name = name.value ?? ""
        if card.name.isEmpty, let n = structuredName {
            // N is family;given;additional;prefix;suffix
            card.name = [n.count > 1 ? n[1] : "", n.first ?? ""].filter { !$0.isEmpty }.joined(separator: " ")
        }
        card.org = org.value
        card.title = title.value
        // Every address the card gives, the preferred one first (the one drafts use).
        var addresses: [String] = []
        for (address, _) in emails.enumerated().sorted(by: { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) })
            .map(\.element)
        where !addresses.contains(where: { $0.lowercased() == address.lowercased() }) {
            addresses.append(address)
        }
        // As `ContactDetails.emails` writes them: comma-separated.
        card.email = addresses.isEmpty ? email.value : addresses.joined(separator: ", ")
        card.phone = phone.value
        card.address = address.value
        card.url = url.value
        card.note = note.value
        return card
    }

    /// PREF=n (4.0, 1 is the most preferred), `TYPE=pref` however it is spelt or listed (3.0, and
    /// 2.1's bare `PREF`), or no preference at all, which ranks after every preferred value.
    static func preference(_ line: VCardLines.Line) -> Int {
        var rank = 101
        for value in line.values("PREF") {
            rank = min(rank, Int(value).map { max(1, min($0, 100)) } ?? 100)
        }
        // `TYPE="work,pref"` is quoted as one value but meant as a list (RFC 6350's own examples).
        let types = line.values("TYPE").flatMap { $0.split(separator: ",") }
        if types.contains(where: { $0.trimmingSpaces().lowercased() == "pref" }) {
            rank = min(rank, 1)
        }
        return rank
    }

    /// A value's text, before the format's escapes are undone.
    static func text(_ line: VCardLines.Line) -> String {
        let bytes = line.isQuotedPrintable ? TextDecoding.quotedPrintable(line.value) : line.value
        let charset = line.values("CHARSET").first.flatMap(TextDecoding.charset(named:))
        return TextDecoding.text(bytes, charset: charset)
    }

    /// PO box;extended;street;locality;region;postal code;country, as lines of a letter.
    static func formatAddress(_ p: [String]) -> String {
        func at(_ i: Int) -> String { i < p.count ? p[i] : "" }
        let cityLine = [at(5), at(3)].filter { !$0.isEmpty }.joined(separator: " ")
        return [at(0), at(1), at(2), cityLine, at(4), at(6)].filter { !$0.isEmpty }.joined(separator: "\n")
    }

    /// 3.0 and 4.0 escape `\\`, `\,`, `\;` and `\n`; a backslash before any other character is
    /// dropped, as RFC 2426 readers do (Gmail writes `http\://`). 2.1 escapes only `;`, so any other
    /// backslash there is data (a Windows path in a note stays one).
    static func unescape(_ s: String, legacy: Bool) -> String {
        var out = ""
        var escaped = false
        for c in s {
            if escaped {
                if legacy {
                    if c != ";" { out.append("\\") }
                    out.append(c)
                } else {
                    out.append(c == "n" || c == "N" ? "\n" : c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                out.append(c)
            }
        }
        if escaped { out.append("\\") }
        return out.trimmingSpaces()
    }

    /// Splits a structured value on unescaped semicolons.
    static func split(_ s: String, legacy: Bool) -> [String] {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for c in s {
            if escaped {
                current.append("\\")
                current.append(c)
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == ";" {
                parts.append(unescape(current, legacy: legacy))
                current = ""
            } else {
                current.append(c)
            }
        }
        if escaped { current.append("\\") }
        parts.append(unescape(current, legacy: legacy))
        return parts
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A header value that would break the message (a newline from user data, an empty address).
public struct MailHeaderError: Error, Equatable, CustomStringConvertible {
    public var header: String
    public var reason: String
    public var description: String { "mail header \(header): \(reason)" }
}

/// An RFC 5322 message with a UTF-8 text body, ready for `sendmail -t -oi`.
public struct MailMessage: Sendable {
    public var from: String
    public var to: String
    public var subject: String
    public var body: String
    public var date: Date
    public var messageID: String
    public var extraHeaders: [(String, String)] = []

    public init(from: String, to: String, subject: String, body: String, date: Date, messageID: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.date = date
        self.messageID = messageID
    }

    /// An address header must be a single line of plain text: CR, LF and other controls are refused.
    static func checkAddress(_ value: String, header: String) throws(MailHeaderError) {
        if value.trimmingSpaces().isEmpty {
            throw MailHeaderError(header: header, reason: "is empty")
        }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw MailHeaderError(header: header, reason: "contains a newline or control character; refused")
        }
    }

    /// Free text for a header (a subject): controls folded to spaces, non-ASCII as RFC 2047 words.
    public static func encodeText(_ text: String) -> String {
        let flat = String(
            String.UnicodeScalarView(text.unicodeScalars.map { ($0.value < 0x20 || $0.value == 0x7F) ? " " : $0 }))
        if flat.unicodeScalars.allSatisfy({ $0.isASCII }) && !flat.contains("=?") { return flat }
        // Encoded words of at most 75 characters, never splitting a character's bytes.
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in flat {
            let bytes = Array(String(ch).utf8)
            if (chunk.count + bytes.count + 2) / 3 * 4 > 45 {
                words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: "\r\n ")
    }

    /// A display name as one RFC 5322 phrase: a quoted string (`"Doe, Jane"`, with `"` and `\`
    /// escaped) when it is plain ASCII, RFC 2047 encoded words otherwise; never bare, where a
    /// comma would make two mailboxes and a colon a group. A control character is kept, so that
    /// the header check refuses the address rather than sending a changed one.
    public static func displayName(_ name: String) -> String {
        if Printable.hasControls(name) { return name }
        if name.unicodeScalars.allSatisfy({ $0.isASCII }) && !name.contains("=?") {
            return "\"" + name.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
                + "\""
        }
        return encodeText(name)
    }

    /// An unstructured header's value folded (RFC 5322 2.2.3) at spaces so that each line of
    /// `Name: value` stays under 78 octets where a word allows it.
    public static func fold(_ value: String, header: String) -> String {
        let words = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        var current = words.first ?? ""
        var width = header.utf8.count + 2 + current.utf8.count
        for word in words.dropFirst() {
            if width + 1 + word.utf8.count > 77, !current.isEmpty {
                // The fold goes before the space, which stays: unfolding gives the same text back.
                lines.append(current)
                current = word
                width = 1 + word.utf8.count
            } else {
                current += " " + word
                width += 1 + word.utf8.count
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n ")
    }

    /// `Fri, 27 Nov 2026 18:30:00 +0100`.
    public static func rfc5322Date(_ date: Date, zone: TZifZone) -> String {
        let f = LocalTime.fields(of: date, in: zone)
        let wd = Wording.weekdays[(LocalTime.weekday(of: date, in: zone) - 1) % 7]
        let offset = zone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        let time = Digits.padded(f.hour, 2) + ":" + Digits.padded(f.minute, 2) + ":" + Digits.padded(f.second, 2)
        let utc = sign + Digits.padded(a / 3600, 2) + Digits.padded((a % 3600) / 60, 2)
        return "\(wd), \(f.day) \(Wording.months[f.month - 1]) \(Digits.padded(f.year, 4)) \(time) \(utc)"
    }

    /// Quoted-printable (RFC 2045), lines ending CRLF, at most 76 characters.
    public static func quotedPrintable(_ text: String) -> String {
        var out: [String] = []
        let normalized = text.replacing("\r\n", with: "\n")
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            let bytes = Array(line.utf8)
            for (i, b) in bytes.enumerated() {
                var piece: String
                let isLast = i == bytes.count - 1
                if (b >= 33 && b <= 126 && b != 61) || ((b == 32 || b == 9) && !isLast) {
                    piece = String(UnicodeScalar(b))
                } else {
                    piece = "=" + Digits.hex(b)
                }
                // A lone "." or "From " at line start is safe in QP but encoded anyway for old MTAs.
                if current.isEmpty && (b == 46 || (b == 70 && line.hasPrefix("From "))) {
                    piece = "=" + Digits.hex(b)
                }
                if current.utf8.count + piece.utf8.count > 75 {
                    out.append(current + "=")
                    current = ""
                }
                current += piece
            }
            out.append(current)
        }
        return out.joined(separator: "\r\n")
    }

    public func render(zone: TZifZone) throws(MailHeaderError) -> String {
        try Self.checkAddress(from, header: "From")
        try Self.checkAddress(to, header: "To")
        try Self.checkAddress(messageID, header: "Message-ID")
        var headers = [
            ("From", from), ("To", to), ("Subject", Self.subjectValue(subject)),
            ("Date", Self.rfc5322Date(date, zone: zone)),
            ("Message-ID", messageID), ("MIME-Version", "1.0"), ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Transfer-Encoding", "quoted-printable"),
        ]
        for (k, v) in extraHeaders {
            try Self.checkAddress(v, header: k)
            headers.append((k, v))
        }
        return headers.map { "\($0.0): \($0.1)" }.joined(separator: "\r\n") + "\r\n\r\n" + Self.quotedPrintable(body)
            + "\r\n"
    }

    /// The Subject as sent: encoded words for non-ASCII (already folded), plain text folded at spaces.
    static func subjectValue(_ subject: String) -> String {
        let encoded = encodeText(subject)
        return encoded.contains("=?") ? encoded : fold(encoded, header: "Subject")
    }

    /// A stable id for a reminder's mail, so a receiving side can spot a repeat.
    public static func messageID(for key: String, host: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key.utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        let safeHost =
            host.unicodeScalars.allSatisfy {
                $0.isASCII && ($0 == "." || $0 == "-" || $0.isAlphanumeric)
            } && !host.isEmpty ? host : "localhost"
        return "<iid.\(String(hash, radix: 16))@\(safeHost)>"
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A message's header section (RFC 5322 §2.2), read from its bytes: the fields in order, each
/// unfolded, looked up by name without regard to case. The body is never part of it: the reader
/// stops at the first empty line, and the caller caps how many bytes it hands over.
///
/// Mail is other people's text: whatever the bytes are, this never fails. A line that is neither
/// a field nor a continuation ends the section, as it does for Python's `email` parser (the
/// reference the differential test holds this to); bytes that are not UTF-8 become U+FFFD.
public struct MailHeaders: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        /// As written; compare with `lowercasedName`.
        public var name: String
        public var lowercasedName: String
        /// Unfolded (line breaks removed, the folding white space kept), leading white space
        /// dropped. Raw: encoded words are not decoded and control characters are still in it.
        public var value: String
    }

    public var fields: [Field]

    public init(fields: [Field]) { self.fields = fields }

    /// The header section at the start of `bytes`.
    public init(parsing bytes: some Collection<UInt8>) {
        var fields: [Field] = []
        var name: [UInt8] = []
        var value: [UInt8] = []
        var open = false
        func flush() {
            guard open else { return }
            var start = value.startIndex
            while start < value.endIndex, value[start] == 0x20 || value[start] == 0x09 { start += 1 }
            let text = String(decoding: value[start...], as: UTF8.self)
            let n = String(decoding: name, as: UTF8.self)
            fields.append(Field(name: n, lowercasedName: n.lowercased(), value: text))
            open = false
        }
        let bytes = Array(bytes)
        var i = 0
        var first = true
        // Lines end at LF, CR LF or a lone CR, as Python's parser splits them: a lone CR in a
        // field must not hide a field from this reader that a mail client would see.
        while i < bytes.count {
            var end = i
            while end < bytes.count, bytes[end] != 0x0A, bytes[end] != 0x0D { end += 1 }
            let line = bytes[i..<end]
            if end < bytes.count, bytes[end] == 0x0D, end + 1 < bytes.count, bytes[end + 1] == 0x0A {
                i = end + 2
            } else {
                i = end + 1
            }
            if line.isEmpty { break }
            defer { first = false }
            // An mbox "From " line before the fields is not one of them.
            if first, line.starts(with: Array("From ".utf8)) { continue }
            if line.first == 0x20 || line.first == 0x09 {
                // A continuation: unfolding removes the line break and keeps the white space.
                if open { value += line }
                continue
            }
            guard let colon = line.firstIndex(of: 0x3A), line[..<colon].allSatisfy({ (0x21...0x7E).contains($0) })
            else {
                break
            }
            // `: value`, a field with no name, is skipped rather than ending the section.
            if colon == line.startIndex { continue }
            flush()
            name = Array(line[..<colon])
            value = Array(line[(colon + 1)...])
            open = true
        }
        flush()
        self.fields = fields
    }

    /// The first field named `name` (any case), raw.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.lowercasedName == key }?.value
    }

    /// Every field named `name`, in order.
    public func all(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.lowercasedName == key }.map(\.value)
    }

    /// `Subject:` decoded (RFC 2047) and safe to show.
    public var subject: String? { self["subject"].map { MailText.clean(EncodedWords.decode($0)) } }

    /// `From:`'s mailboxes.
    public var from: [MailAddress] { self["from"].map(MailAddress.list) ?? [] }
    public var to: [MailAddress] { all("to").flatMap(MailAddress.list) }
    public var cc: [MailAddress] { all("cc").flatMap(MailAddress.list) }
    public var bcc: [MailAddress] { all("bcc").flatMap(MailAddress.list) }

    /// `Message-ID:`'s id, without the angle brackets.
    public var messageID: String? { self["message-id"].flatMap { MessageIDs.parse($0).first } }
    /// `In-Reply-To:`'s ids.
    public var inReplyTo: [String] { self["in-reply-to"].map(MessageIDs.parse) ?? [] }
    /// `Date:` as an instant, or nil when missing or unreadable.
    public var date: Date? { self["date"].flatMap(MailDate.parse) }
}

/// Header text made safe to keep and show.
public enum MailText {
    /// `text` with control characters (C0, DEL, C1) removed and tabs as spaces: decoded first,
    /// so an encoded ESC is removed too; removed rather than escaped, as a name or subject shown
    /// in a line of iictl's must not carry them in any form.
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else {
            return text
        }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            if u.value == 0x09 {
                out.append(" ")
            } else if u.value >= 0x20 && !(0x7F...0x9F).contains(u.value) {
                out.append(u)
            }
        }
        return String(out)
    }
}

/// Message ids as `Message-ID:`, `In-Reply-To:` and `References:` write them (RFC 5322 §3.6.4):
/// `<left@right>`, comments and white space between.
public enum MessageIDs {
    /// The ids in `text`, without angle brackets and in order; an unbracketed value is taken
    /// whole (trimmed) when it has no white space, as some old mailers wrote it.
    public static func parse(_ text: String) -> [String] {
        var ids: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let id = rest[rest.index(after: open)..<close].filter { !$0.isWhitespace }
            if !id.isEmpty, !Printable.hasControls(id) { ids.append(id) }
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty {
            let bare = text.trimmingSpaces()
            if !bare.isEmpty, !bare.contains(where: \.isWhitespace), !bare.contains("<"), !Printable.hasControls(bare) {
                ids.append(bare)
            }
        }
        return ids
    }
}

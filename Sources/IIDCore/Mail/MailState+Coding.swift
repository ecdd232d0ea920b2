#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `mail.json`'s messages as one short line each (`3f2a… replied jane-doe`), not one JSON object
/// each: a mailbox of 100,000 messages is read back on every scan, and decoding as many keyed
/// objects took most of a scan that found one new message. A file written before, with an object
/// per message, is still read.
extension MailState {
    enum CodingKeys: String, CodingKey { case folders, messages }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        folders = try c.decodeIfPresent([String: Folder].self, forKey: .folders) ?? [:]
        if let lines = try? c.decode([String].self, forKey: .messages) {
            messages.reserveCapacity(lines.count)
            for line in lines {
                guard let (key, verdict) = Verdict.parse(line) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .messages, in: c, debugDescription: "not a message's verdict: \(line.prefix(80))")
                }
                messages[key] = verdict
            }
        } else {
            messages = try c.decodeIfPresent([String: Verdict].self, forKey: .messages) ?? [:]
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(folders, forKey: .folders)
        try c.encode(messages.map { $0.value.line(key: $0.key) }.sorted(), forKey: .messages)
    }
}

extension MailState.Verdict {
    /// `KEY VERDICT[ contact=ID][ mine][ at=SECONDS][ bounced=HASH]`: the contact's id with `%`
    /// and spaces escaped, the time in seconds since 1970 as Swift writes a Double (it reads back
    /// exactly), a bounce's address as its hash.
    func line(key: String) -> String {
        var s = key + " " + verdict
        if let contact {
            s +=
                " contact="
                + contact.replacing("%", with: "%25").replacing(" ", with: "%20")
        }
        if mine == true { s += " mine" }
        if let at { s += " at=\(at.timeIntervalSince1970)" }
        if let bounced { s += " bounced=" + bounced }
        return s
    }

    static func parse(_ line: String) -> (key: String, verdict: Self)? {
        let parts = line.split(separator: " ")
        guard parts.count >= 2 else { return nil }
        var v = Self(verdict: String(parts[1]))
        for part in parts.dropFirst(2) {
            if part == "mine" {
                v.mine = true
            } else if part.hasPrefix("contact=") {
                v.contact = String(part.dropFirst(8)).replacing("%20", with: " ")
                    .replacing("%25", with: "%")
            } else if part.hasPrefix("at="), let seconds = Double(part.dropFirst(3)) {
                v.at = Date(timeIntervalSince1970: seconds)
            } else if part.hasPrefix("bounced="), part.count > 8 {
                v.bounced = String(part.dropFirst(8))
            } else {
                return nil
            }
        }
        return (String(parts[0]), v)
    }
}

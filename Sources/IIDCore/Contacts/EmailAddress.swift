/// A check of an email address as a person types it, so that a typo is caught when it is
/// recorded rather than when it shows up in a `To:` line. Deliberately loose: one `@`, something
/// before it, a domain with a dot after it, no spaces or control characters.
public enum EmailAddress {
    /// Why `text` is not an address, or nil when it looks like one.
    public static func problem(_ text: String) -> String? {
        let quoted = "'\(Printable.escaped(text))'"
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }) {
            return "the email address \(quoted) has a space or a control character in it"
        }
        // A contact's addresses are kept comma-separated (`ContactDetails.emails`).
        if text.contains(",") {
            return "the email address \(quoted) has a comma in it; give each address on its own"
        }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            return "the email address \(quoted) needs exactly one @, as in jane@acme.example"
        }
        guard !parts[0].isEmpty else { return "the email address \(quoted) has nothing before the @" }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }) else {
            return "the email address \(quoted) needs a domain with a dot after the @, as in jane@acme.example"
        }
        return nil
    }
}

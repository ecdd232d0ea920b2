import Foundation

/// Contact ids are short slugs (`jane-doe`) that people type; task ids are built from them with dots.
public enum ContactID {
    public static func isValid(_ id: String) -> Bool {
        // ASCII ids, the ones iictl makes, are checked byte by byte: this runs for every event read.
        if id.utf8.allSatisfy({ $0 < 0x80 }) {
            return !id.isEmpty && id.utf8.count <= 64
                && id.utf8.allSatisfy { b in
                    (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2D
                        || b == 0x5F
                }
        }
        return !id.isEmpty && id.count <= 64
            && id.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
    }

    /// `Jane O'Doe-Smith` → `jane-odoe-smith`; accents folded; never empty.
    public static func slug(for name: String) -> String {
        let special: [Character: String] = [
            "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "đ": "d", "þ": "th",
        ]
        let plain = name.map { special[$0] ?? String($0) }.joined()
        // Other scripts in Latin letters first (李小龙 → lǐ xiǎo lóng), then without accents.
        let latin = plain.applyingTransform(.toLatin, reverse: false) ?? plain
        let stripped = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        let folded = stripped.folding(
            options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        var out = ""
        var lastDash = true
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
                lastDash = false
            } else if scalar == "'" || scalar == "’" {
                continue
            } else if !lastDash {
                out += "-"
                lastDash = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > 40 { out = String(out.prefix(40)) }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? fallback(for: name) : out
    }

    /// A short id for a name with no letters to spell it by: `contact-` and a few characters from
    /// a hash of the name, so that two such names rarely share the same one.
    static func fallback(for name: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for b in name.utf8 { hash = (hash ^ UInt32(b)) &* 16_777_619 }
        return "contact-" + String(hash % 1_679_616, radix: 36)
    }

    /// A slug for `name` not in `taken`: `jane-doe`, then `jane-doe-2`, …
    public static func unique(for name: String, taken: Set<String>) -> String {
        let base = slug(for: name)
        if !taken.contains(base) { return base }
        var n = 2
        while taken.contains("\(base)-\(n)") { n += 1 }
        return "\(base)-\(n)"
    }
}

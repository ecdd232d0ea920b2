#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
            && id.unicodeScalars.allSatisfy { $0.isAlphanumeric || $0 == "-" || $0 == "_" }
    }

    /// Spells a name in a script `LatinFold` has no table for in Latin letters, or nil. The core
    /// loads nothing: iictl sets it at start to `SystemTransliterator.latin` (the system's ICU).
    nonisolated(unsafe) public static var otherScripts: (@Sendable (String) -> String?)? = nil

    /// `Jane O'Doe-Smith` → `jane-odoe-smith`; accents folded; never empty.
    /// `otherScripts` is the hook's value unless a caller (a test) passes its own.
    public static func slug(
        for name: String, otherScripts: (@Sendable (String) -> String?)? = ContactID.otherScripts
    ) -> String {
        let special: [Character: String] = [
            "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "đ": "d", "þ": "th",
        ]
        let plain = name.map { special[$0] ?? String($0) }.joined()
        // Cyrillic and Greek in Latin letters, then without accents; other scripts through
        // `otherScripts` if set (李小龙 → lǐ xiǎo lóng → li xiao long), else a hashed id.
        var folded = LatinFold.fold(plain)
        if folded.unicodeScalars.contains(where: { !$0.isASCII && $0.isAlphanumeric }),
            let latin = otherScripts?(folded)
        {
            folded = LatinFold.fold(latin)
        }
        var out = ""
        var lastDash = true
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, scalar.isAlphanumeric {
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

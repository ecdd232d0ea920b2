#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How the name of an organisation is compared: the one rule by which a person's `--org`, an
/// imported company and the employer list meet.
///
/// People and exporters write one employer many ways ("Acme Analytics GmbH", "ACME analytics",
/// "Acme Analytics, Inc.", "Acme Analytics (formerly Acme Data)"), so two names are the same
/// organisation when their keys are equal. The key is made in this order:
///
/// 1. A part in parentheses that starts with "formerly", "previously" or "now" is taken out; the
///    name inside it is a second name of the same organisation (`formerNames`).
/// 2. Case and accents are folded (`Ä` → `a`, `ß` → `ss`, `Ø` → `o`), as contact ids are.
/// 3. `&` and `+` read as "and"; dots go (`S.A.` → `sa`, `Inc.` → `inc`); every other character
///    that is not a letter or digit separates words.
/// 4. Legal forms at the end are dropped, one after another (`Pty Ltd`, `GmbH & Co. KG`):
///    see `legalForms`. A name that is nothing but a legal form keeps it.
///
/// What the rule cannot tell apart (two firms of one name in two countries) a person splits by
/// hand (`iictl org alias --split`), and what it cannot join (a brand, a renamed firm written
/// without "formerly") they join (`iictl org alias`).
public enum OrgName {
    /// The endings dropped in step 4, as they read after steps 2 and 3.
    public static let legalForms: Set<String> = [
        "ab", "ag", "as", "asa", "bv", "co", "company", "corp", "corporation", "eg", "ev", "gbr", "gmbh", "inc",
        "incorporated", "kg", "kk", "limited", "llc", "llp", "lp", "ltd", "nv", "oy", "oyj", "plc", "pte", "pty",
        "sa", "sarl", "sas", "se", "spa", "srl", "ug", "and",
    ]

    /// The name's key: equal keys are one organisation. Empty only for a name with no letters
    /// or digits.
    public static func key(_ name: String) -> String {
        var words = self.words(mainPart(name))
        while words.count > 1, let last = words.last, legalForms.contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }

    /// The names in "(formerly …)", "(previously …)" or "(now …)": the same organisation too.
    public static func formerNames(_ name: String) -> [String] {
        parentheses(name).compactMap { inner in
            let trimmed = inner.trimmingSpaces()
            guard let marker = markers.first(where: { trimmed.lowercased().hasPrefix($0 + " ") }) else { return nil }
            let rest = trimmed.dropFirst(marker.count).trimmingSpaces()
            return rest.isEmpty ? nil : rest
        }
    }

    /// Every key `name` answers to: its own and its former names'.
    public static func keys(_ name: String) -> [String] {
        ([key(name)] + formerNames(name).map(key)).filter { !$0.isEmpty }
    }

    /// A name as written, for telling written forms apart (`--split` names one form): case and
    /// runs of white space folded, nothing else.
    public static func written(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static let markers = ["formerly", "previously", "now", "vormals", "ehemals"]

    /// `name` without its "(formerly …)" parts; other parentheses stay, as words.
    private static func mainPart(_ name: String) -> String {
        var out = ""
        var depth = 0
        var inner = ""
        for ch in name {
            if ch == "(" {
                if depth == 0 { inner = "" } else { inner.append(ch) }
                depth += 1
            } else if ch == ")", depth > 0 {
                depth -= 1
                if depth == 0 {
                    let t = inner.trimmingSpaces().lowercased()
                    if !markers.contains(where: { t.hasPrefix($0 + " ") }) { out += " " + inner + " " }
                } else {
                    inner.append(ch)
                }
            } else if depth > 0 {
                inner.append(ch)
            } else {
                out.append(ch)
            }
        }
        if depth > 0 { out += " " + inner }
        return out
    }

    private static func parentheses(_ name: String) -> [String] {
        var out: [String] = []
        var depth = 0
        var inner = ""
        for ch in name {
            if ch == "(" {
                if depth > 0 { inner.append(ch) } else { inner = "" }
                depth += 1
            } else if ch == ")", depth > 0 {
                depth -= 1
                if depth == 0 { out.append(inner) } else { inner.append(ch) }
            } else if depth > 0 {
                inner.append(ch)
            }
        }
        return out
    }

    /// Steps 2 and 3: folded words.
    static func words(_ text: String) -> [String] {
        let special: [Character: String] = [
            "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "đ": "d",
            "þ": "th", "&": " and ", "+": " and ",
        ]
        let plain = text.map { special[$0] ?? String($0) }.joined()
        let folded = LatinFold.fold(plain)
        var words: [String] = []
        var word = ""
        for scalar in folded.unicodeScalars {
            if scalar == "." || scalar == "'" || scalar == "’" { continue }
            if scalar.isAlphanumeric {
                word.unicodeScalars.append(scalar)
            } else if !word.isEmpty {
                words.append(word)
                word = ""
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }
}

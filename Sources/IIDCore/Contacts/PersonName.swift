#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The name to greet a person by: the given name, past honorifics and before suffixes, so that
/// "Dr. Anne-Marie O'Neil, PhD" is greeted as Anne-Marie and not as "Dr.".
public enum PersonName {
    /// Titles that come before a name; compared without dots and case.
    static let honorifics: Set<String> = [
        "dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor", "sir", "dame", "lord", "lady", "rev", "fr",
        "herr", "frau", "dipl", "ing", "mag", "mme", "mlle", "m", "sr", "sra", "srta", "don", "dona",
    ]
    /// Letters and degrees that come after one.
    static let suffixes: Set<String> = [
        "phd", "md", "jr", "sr", "ii", "iii", "iv", "mba", "msc", "bsc", "ma", "ba", "esq", "cpa", "dds", "rn",
    ]

    static func bare(_ word: Substring) -> String {
        word.lowercased().filter { $0 != "." && $0 != "," }
    }

    /// The given name of `full`, or `full` itself when it has no parts to tell apart (a name in
    /// a script without spaces, or a single word).
    public static func given(_ full: String) -> String {
        let words = full.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard !words.isEmpty else { return full }
        // A suffix after a comma ("O'Neil, PhD") or at the end is never the given name.
        let kept = words.filter { !suffixes.contains(bare($0)) || $0 == words.first }
        guard let first = kept.first(where: { !honorifics.contains(bare($0)) }) else {
            return full
        }
        var name = String(first)
        while name.hasSuffix(",") { name.removeLast() }
        return name.isEmpty ? full : name
    }
}

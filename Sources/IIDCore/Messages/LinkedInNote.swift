#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A LinkedIn connection note: who suggested you get in touch, who you are in a line, and the ask,
/// within LinkedIn's limit for a note.
public struct LinkedInNote: Sendable {
    /// LinkedIn refuses a connection note longer than this. It is counted in UTF-16 code units,
    /// as the note field's `maxlength` counts them in a browser: a flag emoji is four, a
    /// decomposed é two, a CJK letter one. That is the strictest of the measures (a Character, a
    /// scalar, a code unit), so a note that fits here fits the field however it counts, where a
    /// count of Characters let a note of flags past it. Cuts still fall between whole words, so
    /// never inside a Character.
    public static let limit = 300
    /// Below this many code units the pitch says nothing, and is left out rather than cut.
    static let shortestPitch = 24

    public var config: Config
    public init(config: Config) { self.config = config }

    /// The note to `c`, at most `limit` UTF-16 code units of whole words. What does not fit gives way:
    /// the pitch is shortened first, then the organisation, the given name and your name are left
    /// out; the referrer, the strongest reason to accept, is kept longest.
    public func text(_ c: ContactRecord, referrals: ReferralNames = .none) -> String {
        let given = Self.words(PersonName.given(c.name))
        let org = c.org.map(Self.words).flatMap { $0.isEmpty ? nil : $0 }
        let opening = referrals.opening.map(Self.words)
        let name = Self.words(config.me.name)
        let intro = name.isEmpty ? nil : "I'm \(name)."
        let pitch = Self.sentence(Self.words(config.me.pitch))
        let ask = "I'd value 20 minutes of your view on hot jobs and industry trends"
        let close = "Would you connect?"
        let hello = given.isEmpty ? "Hello," : "Hello \(given),"
        // From the fullest to the plainest: what comes before the pitch, and the ask after it.
        let forms: [(head: [String?], ask: String)] = [
            ([hello, opening, intro], org.map { "\(ask) at \($0). \(close)" } ?? "\(ask). \(close)"),
            ([hello, opening, intro], "\(ask). \(close)"),
            (["Hello,", opening, intro], "\(ask). \(close)"),
            (["Hello,", opening], "\(ask). \(close)"),
        ]
        /// The form with as much of the pitch as fits, or nil when it is over the limit, or
        /// leaves less than `minimumPitch` of a pitch there is.
        func compose(_ form: (head: [String?], ask: String), minimumPitch: Int) -> String? {
            let head = form.head.compactMap { $0 }
            let fixed = (head + [form.ask]).joined(separator: " ")
            guard fixed.utf16.count <= Self.limit else { return nil }
            let short = Self.shortened(pitch, to: Self.limit - fixed.utf16.count - 1)
            if short.isEmpty || short.utf16.count < min(minimumPitch, pitch.utf16.count) {
                return pitch.isEmpty || minimumPitch == 0 ? fixed : nil
            }
            return (head + [short, form.ask]).joined(separator: " ")
        }
        for minimum in [Self.shortestPitch, 0] {
            for form in forms { if let text = compose(form, minimumPitch: minimum) { return text } }
        }
        // A referrer's name alone past the limit: as many of its words as leave room for the ask.
        let plain = "\(ask). \(close)"
        let tail = " suggested I get in touch. " + plain
        let referrer = Self.shortened(
            Self.words(referrals.referrer ?? ""), to: Self.limit - "Hello, ".utf16.count - tail.utf16.count)
        return referrer.isEmpty ? "Hello, " + plain : "Hello, " + referrer + tail
    }

    /// `text` on one line, its runs of white space one space, its other control characters
    /// (ESC, BEL, DEL, the C1 controls) dropped: a note has no line breaks, and a control left in
    /// would be shown escaped, several characters each, and carry the printed note past the limit.
    static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).map { word in
            var kept = String.UnicodeScalarView()
            kept.append(
                contentsOf: word.unicodeScalars.filter { u in u.value >= 0x20 && !(0x7F...0x9F).contains(u.value) })
            return String(kept)
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// `text` ending as a sentence does, since the ask follows it: `data;` becomes `data.`.
    static func sentence(_ text: String) -> String {
        guard let last = text.last, !".!?…".contains(last) else { return text }
        var s = text
        while let l = s.last, l.isPunctuation { s.removeLast() }
        return s.isEmpty ? s : s + "."
    }

    /// `text` in at most `limit` UTF-16 code units, cut after a whole word with `…` (the trailing
    /// punctuation of that word dropped); empty when not even the first word fits.
    static func shortened(_ text: String, to limit: Int) -> String {
        guard text.utf16.count > limit else { return text }
        func ending(_ words: String) -> String {
            var s = words
            while let last = s.last, last.isPunctuation { s.removeLast() }
            return s + "…"
        }
        var out = ""
        for word in text.split(separator: " ") {
            let next = out.isEmpty ? String(word) : out + " " + word
            if ending(next).utf16.count > limit { break }
            out = next
        }
        return out.isEmpty ? "" : ending(out)
    }
}

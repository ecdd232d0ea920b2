#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// How often to keep in touch with one person, overriding `reminders.keep-in-touch`: Monica's
/// "stay in touch every …", kept in the contact's details as its text (`60d`, `never`).
public enum Cadence: Equatable, Sendable, CustomStringConvertible {
    case every(DurationSpec)
    /// No keep-in-touch reminders for this person.
    case never

    /// The text of `--cadence`: a duration longer than zero, or `never`. `default` (stored as an
    /// empty text) goes back to the config's rule and is not a cadence.
    public init(parsing text: String) throws(DurationError) {
        let t = text.trimmingSpaces().lowercased()
        if t == "never" {
            self = .never
            return
        }
        let d = try DurationSpec(parsing: t)
        guard !d.isZero else {
            throw DurationError(text: text, reason: "must be longer than zero (or 'never', or 'default')")
        }
        // Keep-in-touch ids carry the day they count from: a period shorter than a day would
        // reuse one, and keeping in touch by the hour is not the method.
        guard [.days, .businessDays, .weeks].contains(d.unit) else {
            throw DurationError(text: text, reason: "is counted in days: use d, bd or w (e.g. 60d, 6w)")
        }
        self = .every(d)
    }

    /// What `--cadence` stores for `text`: "" for `default`, else the text checked and normalised.
    public static func stored(_ text: String) throws(DurationError) -> String {
        if text.trimmingSpaces().lowercased() == "default" { return "" }
        return try Cadence(parsing: text).description
    }

    public var description: String {
        switch self {
        case .every(let d): d.description
        case .never: "never"
        }
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// A place in a file: `file:line[:column]`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }
    public var description: String {
        if let column { return "\(file):\(line):\(column)" }
        return "\(file):\(line)"
    }
}

/// A problem found in user data: reported, and the rest is still read.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    /// What the problem is, for code that acts on it or tests it; the message is for people and may
    /// be reworded.
    public enum Code: Hashable, Sendable {
        /// A line of the event log that is not an event; skipped.
        case badEventLine(EventDecodingError.Reason)
        /// The last line has no newline and is not an event (a write cut short); left in place.
        case tornLastLine(EventDecodingError.Reason)
        /// An event whose id an earlier event has; ignored.
        case duplicateEventID
        /// Events name a contact that no `added` event adds.
        case contactNeverAdded
        /// An event file that cannot be read (or is not a regular file: a FIFO, a device).
        case unreadableEventFile
        /// A line longer than the reader's bound (a runaway write); skipped, the rest is read.
        case overlongLine
        /// A config key iid does not know (its full path), with a known key it may be a typo of; ignored.
        case unknownConfigKey(String, suggestion: String?)
        /// A contact's `cadence` that is not a duration (a hand-edited log); the config's is used.
        case badCadence
        /// A config file that holds secrets (push URLs) and that other users can read.
        case secretsReadable

        /// Whether it is a torn last line, whatever is wrong with it: such a line is read again
        /// once the rest of it is written.
        public var isTornLastLine: Bool {
            if case .tornLastLine = self { return true }
            return false
        }
    }

    public var severity: Severity
    public var code: Code
    public var location: SourceLocation?
    public var message: String
    public init(_ severity: Severity, _ code: Code, _ message: String, at location: SourceLocation? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
    }
    public var description: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }
}

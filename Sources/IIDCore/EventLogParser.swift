import Foundation

/// Reads the bytes of one event file into events, reporting bad lines and going on with the rest.
public enum EventLogParser {
    public struct Result: Sendable {
        public var events: [Event]
        public var diagnostics: [Diagnostic]
        /// Bytes up to and including the last newline: where an incremental reader resumes.
        public var consumed: Int
        /// The number of newline-terminated lines read, to number the next line correctly.
        public var lines: Int
    }

    /// Parses `bytes`, whose first line is line `firstLine` of `file`.
    ///
    /// A last line without a newline is parsed if it is complete JSON (a file written by hand) and
    /// reported as a torn write otherwise; it is never counted as consumed, so it is read again.
    public static func parse(_ bytes: [UInt8], file: String, firstLine: Int = 1) -> Result {
        var events: [Event] = []
        var diagnostics: [Diagnostic] = []
        var lineNumber = firstLine
        var start = 0
        var consumed = 0
        var lines = 0
        let newline = UInt8(ascii: "\n")
        let count = bytes.count
        func handle(_ lo: Int, _ hi: Int, terminated: Bool) {
            var end = hi
            if end > lo, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let location = SourceLocation(file: file, line: lineNumber)
            guard let text = String(validating: bytes[lo..<end], as: UTF8.self) else {
                diagnostics.append(Diagnostic(.error, "line is not valid UTF-8; skipped", at: location))
                return
            }
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("//") { return }
            do {
                var event = try EventCoding.decode(line: Substring(trimmed))
                event.source = location
                events.append(event)
            } catch {
                let message =
                    terminated
                    ? "\(error.message); line skipped"
                    : "torn last line (an interrupted write?): \(error.message); skipped, left in place"
                diagnostics.append(Diagnostic(.error, message, at: location))
            }
        }
        var i = 0
        while i < count {
            if bytes[i] == newline {
                handle(start, i, terminated: true)
                lineNumber += 1
                lines += 1
                start = i + 1
                consumed = start
            }
            i += 1
        }
        if start < count { handle(start, count, terminated: false) }
        return Result(events: events, diagnostics: diagnostics, consumed: consumed, lines: lines)
    }
}

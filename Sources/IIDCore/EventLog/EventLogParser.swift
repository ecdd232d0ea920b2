#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

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
        func handle(_ lo: Int, _ hi: Int, terminated: Bool, _ buffer: UnsafeBufferPointer<UInt8>) {
            // Blank space at either end, a CR before the newline, and comment lines are not events.
            var lo = lo
            var hi = hi
            while lo < hi, buffer[lo] == 0x20 || buffer[lo] == 0x09 { lo += 1 }
            while hi > lo, buffer[hi - 1] == 0x20 || buffer[hi - 1] == 0x09 || buffer[hi - 1] == 0x0D { hi -= 1 }
            if lo == hi || buffer[lo] == UInt8(ascii: "#")
                || (hi - lo >= 2 && buffer[lo] == UInt8(ascii: "/") && buffer[lo + 1] == UInt8(ascii: "/"))
            {
                return
            }
            let location = SourceLocation(file: file, line: lineNumber)
            switch EventCoding.decode(utf8: UnsafeBufferPointer(rebasing: buffer[lo..<hi])) {
            case .success(var event):
                event.source = location
                events.append(event)
            case .failure(let error):
                let message =
                    terminated
                    ? "\(error.message); line skipped"
                    : "torn last line (an interrupted write?): \(error.message); skipped, left in place"
                let code: Diagnostic.Code =
                    terminated ? .badEventLine(error.reason) : .tornLastLine(error.reason)
                diagnostics.append(Diagnostic(.error, code, message, at: location))
            }
        }
        bytes.withUnsafeBufferPointer { buffer in
            var i = 0
            while i < count {
                if buffer[i] == newline {
                    handle(start, i, terminated: true, buffer)
                    lineNumber += 1
                    lines += 1
                    start = i + 1
                    consumed = start
                }
                i += 1
            }
            if start < count { handle(start, count, terminated: false, buffer) }
        }
        return Result(events: events, diagnostics: diagnostics, consumed: consumed, lines: lines)
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// One journal entry and its encoding in the journal's native protocol: `KEY=value\n`, or for values
/// with a newline or other binary bytes `KEY\n` + little-endian u64 length + bytes + `\n`.
public struct JournalEntry: Sendable, Equatable {
    public var fields: [(String, [UInt8])]

    public static func == (a: JournalEntry, b: JournalEntry) -> Bool {
        a.fields.map(\.0) == b.fields.map(\.0) && a.fields.map(\.1) == b.fields.map(\.1)
    }

    public init(_ fields: [(String, String)]) {
        self.fields = fields.map { ($0.0, Array($0.1.utf8)) }
    }

    /// syslog priorities.
    public enum Priority: Int, Sendable { case error = 3, warning = 4, notice = 5, info = 6, debug = 7 }

    /// Field names: upper-case letters, digits and underscores, not starting with an underscore or digit.
    public static func isValidName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first != "_", !("0"..."9").contains(first), name.count <= 64 else {
            return false
        }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        for (name, value) in fields where Self.isValidName(name) {
            out += Array(name.utf8)
            if value.contains(UInt8(ascii: "\n")) || value.contains(0) {
                out.append(UInt8(ascii: "\n"))
                var length = UInt64(value.count).littleEndian
                withUnsafeBytes(of: &length) { out += $0 }
                out += value
                out.append(UInt8(ascii: "\n"))
            } else {
                out.append(UInt8(ascii: "="))
                out += value
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }

    /// The entry for a reminder message.
    public static func reminder(_ message: ReminderMessage, zone: TZifZone) -> JournalEntry {
        var fields: [(String, String)] = [
            ("MESSAGE", message.summary + (message.body.isEmpty ? "" : "\n" + message.body)),
            ("PRIORITY", String(message.urgency == .critical ? Priority.warning.rawValue : Priority.notice.rawValue)),
            ("SYSLOG_IDENTIFIER", "iid"),
            ("IID_TASK", unique(message.tasks).joined(separator: " ")),
            ("IID_CONTACT", unique(message.contacts).joined(separator: " ")),
            ("IID_KIND", unique(message.kinds.map(\.rawValue)).joined(separator: " ")),
        ]
        if let due = message.due { fields.append(("IID_DUE", Timestamp.format(due, in: zone))) }
        if message.isLate { fields.append(("IID_LATE", "1")) }
        return JournalEntry(fields)
    }
}

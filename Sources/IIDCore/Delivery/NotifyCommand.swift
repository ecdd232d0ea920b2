#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The argv for one `notify-send` call. Never a shell; user text goes after `--`.
public enum NotifyCommand {
    /// Escapes the body markup that notification servers interpret (`&`, `<`, `>`).
    /// By scalars, not characters: this runs between a timer firing and the reminder going out.
    public static func escapeMarkup(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Drops NUL (argv cannot carry it) and other C0 controls except newline and tab.
    public static func clean(_ s: String, keepNewlines: Bool) -> String {
        if !s.utf8.contains(where: { $0 < 0x20 && !(keepNewlines && $0 == 0x0A) || $0 == 0x7F }) { return s }
        return String(
            String.UnicodeScalarView(
                s.unicodeScalars.compactMap { u -> Unicode.Scalar? in
                    if u == "\n" { return keepNewlines ? u : " " }
                    if u == "\t" { return " " }
                    if u.value < 0x20 || u.value == 0x7F { return nil }
                    return u
                }))
    }

    public static func arguments(for message: ReminderMessage, actions: Bool) -> [String] {
        var args = [
            "--app-name=iid",
            "--urgency=\(message.urgency.rawValue)",
            "--category=\(message.category)",
            "--icon=\(message.urgency == .critical ? "dialog-warning" : "appointment-soon")",
        ]
        if let task = message.tasks.first, message.tasks.count == 1 {
            args.append("--hint=string:x-iid-task:\(clean(task, keepNewlines: false))")
        }
        if actions && message.tasks.count == 1 {
            args += NotificationAction.allCases.map(\.argument) + ["--wait", "--print-id"]
        }
        args.append("--")
        args.append(clean(message.summary, keepNewlines: false))
        args.append(escapeMarkup(clean(message.body, keepNewlines: true)))
        return args
    }
}

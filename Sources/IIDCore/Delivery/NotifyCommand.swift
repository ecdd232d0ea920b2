import Foundation

/// The argv for one `notify-send` call. Never a shell; user text goes after `--`.
public enum NotifyCommand {
    /// Escapes the body markup that notification servers interpret (`&`, `<`, `>`).
    public static func escapeMarkup(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Drops NUL (argv cannot carry it) and other C0 controls except newline and tab.
    public static func clean(_ s: String, keepNewlines: Bool) -> String {
        String(
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
            args += ["--action=done=Done", "--action=snooze=Snooze 1h", "--wait", "--print-id"]
        }
        args.append("--")
        args.append(clean(message.summary, keepNewlines: false))
        args.append(escapeMarkup(clean(message.body, keepNewlines: true)))
        return args
    }
}

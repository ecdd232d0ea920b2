import Foundation

/// `iictl status` in words, from the daemon's JSON answer.
public enum StatusText {
    public static func render(_ s: [String: Any]) -> String {
        var lines: [String] = []
        let pid = s["pid"].map { "\($0)" } ?? "?"
        lines.append("iid is running (pid \(pid)) since \(s["since"] as? String ?? "?").")
        lines.append("Config:   \(s["config"] as? String ?? "(built-in default)")")
        lines.append(
            "Events:   \(s["events_dir"] as? String ?? "?") (\(s["events"] ?? 0) events, \(s["contacts"] ?? 0) contacts)"
        )
        lines.append("Pending:  \(s["pending"] ?? 0) tasks, \(s["overdue"] ?? 0) overdue")
        if let next = s["next"] as? [String: Any] {
            lines.append(
                "Next:     \(next["title"] as? String ?? "?") at \(next["at"] as? String ?? "?") (\(next["task"] as? String ?? ""))"
            )
        } else {
            lines.append("Next:     nothing scheduled")
        }
        if let error = s["config_error"] as? String {
            lines.append("Config error (the last good config is in use): \(error)")
        }
        if let channels = s["channels"] as? [String: Any] {
            for name in channels.keys.sorted() {
                guard let c = channels[name] as? [String: Any] else { continue }
                var line = "\(name):".padding(toLength: 10, withPad: " ", startingAt: 0)
                line += "last delivery \(c["last_delivery"] as? String ?? "never")"
                if let err = c["last_error"] as? String {
                    line += "; last error \(c["last_error_at"] as? String ?? ""): \(err)"
                }
                if let retry = c["retrying"] as? Int, retry > 0 { line += "; \(retry) waiting to retry" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }
}

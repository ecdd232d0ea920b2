#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension DaemonStatus {
    /// `iictl status` in words.
    public var text: String {
        var lines: [String] = []
        lines.append("iid is running (pid \(pid)) since \(since).")
        lines.append("Config:   \(config ?? "(built-in default)")")
        lines.append("Events:   \(eventsDir) (\(events) events, \(contacts) contacts)")
        if let device { lines.append("Device:   \(device)") }
        for d in devices ?? [] where !d.this {
            lines.append("Also:     \(d.name), last wrote \(d.lastWrite ?? "never")")
        }
        lines.append("Pending:  \(pending) tasks, \(overdue) overdue")
        if let next {
            lines.append("Next:     \(next.title) at \(next.at) (\(next.task))")
        } else {
            lines.append("Next:     nothing scheduled")
        }
        // A retry is not a reminder: it is shown apart, so that "Next" stays the next new reminder.
        let retrying = channels.values.reduce(0) { $0 + $1.retrying }
        if retrying > 0, let nextWake, nextWake != next?.at {
            lines.append(
                "Retry:    \(retrying) failed \(retrying == 1 ? "delivery" : "deliveries"), next try at \(nextWake)")
        }
        if let nextDigest {
            let via = (digestVia ?? []).map(\.rawValue).joined(separator: ", ")
            lines.append("Digest:   next at \(nextDigest)\(via.isEmpty ? "" : " via \(via)")")
        }
        if let mail {
            let read = mail.lastRead.map { "last read \($0)" } ?? "not read yet"
            lines.append(
                "Mail:     \(mail.folders) folder\(mail.folders == 1 ? "" : "s") watched, \(read)"
                    + (mail.reading ? " (reading now)" : ""))
            let total = mail.counts.values.reduce(0, +)
            if total > 0 {
                let counts = mail.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
                lines.append("          \(total) message\(total == 1 ? "" : "s"): \(counts.joined(separator: ", "))")
            }
            // Addresses and paths: no control character reaches the terminal.
            if let problem = mail.problem { lines.append("          " + Printable.escaped(problem)) }
            lines += mail.bounces.map { Printable.escaped($0) }
            // A contact's name may have come from an import: escaped like the rest.
            lines += (mail.suggestions ?? []).map { Printable.escaped("From mail, not recorded: " + $0) }
        }
        if let configError {
            lines.append("Config error (the last good config is in use): \(configError)")
        }
        for channel in channels.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let c = channels[channel] else { continue }
            var line = "\(channel.rawValue):".padded(to: 10)
            line += "last delivery \(c.lastDelivery ?? "never")"
            if let err = c.lastError { line += "; last error \(c.lastErrorAt ?? ""): \(err)" }
            if c.retrying > 0 { line += "; \(c.retrying) waiting to retry" }
            if channel == .push, let pushTo { line += "; to \(pushTo)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The argv for one `apprise` call, and how its URLs may be shown. Never a shell: the title and
/// body are option values (`--title=…`, one argument each), and the URLs come after `--`.
public enum PushCommand {
    /// Apprise's notification type: an overdue thank-you note is a warning, like its critical
    /// desktop notification; everything else is information.
    public static func type(for message: ReminderMessage) -> String {
        message.urgency == .critical ? "warning" : "info"
    }

    /// Everything after the command's name. With no URLs, Apprise reads its own configuration
    /// file (`~/.config/apprise`, `~/.apprise`, …).
    public static func arguments(for message: ReminderMessage, urls: [String]) -> [String] {
        [
            "--title=" + NotifyCommand.clean(message.summary, keepNewlines: false),
            "--body=" + NotifyCommand.clean(message.body, keepNewlines: true),
            "--notification-type=" + type(for: message),
            // Plain text: a name with `*` or `<b>` is shown as typed, not as markup.
            "--input-format=text",
            "--",
        ] + urls
    }

    /// Schemes whose first part is a token, not a host (`tgram://BOTTOKEN/CHAT`): shown without it.
    static let tokenSchemes: Set<String> = [
        "tgram", "pover", "discord", "slack", "pbul", "join", "ifttt", "msteams", "pushed", "prowl", "spush",
        "lametric", "ntfys-token", "zulip", "gchat", "guilded", "flock", "kumulos", "ryver",
    ]

    /// `scheme://host` of an Apprise URL, without user, password, port, path or query: what the
    /// status and the log may show of a URL that holds secrets.
    public static func display(_ url: String) -> String {
        guard let range = url.firstRange(of: "://") else { return "(not a URL)" }
        let scheme = String(url[..<range.lowerBound]).lowercased()
        guard scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-") }) else {
            return "(not a URL)"
        }
        if tokenSchemes.contains(scheme) { return "\(scheme)://…" }
        var authority = url[range.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = String(authority)
        if host.hasPrefix("[") {
            host = String(host.prefix { $0 != "]" }) + "]"
        } else if let colon = host.firstIndex(of: ":") {
            host = String(host[..<colon])
        }
        return "\(scheme)://\(Printable.escaped(host))"
    }

    /// `text` with every configured URL, and every longer part of one (a password, a token in the
    /// path), replaced: apprise's messages go to the log and the status, the URLs must not.
    public static func redact(_ text: String, urls: [String]) -> String {
        var out = text
        for url in urls.sorted(by: { $0.count > $1.count }) {
            out = out.replacing(url, with: display(url))
            let shown = display(url)
            let parts = url.split(whereSeparator: { "/:@?&=#".contains($0) }).map(String.init)
            for part in parts.sorted(by: { $0.count > $1.count }) where part.count >= 6 && !shown.contains(part) {
                out = out.replacing(part, with: "…")
            }
        }
        return out
    }

    /// What apprise said about a failure, briefly: its ERROR and WARNING lines without their
    /// timestamps (its usage text follows some errors), or the exit status alone.
    public static func explain(exitCode: Int32?, stderr: String, fallback: String) -> String {
        let said = stderr.split(separator: "\n").compactMap { line -> String? in
            for level in [" - ERROR - ", " - WARNING - "] {
                if let r = line.firstRange(of: level) { return String(line[r.upperBound...]) }
            }
            return nil
        }
        guard !said.isEmpty else { return fallback }
        return "exit \(exitCode.map(String.init) ?? "?"): " + said.prefix(3).joined(separator: " | ")
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// `mail:`, the person's Maildir folders that iid reads (off when absent).
extension ConfigParser.Walker {
    mutating func mail(_ node: Node) throws(ConfigError) -> Config.Mail? {
        if case .scalar(let s) = node, isNull(s) || s.string.lowercased() == "off" { return nil }
        var mail = Config.Mail()
        for (k, _, v) in try entries(node, "mail", known: ["roots", "sent", "addresses", "since"]) {
            let path = "mail.\(k)"
            switch k {
            case "roots":
                mail.roots = try oneOrMany(v, path)
                for root in mail.roots where root.isEmpty || Printable.hasControls(root) {
                    throw fail(
                        v, path, "expected Maildir folders such as ~/Mail; '\(Printable.escaped(root))' is not one")
                }
            case "sent":
                mail.sent = try oneOrMany(v, path)
                for name in mail.sent where name.isEmpty || Printable.hasControls(name) {
                    throw fail(
                        v, path,
                        "expected folder names such as Sent or \"[Gmail]/Sent Mail\"; '\(Printable.escaped(name))' is not one"
                    )
                }
            case "addresses":
                mail.addresses = try oneOrMany(v, path)
                for address in mail.addresses {
                    if let problem = EmailAddress.problem(address) { throw fail(v, path, problem) }
                }
            case "since":
                let text = try string(v, path)
                if text.isEmpty {
                    mail.since = nil
                } else if let day = Config.Mail.day(text) {
                    mail.since = day
                } else {
                    throw fail(v, path, "expected a day such as 2026-09-01, got '\(Printable.escaped(text))'")
                }
            default: break
            }
        }
        if mail.roots.isEmpty {
            throw fail(node, "mail.roots", "expected at least one Maildir folder, such as roots: [~/Mail]")
        }
        return mail
    }

    /// A list, or a single string taken as a list of one.
    mutating func oneOrMany(_ node: Node, _ path: String) throws(ConfigError) -> [String] {
        if case .scalar(let s) = node, !isNull(s) { return [s.string] }
        return try strings(node, path)
    }
}

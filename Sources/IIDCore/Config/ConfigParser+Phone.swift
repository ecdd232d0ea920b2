#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The keys for the person's phone: `delivery.push` (Apprise) and `calendar` (the vdir).
extension ConfigParser.Walker {
    mutating func push(_ node: Node) throws(ConfigError) -> Config.Push {
        var push = Config.Push()
        if case .scalar(let s) = node, isNull(s) { return push }
        for (k, _, v) in try entries(node, "delivery.push", known: ["urls", "command", "timeout"]) {
            let path = "delivery.push.\(k)"
            switch k {
            case "urls":
                push.urls = try strings(v, path)
                // A URL is passed to apprise as one argument after `--`; one that is not a URL is a typo.
                for url in push.urls where !url.contains("://") || Printable.hasControls(url) {
                    throw fail(
                        v, path,
                        "expected Apprise URLs such as ntfy://ntfy.sh/TOPIC; '\(PushCommand.display(url))' is not one")
                }
            case "command":
                push.command = try string(v, path)
                if push.command.isEmpty { throw fail(v, path, "expected a program name or path") }
            case "timeout": push.timeout = try positive(v, path)
            default: break
            }
        }
        return push
    }

    /// `calendar: {dir: PATH}`; an empty or absent `dir` turns the calendar off.
    mutating func calendar(_ node: Node) throws(ConfigError) -> String? {
        if case .scalar(let s) = node, isNull(s) || s.string.lowercased() == "off" { return nil }
        var dir: String?
        for (k, _, v) in try entries(node, "calendar", known: ["dir"]) where k == "dir" {
            let text = try string(v, "calendar.dir")
            if Printable.hasControls(text) { throw fail(v, "calendar.dir", "contains a control character") }
            dir = text.isEmpty ? nil : text
        }
        return dir
    }
}

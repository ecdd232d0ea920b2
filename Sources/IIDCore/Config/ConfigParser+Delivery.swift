#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `delivery` keys: each channel's settings, the retry, and who sends with several devices.
extension ConfigParser.Walker {
    mutating func delivery(_ node: Node) throws(ConfigError) -> Config.Delivery {
        var d = Config.Delivery()
        for (key, _, value) in try entries(
            node, "delivery", known: ["notify", "email", "journal", "push", "retry", "sender", "grace", "each_device"])
        {
            switch key {
            case "retry": d.retry = try positive(value, "delivery.retry")
            case "sender": d.sender = try deviceName(value, "delivery.sender")
            case "grace": d.grace = try positive(value, "delivery.grace")
            case "each_device": d.eachDevice = try channels(value, "delivery.each_device")
            case "notify":
                for (k, _, v) in try entries(value, "delivery.notify", known: ["command", "actions", "timeout"]) {
                    let path = "delivery.notify.\(k)"
                    switch k {
                    case "command":
                        d.notify.command = try string(v, path)
                        if d.notify.command.isEmpty { throw fail(v, path, "expected a program name or path") }
                    case "actions": d.notify.actions = try bool(v, path)
                    case "timeout": d.notify.timeout = try positive(v, path)
                    default: break
                    }
                }
            case "email":
                for (k, _, v) in try entries(value, "delivery.email", known: ["to", "from", "sendmail", "timeout"]) {
                    let path = "delivery.email.\(k)"
                    switch k {
                    case "to": d.email.to = try string(v, path)
                    case "from": d.email.from = try string(v, path)
                    case "sendmail":
                        d.email.sendmail = try strings(v, path)
                        if d.email.sendmail.first?.isEmpty ?? true {
                            throw fail(
                                v, path, "expected an argv list such as [\"/usr/sbin/sendmail\", \"-t\", \"-oi\"]")
                        }
                    case "timeout": d.email.timeout = try positive(v, path)
                    default: break
                    }
                }
            case "journal":
                for (k, _, v) in try entries(value, "delivery.journal", known: ["socket"]) {
                    d.journal.socket = try string(v, "delivery.journal.\(k)")
                }
            case "push": d.push = try push(value)
            default: break
            }
        }
        return d
    }

    /// A device name, or nil for empty (the default): it names files, so only safe characters.
    func deviceName(_ node: Node, _ path: String) throws(ConfigError) -> String? {
        let name = try string(node, path)
        if name.isEmpty { return nil }
        guard DeviceName.isValid(name) else {
            throw fail(node, path, "expected a device name of letters, digits, - and _ (at most 64), got '\(name)'")
        }
        return name
    }
}

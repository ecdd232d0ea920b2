import Foundation
import Yams

/// The `delivery` keys: each channel's settings and the retry.
extension ConfigParser.Walker {
    mutating func delivery(_ node: Node) throws(ConfigError) -> Config.Delivery {
        var d = Config.Delivery()
        for (key, _, value) in try entries(
            node, "delivery", known: ["notify", "email", "journal", "push", "retry"])
        {
            switch key {
            case "retry": d.retry = try positive(value, "delivery.retry")
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
}

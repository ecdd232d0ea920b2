#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `digest` key: the weekly digest's rule (`DigestSchedule`).
extension ConfigParser.Walker {
    /// `digest: {every: "mon 08:00", via: [email], empty: skip}`; absent, empty or `off`: no digest.
    mutating func digest(_ node: Node) throws(ConfigError) -> DigestSchedule? {
        if case .scalar(let s) = node, isNull(s) || ["off", "false", "no", "none"].contains(s.string.lowercased()) {
            return nil
        }
        var every: (weekday: Int?, minuteOfDay: Int)?
        var via: [Channel] = [.email]
        var empty = DigestSchedule.Empty.skip
        for (k, _, v) in try entries(node, "digest", known: ["every", "via", "empty"]) {
            let path = "digest.\(k)"
            switch k {
            case "every":
                let text = try string(v, path)
                switch DigestSchedule.parse(every: text) {
                case .success(let rule): every = rule
                case .failure(let error): throw fail(v, path, "\(error.reason), got '\(Printable.escaped(text))'")
                }
            case "via":
                via = try channels(v, path)
                if via.isEmpty {
                    throw fail(
                        v, path, "needs at least one channel, such as [email]; to turn the digest off, remove `digest`")
                }
            case "empty":
                let text = try string(v, path)
                guard let e = DigestSchedule.Empty(rawValue: text.lowercased()) else {
                    throw fail(v, path, "expected skip or send, got '\(Printable.escaped(text))'")
                }
                empty = e
            default: break
            }
        }
        guard let every else {
            throw fail(node, "digest", "needs `every`, such as every: \"mon 08:00\"")
        }
        return DigestSchedule(weekday: every.weekday, minuteOfDay: every.minuteOfDay, via: via, empty: empty)
    }
}

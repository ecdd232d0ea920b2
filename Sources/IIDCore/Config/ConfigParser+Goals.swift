#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `goals` key: a week's goals (`Goals`).
extension ConfigParser.Walker {
    /// The most a week's goal may be: a typo (`50` for `5`) is caught rather than never met.
    static let goalLimit = 100

    /// `goals: {requests: 5, meetings: 2}`; absent, empty or `off`: no goals. Each is a whole
    /// number from 1 to `goalLimit`, and at least one is given.
    mutating func goals(_ node: Node) throws(ConfigError) -> Goals? {
        if case .scalar(let s) = node, isNull(s) || ["off", "false", "no", "none"].contains(s.string.lowercased()) {
            return nil
        }
        var goals = Goals()
        for (k, _, v) in try entries(node, "goals", known: ["requests", "meetings"]) {
            let path = "goals.\(k)"
            let text = try string(v, path)
            guard let n = Int(text), (1...Self.goalLimit).contains(n) else {
                throw fail(
                    v, path,
                    "expected a whole number of \(k) a week from 1 to \(Self.goalLimit), got '\(Printable.escaped(text))'"
                )
            }
            if k == "requests" { goals.requests = n } else { goals.meetings = n }
        }
        guard goals.requests != nil || goals.meetings != nil else {
            throw fail(
                node, "goals", "needs requests or meetings, such as {requests: 5, meetings: 2}; or remove `goals`")
        }
        return goals
    }
}

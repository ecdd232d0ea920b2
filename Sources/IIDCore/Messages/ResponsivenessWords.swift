#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension Responsiveness.Rule {
    /// The rule applied to `c`'s dates, in words, for `iictl explain ID`: each request, what it
    /// earned and why, and the label that stands.
    public func explanation(of c: ContactRecord, at now: Date) -> [String] {
        let w = Wording(zone: zone)
        var lines: [String] = []
        let asks = c.asks.filter { $0.at <= now }
        if asks.isEmpty {
            lines.append("No label: \(c.name) was never asked for a meeting.")
        }
        for (n, ask) in asks.enumerated() {
            var line =
                "Request \(n + 1) of \(w.when(ask.at, now: now)): a quick answer by \(w.when(deadline(ask), now: now)) (\(within) later)"
            if let f = ask.followedUpAt, f <= now { line += "; followed up \(w.when(f, now: now))" }
            switch label(ask, at: now) {
            case .booster?:
                line +=
                    "; answered \(w.when(ask.answeredAt ?? ask.at, now: now)), in time and before any follow-up: booster."
            case .obligate?:
                let answered = ask.answeredAt ?? ask.at
                let why = ask.followedUpAt.map { $0 <= answered } == true ? "after a follow-up" : "later than that"
                line += "; answered \(w.when(answered, now: now)), \(why): obligate."
            case .curmudgeon?:
                line += "; no answer, cold since \(w.when(ask.coldAt ?? ask.at, now: now)): curmudgeon."
            case nil:
                if ask.withdrawn {
                    line += "; called off before an answer: no label from it."
                } else if let cold = ask.coldAt {
                    line += "; still open, cold \(w.when(cold, now: now)) without an answer: no label yet."
                } else {
                    line += "; still open: no label yet."
                }
            }
            lines.append(line)
        }
        if let (l, _) = label(of: c, at: now) {
            lines.append("Label: \(l.rawValue) (the latest request with an outcome decides).")
        } else if !asks.isEmpty {
            lines.append("Label: none yet.")
        }
        return lines
    }
}

/// "Did you mean": the known names closest to a typo, by edit distance, so that `shedule` finds
/// `schedule` and `jane-deo` finds `jane-doe`.
public enum Suggestion {
    /// The Damerau–Levenshtein distance (insertions, deletions, substitutions and swaps of two
    /// neighbours each count one), compared case-insensitively.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a.lowercased())
        let y = Array(b.lowercased())
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
        for i in 0...x.count { d[i][0] = i }
        for j in 0...y.count { d[0][j] = j }
        for i in 1...x.count {
            for j in 1...y.count {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[x.count][y.count]
    }

    /// The candidates within reach of `typo`, closest first: a third of its length in edits (at
    /// least one, at most three), or those it is a prefix of or that are a prefix of it, or whose
    /// start is within reach (`zoee` for `zoe-angstrom`).
    public static func closest(to typo: String, in candidates: [String], limit: Int = 3) -> [String] {
        let reach = max(1, min(3, typo.count / 3))
        let lower = typo.lowercased()
        let scored = candidates.compactMap { c -> (String, Int)? in
            let d = distance(typo, c)
            if d <= reach { return (c, d) }
            let cl = c.lowercased()
            if !lower.isEmpty, cl.hasPrefix(lower) || lower.hasPrefix(cl) { return (c, reach + 1) }
            if typo.count >= 3, distance(typo, String(c.prefix(typo.count))) <= reach { return (c, reach + 2) }
            return nil
        }
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }
}

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The `reminders` key: each kind's rule, and the follow-up sequence (`FollowUps`).
extension ConfigParser.Walker {
    /// Each item a duration longer than zero, reported at its own line and column.
    mutating func durations(_ node: Node, _ path: String) throws(ConfigError) -> [DurationSpec] {
        let reader = self
        return try list(node, path, example: "[7d, 7d] or [3bd, 7bd]") { (item) throws(ConfigError) in
            try reader.positive(item, path)
        }
    }

    mutating func reminders(
        _ node: Node, followUps: inout FollowUps, nextContact: inout NextContact, reportBack: inout Bool
    ) throws(ConfigError) -> [TaskKind: ReminderRule] {
        var rules = ReminderRule.defaults
        for (key, _, value) in try entries(node, "reminders", known: TaskKind.allCases.map(\.rawValue)) {
            guard let kind = TaskKind(rawValue: key) else { continue }
            var rule = rules[kind] ?? ReminderRule(kind: kind)
            let base = "reminders.\(key)"
            let direction = kind.countsBackward ? "before" : "after"
            let other = kind.countsBackward ? "after" : "before"
            let sequenceKeys =
                kind == .followUp ? ["sequence", "cold_after"] : kind == .nextContact ? ["one_at_a_time"] : []
            var after: (DurationSpec, Node)?
            var sequence: (list: [DurationSpec], node: Node)?
            for (k, keyNode, v) in try entries(
                value, base, known: [direction, other, "due", "via", "overdue_via"] + sequenceKeys)
            {
                let path = "\(base).\(k)"
                switch k {
                case direction where kind == .reportBack && isNever(v):
                    // No report owed: the task is never made.
                    reportBack = false
                case direction:
                    rule.offset = try duration(v, path)
                    after = (rule.offset, v)
                case other:
                    throw fail(
                        keyNode, path,
                        "\(key) is counted from \(kind.anchorDescription): use '\(direction)', not '\(other)'")
                case "due": rule.due = try duration(v, path)
                case "via": rule.via = try channels(v, path)
                case "overdue_via": rule.overdueVia = try channels(v, path)
                case "sequence": sequence = (try durations(v, path), v)
                case "cold_after": followUps.coldAfter = try positive(v, path)
                case "one_at_a_time": nextContact.oneAtATime = try bool(v, path)
                default: break
                }
            }
            // The first follow-up is both `after` and the sequence's first: one may give it.
            if kind == .followUp, let (list, node) = sequence {
                if let (offset, _) = after, let first = list.first, first != offset {
                    throw fail(
                        node, "\(base).sequence",
                        "its first follow-up (\(first)) and '\(direction): \(offset)' disagree; give one of them")
                }
                followUps.sequence = list
                if let first = list.first { rule.offset = first }
            } else if kind == .followUp, let (offset, _) = after, !followUps.sequence.isEmpty {
                followUps.sequence[0] = offset
            }
            if kind == .nextContact {
                // The rule and the refusal of `request` wait the same while a request is unanswered.
                if let (offset, node) = after {
                    guard offset.amount > 0 else {
                        throw fail(node, "\(base).\(direction)", "must be longer than zero, e.g. 3bd")
                    }
                    nextContact.after = offset
                }
            }
            rules[kind] = rule
        }
        return rules
    }

    /// `never`, as a duration that turns its task off.
    func isNever(_ node: Node) -> Bool {
        if case .scalar(let s) = node, s.string.trimmingSpaces().lowercased() == "never" {
            return true
        }
        return false
    }
}

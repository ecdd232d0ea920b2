import Foundation

/// The daemon's decision, made afresh on every wake-up: what to send now and when to wake next.
///
/// Recomputing from the log, the ledger and `now` each time is what lets clock jumps, resumes and
/// restarts heal themselves.
public struct Scheduler: Sendable {
    public var config: Config
    public var zone: TimeZone
    /// A reminder delivered later than this after its time is marked late.
    public var lateAfter: TimeInterval = 60

    public init(config: Config, zone: TimeZone) {
        self.config = config
        self.zone = zone
    }

    /// One reminder on one channel that is due now.
    public struct Delivery: Hashable, Sendable {
        public var reminder: Reminder
        public var channel: Channel
        /// Seconds past the reminder's time; positive when delivered late.
        public var lateness: TimeInterval
        public var isLate: Bool
        public var ledgerKey: String { reminder.ledgerKey(channel) }
    }

    /// A reminder that is past helping: recorded in the log and the ledger, not sent.
    public struct Skip: Hashable, Sendable {
        public enum Reason: String, Sendable {
            case tooOld = "older than catch_up"
            case meetingBegun = "the meeting has already begun"
        }
        public var reminder: Reminder
        public var channel: Channel
        public var reason: Reason
        public var ledgerKey: String { reminder.ledgerKey(channel) }
    }

    public struct Decision: Sendable {
        public var deliveries: [Delivery] = []
        public var skips: [Skip] = []
        /// The next instant at which something becomes due; nil when nothing ever will.
        public var nextWake: Date?
        /// The next reminder that will be sent, for status lines.
        public var next: (reminder: Reminder, at: Date)?
        /// Every reminder and channel due at `nextWake`: what the timer will find, known in advance.
        public var upcoming: [(reminder: Reminder, channel: Channel)] = []
    }

    /// When `channel` may deliver a reminder due at `date`: quiet hours hold notify and email.
    public func releaseTime(_ date: Date, channel: Channel) -> Date {
        guard channel != .journal, let quiet = config.quietHours else { return date }
        return quiet.release(date, in: zone)
    }

    public func reminders(for tasks: [PendingTask]) -> [Reminder] {
        tasks.flatMap { Reminder.of($0, rule: config.rule($0.kind)) }
    }

    /// `delivered`: ledger keys already sent or skipped. `blocked`: ledger keys to hold back until a
    /// given time (a failed channel's backoff).
    public func decide(
        tasks: [PendingTask], delivered: Set<String>, now: Date, retryAt: [String: Date] = [:]
    ) -> Decision {
        decide(reminders: [reminders(for: tasks)], delivered: delivered, now: now, retryAt: retryAt)
    }

    /// The same over reminders kept in groups (one per contact, as `LivePlan` keeps them). Reminders
    /// are read in place and copied only when due or next: a wake-up scans every one of them.
    /// `inFlight`: keys being delivered right now, treated as delivered (kept apart from the ledger's
    /// keys so that no wake-up copies the whole ledger).
    public func decide(
        reminders groups: [[Reminder]], delivered: Set<String>, inFlight: Set<String> = [], now: Date,
        retryAt: [String: Date] = [:]
    ) -> Decision {
        var decision = Decision()
        var nextIndex: (Int, Int)?
        let catchUpLimit = config.catchUp.apply(to: now, sign: -1, in: zone)
        let quiet = config.quietHours != nil
        for g in groups.indices {
            let group = groups[g]
            for r in group.indices {
                let fireAt = group[r].fireAt
                let channels = group[r].channels
                for c in channels.indices {
                    let channel = channels[c]
                    let key = group[r].ledgerKeys[c]
                    if delivered.contains(key) || inFlight.contains(key) { continue }
                    var at = quiet ? releaseTime(fireAt, channel: channel) : fireAt
                    if let retry = retryAt[key], retry > at { at = retry }
                    if at > now {
                        if decision.nextWake.map({ at < $0 }) ?? true {
                            decision.nextWake = at
                            nextIndex = (g, r)
                            decision.upcoming = [(group[r], channel)]
                        } else if at == decision.nextWake {
                            decision.upcoming.append((group[r], channel))
                        }
                        continue
                    }
                    let reminder = group[r]
                    if fireAt < catchUpLimit {
                        decision.skips.append(Skip(reminder: reminder, channel: channel, reason: .tooOld))
                    } else if reminder.task.isExpired(at: now) {
                        decision.skips.append(Skip(reminder: reminder, channel: channel, reason: .meetingBegun))
                    } else {
                        let lateness = now.timeIntervalSince(fireAt)
                        decision.deliveries.append(
                            Delivery(
                                reminder: reminder, channel: channel, lateness: lateness, isLate: lateness > lateAfter))
                    }
                }
            }
        }
        if let (g, r) = nextIndex, let at = decision.nextWake { decision.next = (groups[g][r], at) }
        decision.deliveries.sort { ($0.reminder.fireAt, $0.ledgerKey) < ($1.reminder.fireAt, $1.ledgerKey) }
        return decision
    }

    /// The deliveries of `upcoming` at `now`, for a timer that fires at `nextWake`: the ones
    /// `decide` would return then, unless the state changed in between (the caller knows).
    public func due(
        _ upcoming: [(reminder: Reminder, channel: Channel)], now: Date, skipping: (String) -> Bool
    ) -> [Delivery] {
        upcoming.compactMap { item in
            let key = item.reminder.ledgerKey(item.channel)
            guard !skipping(key), !item.reminder.task.isExpired(at: now) else { return nil }
            let lateness = now.timeIntervalSince(item.reminder.fireAt)
            return Delivery(
                reminder: item.reminder, channel: item.channel, lateness: lateness, isLate: lateness > lateAfter)
        }
    }

    /// Deliveries grouped per channel; a channel with several late ones, or many at once, gets one digest.
    public static func batches(_ deliveries: [Delivery]) -> [(channel: Channel, items: [Delivery], digest: Bool)] {
        var out: [(Channel, [Delivery], Bool)] = []
        for channel in Channel.allCases {
            let items = deliveries.filter { $0.channel == channel }
            guard !items.isEmpty else { continue }
            let late = items.filter(\.isLate).count
            out.append((channel, items, items.count > 3 || (items.count > 1 && late > 0)))
        }
        return out
    }
}

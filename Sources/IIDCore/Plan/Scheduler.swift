#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The daemon's decision, made afresh on every wake-up: what to send now and when to wake next.
///
/// Recomputing from the log, the ledger and `now` each time is what lets clock jumps, resumes and
/// restarts heal themselves.
public struct Scheduler: Sendable {
    public var config: Config
    public var zone: TZifZone
    /// A reminder delivered later than this after its time is marked late.
    public var lateAfter: TimeInterval = 60

    public init(config: Config, zone: TZifZone) {
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

        public init(reminder: Reminder, channel: Channel, lateness: TimeInterval, isLate: Bool) {
            self.reminder = reminder
            self.channel = channel
            self.lateness = lateness
            self.isLate = isLate
        }
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
        /// The next reminder that will be sent for the first time (a retry is not one), for status lines.
        public var next: (reminder: Reminder, at: Date)?
        /// What a decision at `nextWake` will deliver, classified now by the same rule as
        /// `deliveries`: the timer sends these the moment it fires, without scanning again.
        public var upcoming: [Delivery] = []

        public init() {}

        /// The deliveries the timer may send on firing at `now`, as this decision foresaw them: only
        /// on time (a late timer's messages must say they are late, so it decides afresh). Valid
        /// because every change of state decides again and replaces this decision.
        public func foreseen(firingAt now: Date) -> [Delivery]? {
            guard let at = nextWake, now >= at, now.timeIntervalSince(at) < Scheduler.onTime else { return nil }
            return upcoming
        }
    }

    /// How late a timer may fire and still send what was prepared when it was armed.
    public static let onTime: TimeInterval = 1

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
    /// keys so that no wake-up copies the whole ledger). `sender`: with several devices, which
    /// channels wait for another device and which another device already sent (`SenderRule`).
    ///
    /// The weekly digest (`config.digest`) is weighed here too, as one more group: its current
    /// period and the next (`DigestSchedule.reminders(at:in:)`), so that the timer is armed for it
    /// like any reminder and there is one decision path. It is never `next`, which names a task.
    /// `latestDigest`: when a digest was last recorded on each channel (`Ledger.latestDigest`). One
    /// recorded at or after a period began is that period's, whatever its key: a period is named
    /// by its wall-clock start, so changing `digest.every` mid-period names this period anew, and
    /// without this rule its digest would go a second time.
    public func decide(
        reminders tasks: [[Reminder]], delivered: Set<String>, inFlight: Set<String> = [], now: Date,
        retryAt: [String: Date] = [:], sender: SenderRule? = nil, latestDigest: [Channel: Date] = [:]
    ) -> Decision {
        var groups = tasks
        if let digest = config.digest { groups.append(digest.reminders(at: now, in: zone)) }
        var decision = Decision()
        var nextIndex: (Int, Int)?
        var nextNew: (reminder: Reminder, at: Date)?
        var upcoming: [(Reminder, Channel)] = []
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
                    if group[r].isDigest, let last = latestDigest[channel], last >= fireAt { continue }
                    var at = quiet ? releaseTime(fireAt, channel: channel) : fireAt
                    if let sender {
                        switch sender.verdict(key: key, channel: channel, at: at) {
                        case .sentElsewhere: continue
                        case .sendAt(let held): at = held
                        }
                    }
                    let retry = retryAt[key]
                    if let retry, retry > at { at = retry }
                    if at > now {
                        if retry == nil, !group[r].isDigest, nextNew.map({ at < $0.at }) ?? true {
                            nextNew = (group[r], at)
                        }
                        if decision.nextWake.map({ at < $0 }) ?? true {
                            decision.nextWake = at
                            nextIndex = (g, r)
                            upcoming = [(group[r], channel)]
                        } else if at == decision.nextWake {
                            upcoming.append((group[r], channel))
                        }
                        continue
                    }
                    switch classify(group[r], channel: channel, now: now, catchUpLimit: catchUpLimit) {
                    case .deliver(let d): decision.deliveries.append(d)
                    case .skip(let s): decision.skips.append(s)
                    }
                }
            }
        }
        decision.next = nextNew
        if nextIndex != nil, let at = decision.nextWake {
            // Nothing older than catch_up can be due at `at` (it is in the future), so only the
            // meeting having begun by then can hold one back: the same rule as above, at `at`.
            let limit = config.catchUp.apply(to: at, sign: -1, in: zone)
            // A digest held past the start of the next period (quiet hours) is no longer the latest
            // then: the decision at `at` will not weigh it, so neither may the timer send it.
            let digestAt = config.digest?.period(at: at, in: zone).key
            for (reminder, channel) in upcoming where !reminder.isDigest || reminder.key == digestAt {
                if case .deliver(let d) = classify(reminder, channel: channel, now: at, catchUpLimit: limit) {
                    decision.upcoming.append(d)
                }
            }
            decision.upcoming.sort(by: Self.deliveryOrder)
        }
        decision.deliveries.sort(by: Self.deliveryOrder)
        return decision
    }

    static func deliveryOrder(_ a: Delivery, _ b: Delivery) -> Bool {
        (a.reminder.fireAt, a.ledgerKey) < (b.reminder.fireAt, b.ledgerKey)
    }

    enum Verdict {
        case deliver(Delivery)
        case skip(Skip)
    }

    /// The one rule for a reminder whose time has come: too old, past its point, or sent (late or not).
    func classify(_ reminder: Reminder, channel: Channel, now: Date, catchUpLimit: Date) -> Verdict {
        if reminder.fireAt < catchUpLimit {
            return .skip(Skip(reminder: reminder, channel: channel, reason: .tooOld))
        }
        if reminder.task.isExpired(at: now) {
            return .skip(Skip(reminder: reminder, channel: channel, reason: .meetingBegun))
        }
        // A digest held by quiet hours is on time at their end: late means the daemon was away.
        let due = reminder.isDigest ? releaseTime(reminder.fireAt, channel: channel) : reminder.fireAt
        let lateness = now.timeIntervalSince(due)
        return .deliver(
            Delivery(reminder: reminder, channel: channel, lateness: lateness, isLate: lateness > lateAfter))
    }
}

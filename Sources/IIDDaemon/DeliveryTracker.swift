import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// The daemon's memory of deliveries between the ledger's lines: what is in flight, what failed
/// and when to try it again, what already fell back to the journal, and each channel's last
/// success and error. A value mutated only on the loop's queue; the policy it applies (the retry
/// delays, the fallback) comes from the core.
struct DeliveryTracker {
    /// Ledger keys being delivered now, so a wake-up meanwhile does not send them again.
    private(set) var inFlight = Set<String>()
    /// Failed keys: attempts so far and when to try again.
    private var failures: [String: (attempts: Int, retryAt: Date)] = [:]
    /// Keys whose failure already went to the fallback channel once.
    private var fellBack = Set<String>()
    private var channels: [Channel: ChannelRecord] = [:]

    struct ChannelRecord {
        var lastDelivery: Date?
        var lastError: String?
        var lastErrorAt: Date?
    }

    /// What the loop does about a finished delivery.
    struct Result {
        /// The ledger gets these keys with this outcome (nil: nothing, it is to be retried).
        var record: LedgerCoding.Outcome?
        /// When a failure is tried again.
        var retryAt: Date?
        /// The failure is the same as the last one on this channel: log it quietly.
        var repeated = false
        /// Send the message here too, now, once.
        var fallback: Channel?
    }

    /// When each failed key may be tried again, for the scheduler.
    var retryAt: [String: Date] { failures.mapValues(\.retryAt) }

    mutating func begin(_ keys: [String]) { inFlight.formUnion(keys) }

    mutating func finish(_ out: Outgoing, outcome: DeliveryOutcome, now: Date, policy: RetryPolicy) -> Result {
        let keys = out.keys
        inFlight.subtract(keys)
        var record = channels[out.channel] ?? ChannelRecord()
        defer { channels[out.channel] = record }
        switch outcome {
        case .delivered:
            for k in keys { failures[k] = nil }
            record.lastDelivery = now
            return Result(record: .delivered)
        case .unavailable(let reason):
            record.lastError = reason
            record.lastErrorAt = now
            return Result(record: .skipped)
        case .failed(let reason):
            // The same failure again (no session bus, relay down) is logged once, then quietly retried.
            let repeated =
                record.lastError == reason && record.lastDelivery.map { $0 < (record.lastErrorAt ?? now) } ?? true
            record.lastError = reason
            record.lastErrorAt = now
            var retryAt = now
            for k in keys {
                let attempts = (failures[k]?.attempts ?? 0) + 1
                retryAt = now.addingTimeInterval(policy.delay(afterAttempt: attempts))
                failures[k] = (attempts, retryAt)
            }
            var fallback = FallbackRule.fallback(for: out.channel, of: out.reminders)
            let fresh = keys.filter { !fellBack.contains($0) }
            if fresh.isEmpty { fallback = nil } else if fallback != nil { fellBack.formUnion(fresh) }
            return Result(record: nil, retryAt: retryAt, repeated: repeated, fallback: fallback)
        }
    }

    /// Each channel's state for `status`, times in `zone`.
    func states(zone: TZifZone) -> [Channel: DaemonStatus.ChannelState] {
        var out: [Channel: DaemonStatus.ChannelState] = [:]
        for c in Channel.allCases {
            let r = channels[c]
            out[c] = DaemonStatus.ChannelState(
                lastDelivery: r?.lastDelivery.map { Timestamp.format($0, in: zone) },
                lastError: r?.lastError, lastErrorAt: r?.lastErrorAt.map { Timestamp.format($0, in: zone) },
                retrying: failures.keys.filter { $0.hasSuffix("#\(c.rawValue)") }.count)
        }
        return out
    }
}

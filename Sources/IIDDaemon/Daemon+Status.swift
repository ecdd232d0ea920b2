import IIDCore
import IIDSystem

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

#if canImport(Glibc)
    import Glibc
#endif

extension Daemon {
    /// The one line systemd shows as `Status:`, as of `now` (the wake-up's own reading of the clock).
    func statusLine(now: Date) -> String {
        let (pending, overdue) = live.pendingCounts(at: now)
        var s = "\(pending) pending"
        if overdue > 0 { s += ", \(overdue) overdue" }
        if let next = decision.next {
            let when = Wording(zone: loaded.zone).when(next.at, now: now)
            s += ", next: \(next.reminder.task.kind.rawValue) with \(next.reminder.task.contactName) at \(when)"
        } else {
            s += ", nothing scheduled"
        }
        if configError != nil { s += " (config error: last good config in use)" }
        return s
    }

    /// The answer to `status`; call on the loop's queue.
    public func status() -> DaemonStatus {
        let now = environment.clock()
        let zone = loaded.zone
        let pending = live.pendingCounts(at: now)
        let next = decision.next.map { n in
            DaemonStatus.Next(
                task: n.reminder.task.id, kind: n.reminder.task.kind, contact: n.reminder.task.contact,
                title: n.reminder.task.title, at: Timestamp.format(n.at, in: zone), channels: n.reminder.channels)
        }
        return DaemonStatus(
            pid: getpid(), since: Timestamp.format(started, in: zone), config: loaded.path, configError: configError,
            timezone: loaded.config.timezone ?? zone.identifier, eventsDir: store.directory,
            events: snapshot.eventCount, contacts: live.contactCount, pending: pending.pending,
            overdue: pending.overdue, next: next, nextWake: timer?.deadline.map { Timestamp.format($0, in: zone) },
            lastReactionMs: lastReaction.map {
                Double($0.components.attoseconds) / 1e15 + Double($0.components.seconds) * 1000
            },
            inFlight: tracker.inFlight.count, deliveredTotal: ledger.keys.count,
            channels: tracker.states(zone: zone), status: statusLine(now: now), device: deviceName,
            devices: devicesSeen(), pushTo: channels.push.targets,
            nextDigest: Scheduler(config: loaded.config, zone: zone).nextDigest(
                at: now, delivered: ledger.keys, inFlight: tracker.inFlight, latestDigest: ledger.latestDigest,
                retryAt: tracker.retryAt
            ).map { Timestamp.format($0, in: zone) },
            digestVia: loaded.config.digest?.via, mail: mailStatus(zone: zone, now: now))
    }

    /// One request on the control socket, from a peer of this user.
    func answer(_ request: String) -> String {
        switch request {
        case "ping": return "pong"
        case "status": return status().encoded()
        case "reload":
            reload(.control)
            return "ok"
        default: return "error: unknown request '\(request)'"
        }
    }
}

import Dispatch
import IIDCore
import IIDSystem
import Logging

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

extension Daemon {
    /// The timer went off. What it was armed for is sent first, as the last decision foresaw it,
    /// so that a reminder leaves without waiting for a whole new decision; the wake-up that
    /// follows, with the same `now`, finds those reminders in flight.
    func timerFired(_ fire: TimerFire) {
        let now = environment.clock()
        if fire == .clockChanged {
            log.notice("the wall clock changed; recomputing the schedule")
            clockJumped(now: now)
            watch.clockChanged(now: now)
        } else {
            watch.timerFired(armedFor: decision.nextWake, now: now)
        }
        if fire == .deadline, !stopping, decision.foreseen(firingAt: now) != nil, !prepared.isEmpty {
            send(prepared, now: now)
        }
        wake(fire == .deadline ? .timer : .clockChanged, now: now)
    }

    /// Moves the timer on by hand: what a `WakeTimer` does on firing, for tests with a clock of
    /// their own. Runs on the loop's queue.
    public func fire(_ fire: TimerFire) {
        queue.async { self.timerFired(fire) }
    }

    /// Clock once, decide, deliver, re-arm.
    func wake(_ reason: WakeReason, now given: Date? = nil) {
        guard !stopping else { return }
        let now = given ?? environment.clock()
        let scheduler = Scheduler(config: loaded.config, zone: loaded.zone)
        decision = scheduler.decide(
            reminders: live.reminders, delivered: ledger.keys, inFlight: tracker.inFlight, now: now,
            retryAt: tracker.retryAt, sender: senderRule(now: now), latestDigest: ledger.latestDigest)
        // A digest is not prepared: its text reads the whole plan, too much to build on every
        // wake-up for a timer that may be re-armed many times before it fires. The wake-up after
        // the timer fires finds it due and composes it then, a moment later.
        prepared =
            decision.nextWake.map { compose(decision.upcoming.filter { !$0.reminder.isDigest }, now: $0).outgoing }
            ?? []
        for skip in decision.skips {
            log.notice(
                "missed reminder not sent: \(skip.reason.rawValue)",
                metadata: [
                    "reminder.task": "\(skip.reminder.task.id)", "delivery.channel": "\(skip.channel.rawValue)",
                    "reminder.due": "\(Timestamp.format(skip.reminder.fireAt, in: loaded.zone))",
                ])
            record(skip.ledgerKey, outcome: .skipped, at: now)
        }
        if !decision.skips.isEmpty { observer?(.skipped(keys: decision.skips.map { $0.ledgerKey })) }
        if !decision.deliveries.isEmpty {
            let composed = compose(decision.deliveries, now: now)
            for d in composed.nothingOwed {
                log.info(
                    "weekly digest not sent: nothing owed",
                    metadata: ["delivery.channel": "\(d.channel.rawValue)", "digest.period": "\(d.reminder.key)"])
                record(d.ledgerKey, outcome: .skipped, at: now)
            }
            if !composed.nothingOwed.isEmpty { observer?(.skipped(keys: composed.nothingOwed.map(\.ledgerKey))) }
            send(composed.outgoing, now: now)
        }
        var wakeAt = decision.nextWake
        if let retry = ledgerRetry(now: now), wakeAt.map({ retry < $0 }) ?? true { wakeAt = retry }
        timer?.arm(wakeAt)
        observer?(.armed(wakeAt))
        notifier.notify(SystemdNotifier.statusLine(statusLine(now: now)))
        updateCalendar(now: now)
    }

    /// The messages for `deliveries`; a weekly digest is written from the whole plan as it stands
    /// (planned only when one is due), and one with nothing to say under `empty: skip` comes back
    /// in `nothingOwed`, to be recorded rather than sent.
    func compose(_ deliveries: [Scheduler.Delivery], now: Date) -> (
        outgoing: [Outgoing], nothingOwed: [Scheduler.Delivery]
    ) {
        let builder = MessageBuilder(config: loaded.config, zone: loaded.zone)
        let digests = deliveries.filter(\.reminder.isDigest)
        let tasks = digests.isEmpty ? deliveries : deliveries.filter { !$0.reminder.isDigest }
        var out = builder.compose(tasks, now: now, watch: watch) { live.contact($0) }
        guard !digests.isEmpty else { return (out, []) }
        let weekly = builder.weekly(digests, plan: live.plan, now: now, watch: watch)
        out += weekly.outgoing
        return (out, weekly.nothingOwed)
    }

    /// Ledger lines the disk refused are written on the next wake-up; while it still refuses, the
    /// loop wakes to try again (`delivery.retry`, doubling, at most an hour), so that they are on
    /// disk before a restart could send their reminders again. Nothing is armed otherwise.
    func ledgerRetry(now: Date) -> Date? {
        guard !ledger.unwritten.isEmpty else {
            ledgerRetryAt = nil
            ledgerAttempts = 0
            return nil
        }
        do {
            try ledger.flush()
            log.notice("the delivery ledger is written again")
            ledgerRetryAt = nil
            ledgerAttempts = 0
            return nil
        } catch {
            if let at = ledgerRetryAt, now < at { return at }
            ledgerAttempts += 1
            let at = now.addingTimeInterval(RetryPolicy(config: loaded.config).delay(afterAttempt: ledgerAttempts))
            ledgerRetryAt = at
            return at
        }
    }

    func record(_ key: String, outcome: LedgerCoding.Outcome, at: Date) {
        let behind = !ledger.unwritten.isEmpty
        do {
            try ledger.record(key, at: at, outcome: outcome)
            if behind { log.notice("the delivery ledger is written again") }
        } catch {
            log.error("cannot write the delivery ledger: \(error.description)")
        }
    }

    var channels: DeliveryChannels {
        DeliveryChannels(
            config: loaded.config, zone: loaded.zone, runner: environment.runner, actions: true,
            host: environment.host,
            onAction: { [weak self] task, action in
                guard let self else { return }
                self.queue.async { self.answered(task: task, action: action) }
            })
    }

    func send(_ outgoing: [Outgoing], now: Date) {
        let channels = self.channels
        for out in outgoing {
            tracker.begin(out.keys)
            inFlightGroup.enter()
            let key = out.keys[0]
            // Started in this turn: the child process is spawned before the task first suspends,
            // so a reminder leaves without waiting for a thread; what follows runs on iid's own
            // executor, never the concurrency pool (see `DeliveryExecutor`).
            Task.immediate(executorPreference: DeliveryExecutor.shared) {
                let outcome = await channels.deliver(out.message, via: out.channel, key: key, now: now)
                self.queue.async {
                    self.finished(out, outcome: outcome)
                    self.inFlightGroup.leave()
                }
            }
        }
    }

    func finished(_ out: Outgoing, outcome: DeliveryOutcome) {
        let now = environment.clock()
        let result = tracker.finish(out, outcome: outcome, now: now, policy: RetryPolicy(config: loaded.config))
        if let outcome = result.record {
            for k in out.keys { record(k, outcome: outcome, at: now) }
        }
        shareDelivery(out, outcome: outcome, at: now)
        let channel = out.channel
        var meta: Logger.Metadata = [
            "delivery.channel": "\(channel.rawValue)",
            "reminder.task":
                "\(out.message.tasks.isEmpty ? out.keys.joined(separator: " ") : out.message.tasks.joined(separator: " "))",
            "reminder.late": "\(out.message.isLate)",
        ]
        switch outcome {
        case .delivered(let detail):
            if !detail.isEmpty { meta["delivery.detail"] = "\(detail)" }
            if out.taskCount > 1 { meta["reminder.count"] = "\(out.taskCount)" }
            log.info("delivered: \(out.message.summary)", metadata: meta)
            observer?(.delivered(channel: channel, keys: out.keys, summary: out.message.summary))
        case .unavailable(let reason):
            log.warning("\(channel.rawValue) is not set up, reminder not sent: \(reason)", metadata: meta)
            observer?(.unavailable(channel: channel, keys: out.keys, reason: reason))
        case .failed(let reason):
            let retryAt = result.retryAt ?? now
            log.log(
                level: result.repeated ? .debug : .error,
                "\(channel.rawValue) delivery failed, retrying in \(Int(retryAt.timeIntervalSince(now))) s: \(reason)",
                metadata: meta)
            observer?(.failed(channel: channel, keys: out.keys, reason: reason, retryAt: retryAt))
        }
        if result.fallback == .journal {
            // The person should still hear of it: the journal gets it now, once.
            _ = channels.journal.deliver(out.message)
            observer?(.fellBack(channel: .journal, keys: out.keys))
        }
        wake(.deliveryFinished, now: now)
    }

    /// A button pressed on a notification: recorded in the log like `iictl done` / `iictl snooze`.
    func answered(task: String, action: NotificationAction) {
        guard let t = live.task(task) else { return }
        let now = environment.clock()
        let at = CausalStamp.stamp(now: now, after: live.contact(t.contact)?.lastEventAt)
        let event = action.event(for: t, id: EventStore.newEventID(at: now), at: at, zone: loaded.zone)
        do {
            try store.append(event, recordedAt: now)
            log.notice("\(action.rawValue) from the notification", metadata: ["reminder.task": "\(t.id)"])
            observer?(.answered(task: t.id, action: action))
        } catch {
            log.error("cannot record the answer '\(action.rawValue)' for \(t.id): \(error.description)")
        }
    }
}

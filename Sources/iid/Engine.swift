import CIIDShims
import Dispatch
import Foundation
import IIDCore
import IIDSystem
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// A reason the daemon cannot start, already logged.
struct StartError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// The daemon's loop. Every wake-up (timer, file change, signal, delivery result) does the same four
/// things on one serial queue: read the clock once, update the state, do what is due, re-arm the one
/// timer for the next deadline. There is no polling: with nothing due, nothing runs.
final class Engine: @unchecked Sendable {
    let queue = DispatchQueue(label: "iid.engine")
    let log: Logger
    let loader: ConfigLoader
    let paths: Paths
    let notifier: SystemdNotifier
    let runner: any ProcessRunner
    let clock: @Sendable () -> Date

    private(set) var loaded: LoadedConfig
    private var configError: String?
    private var store: EventStore
    private var snapshot = EventStore.Snapshot()
    /// The plan, kept up to date event by event.
    private var live: LivePlan
    private let ledger: Ledger
    private var watcher: InotifyWatcher?
    private var timer: WallClockTimer?
    private var signalSources: [DispatchSourceSignal] = []
    private var controlSource: DispatchSourceRead?
    private var controlFD: Int32 = -1
    /// The runtime folder's lock, held for the daemon's life (closed by the kernel at exit).
    private var lockFD: Int32 = -1
    private var watchdog: DispatchSourceTimer?
    private let started: Date

    /// Ledger keys being delivered now, so a wake-up meanwhile does not send them again.
    private var inFlight = Set<String>()
    private let inFlightGroup = DispatchGroup()
    /// Failed keys: attempts so far and when to try again.
    private var failures: [String: (attempts: Int, retryAt: Date)] = [:]
    /// Notify failures already reported and already sent to the journal instead.
    private var fellBack = Set<String>()
    private var channelStatus: [Channel: (lastDelivery: Date?, lastError: String?, lastErrorAt: Date?)] = [:]
    private var stopping = false
    private var nextReminder: (reminder: Reminder, at: Date)?
    private var lastReaction: TimeInterval?
    private var lastDecision: Scheduler.Decision?
    /// What the timer is armed for: the reminders due at `at`, as the last wake-up decided.
    private var upcoming: (at: Date, items: [(reminder: Reminder, channel: Channel)], messages: [Outgoing])?

    init(
        loader: ConfigLoader, paths: Paths, log: Logger, runner: any ProcessRunner = SpawnRunner(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.loader = loader
        self.paths = paths
        self.log = log
        self.runner = runner
        self.clock = clock
        notifier = SystemdNotifier()
        started = clock()
        loaded = try loader.load()
        for w in loaded.warnings { log.warning("\(w.description)") }
        store = EventStore(directory: paths.eventsDirectory(loaded.config), zone: loaded.zone)
        live = LivePlan(planner: Planner(config: loaded.config, zone: loaded.zone), events: [])
        ledger = Ledger(path: paths.ledgerFile, zone: loaded.zone)
    }

    // MARK: Start and stop

    func start() throws {
        try FileIO.makeDirectory(paths.stateDirectory)
        do {
            try ledger.load()
        } catch {
            log.error("cannot read the delivery ledger: \(error.description)")
            throw error
        }
        if ledger.unreadable > 0 {
            log.warning("ledger has \(ledger.unreadable) unreadable line(s) (an interrupted write); they are ignored")
        }
        try FileIO.makeDirectory(store.directory)
        let unsafe = Ownership.problems(configPath: loaded.path, eventsDirectory: store.directory)
        if !unsafe.isEmpty {
            for problem in unsafe { log.critical("refusing to run: \(problem)") }
            throw StartError(message: unsafe.joined(separator: "; "))
        }
        let configDir = (loader.path as NSString).deletingLastPathComponent
        if !FileIO.exists(configDir) { try? FileIO.makeDirectory(configDir) }
        try queue.sync {
            watcher = try InotifyWatcher(queue: queue) { [weak self] changes in self?.filesChanged(changes) }
            watcher?.watch(configDir)
            watcher?.watch(store.directory)
            // The parent too, to notice the events folder being removed, moved back or recreated.
            watcher?.watch((store.directory as NSString).deletingLastPathComponent)
            timer = try WallClockTimer(queue: queue) { [weak self] fire in
                if fire == .clockChanged { self?.log.notice("the wall clock changed; recomputing the schedule") }
                self?.timerFired(fire)
            }
            installSignals()
            try openControlSocket()
            snapshot = store.load()
            reportLogProblems()
            replan()
            log.notice(
                "iid started",
                metadata: [
                    "config": "\(loaded.path ?? "built-in default")", "events.dir": "\(store.directory)",
                    "events.count": "\(snapshot.eventCount)", "pid": "\(getpid())",
                ])
            wake("start")
            notifier.notify("READY=1\n" + SystemdNotifier.statusLine(statusLine()))
            startWatchdog()
        }
    }

    private func installSignals() {
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                if sig == SIGHUP { self.reload(reason: "SIGHUP") } else { self.stop(signal: sig) }
            }
            source.resume()
            signalSources.append(source)
        }
        signal(SIGPIPE, SIG_IGN)
    }

    private func startWatchdog() {
        guard let interval = notifier.watchdogInterval else { return }
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(
            deadline: .now(),
            repeating: .microseconds(
                Int(interval.components.seconds * 1_000_000 + interval.components.attoseconds / 1_000_000_000_000)))
        t.setEventHandler { [weak self] in self?.notifier.notify("WATCHDOG=1") }
        t.resume()
        watchdog = t
        log.info("watchdog pings every \(interval)")
    }

    private func stop(signal sig: Int32) {
        guard !stopping else { return }
        stopping = true
        log.notice(
            "stopping on signal \(sig)\(inFlight.isEmpty ? "" : "; finishing \(inFlight.count) delivery(ies) first")")
        notifier.notify("STOPPING=1")
        timer?.arm(nil)
        inFlightGroup.notify(queue: queue) { [weak self] in
            if let fd = self?.controlFD, fd >= 0, let path = self?.paths.controlSocket { unlink(path); close(fd) }
            self?.log.notice("stopped")
            exit(0)
        }
    }

    // MARK: Inputs

    private func filesChanged(_ changes: [InotifyWatcher.Change]) {
        let t0 = Date()
        let configName = (loader.path as NSString).lastPathComponent
        let configDir = (loader.path as NSString).deletingLastPathComponent
        var configChanged = false
        var eventNames = Set<String>()
        var full = false
        let eventsParent = (store.directory as NSString).deletingLastPathComponent
        let eventsName = (store.directory as NSString).lastPathComponent
        for c in changes {
            if c.overflow {
                full = true
                configChanged = true
                continue
            }
            if c.directory == eventsParent && c.name == eventsName {
                // The folder itself came or went: watch it anew and read it whole.
                watcher?.unwatch(store.directory)
                if watcher?.watch(store.directory) != true {
                    log.warning("the events folder \(store.directory) is gone; waiting for it to come back")
                }
                full = true
            }
            if c.directory == configDir && c.name == configName { configChanged = true }
            if c.directory == store.directory && EventStore.isEventFile(c.name) { eventNames.insert(c.name) }
        }
        if configChanged { reload(reason: "config changed") }
        if full || !eventNames.isEmpty {
            let replayed: String
            switch store.changes(&snapshot, only: full ? nil : eventNames) {
            case .none: return
            case .appended(let events):
                // The usual case: new lines at the end of the log replay only the contacts they name.
                replayed = "\(live.append(events).count)"
            case .rewritten:
                replan()
                replayed = "all"
            }
            reportLogProblems()
            wake("events changed")
            lastReaction = Date().timeIntervalSince(t0)
            log.debug(
                "events re-read and timer re-armed",
                metadata: [
                    "reaction.ms": "\(String(format: "%.2f", (lastReaction ?? 0) * 1000))",
                    "contacts.replayed": "\(replayed)",
                ])
        }
    }

    private var reported = Set<Diagnostic>()

    private func reportLogProblems() {
        if let err = snapshot.directoryError { log.error("\(err)") }
        for d in snapshot.diagnostics + live.diagnostics where !reported.contains(d) {
            reported.insert(d)
            if d.severity == .error { log.error("\(d.description)") } else { log.warning("\(d.description)") }
        }
    }

    /// Reads the config again; a bad one is reported and the last good one kept.
    func reload(reason: String) {
        notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(monotonicMicros())")
        defer { notifier.notify("READY=1\n" + SystemdNotifier.statusLine(statusLine())) }
        do throws(ConfigError) {
            let fresh = try loader.load()
            for w in fresh.warnings { log.warning("\(w.description)") }
            let newDir = paths.eventsDirectory(fresh.config)
            // The checks made at start hold for a reload too: a config or events folder others can
            // write to is refused, and the last good config kept.
            try? FileIO.makeDirectory(newDir)
            let unsafe = Ownership.problems(configPath: fresh.path, eventsDirectory: newDir)
            if !unsafe.isEmpty {
                throw ConfigError(
                    location: SourceLocation(file: fresh.path ?? loader.path, line: 1),
                    message: "refusing this config: " + unsafe.joined(separator: "; "))
            }
            let source: Logger.Metadata = ["config": "\(fresh.path ?? "built-in default")"]
            if fresh.config != loaded.config || fresh.zone != loaded.zone || configError != nil {
                log.notice("config reloaded (\(reason))", metadata: source)
            } else if reason == "SIGHUP" {
                log.notice("reloaded on SIGHUP; the config is unchanged", metadata: source)
            }
            loaded = fresh
            configError = nil
            if newDir != store.directory {
                watcher?.unwatch(store.directory)
                store = EventStore(directory: newDir, zone: fresh.zone)
                try? FileIO.makeDirectory(newDir)
                watcher?.watch(newDir)
                snapshot = store.load()
            }
            store.zone = fresh.zone
        } catch {
            configError = error.description
            log.error("\(error.description); keeping the last good config")
        }
        if reason == "SIGHUP" { snapshot = store.load() }
        reportLogProblems()
        replan()
        wake("reload")
    }

    private func replan() {
        live = LivePlan(planner: Planner(config: loaded.config, zone: loaded.zone), events: snapshot.events)
        // Reading a large log leaves freed heap behind; hand it back rather than keep it resident.
        iid_malloc_trim()
    }

    // MARK: The loop

    /// The timer went off. What it was armed for is sent first, as the last decision foresaw it,
    /// so that a reminder leaves without waiting for a whole new decision; that decision follows
    /// at once and finds those reminders in flight.
    private func timerFired(_ fire: WallClockTimer.Fire) {
        let now = clock()
        if fire == .deadline, !stopping, let planned = upcoming, planned.at <= now {
            let deliveries = Scheduler(config: loaded.config, zone: loaded.zone).due(planned.items, now: now) {
                self.inFlight.contains($0) || self.ledger.contains($0)
            }
            // The messages were written when the timer was armed; they stand if nothing dropped out
            // and the timer is on time (a late one says so in its message).
            if deliveries.count == planned.items.count, now.timeIntervalSince(planned.at) < 1 {
                send(planned.messages, now: now)
            } else if !deliveries.isEmpty {
                dispatch(deliveries, now: now)
            }
        }
        wake("timer")
    }

    /// Clock once, decide, deliver, re-arm.
    func wake(_ why: String) {
        guard !stopping else { return }
        let now = clock()
        let scheduler = Scheduler(config: loaded.config, zone: loaded.zone)
        var retry: [String: Date] = [:]
        for (k, f) in failures { retry[k] = f.retryAt }
        let decision = scheduler.decide(
            reminders: live.reminders, delivered: ledger.keys, inFlight: inFlight, now: now, retryAt: retry)
        lastDecision = decision
        nextReminder = decision.next
        // Every change of state comes through here, so this foresight is never older than the state.
        upcoming = decision.nextWake.map { at in
            let due = scheduler.due(decision.upcoming, now: at) { _ in false }
            return (at, decision.upcoming, compose(due, now: at))
        }
        for skip in decision.skips {
            log.notice(
                "missed reminder not sent: \(skip.reason.rawValue)",
                metadata: [
                    "reminder.task": "\(skip.reminder.task.id)", "delivery.channel": "\(skip.channel.rawValue)",
                    "reminder.due": "\(Timestamp.format(skip.reminder.fireAt, in: loaded.zone))",
                ])
            record(skip.ledgerKey, outcome: .skipped, at: now)
        }
        if !decision.deliveries.isEmpty { dispatch(decision.deliveries, now: now) }
        timer?.arm(decision.nextWake)
        notifier.notify(SystemdNotifier.statusLine(statusLine()))
    }

    private func record(_ key: String, outcome: LedgerCoding.Outcome, at: Date) {
        do {
            try ledger.record(key, at: at, outcome: outcome)
        } catch {
            log.error("cannot write the delivery ledger: \(error.description)")
        }
    }

    /// One message to send on one channel, and the deliveries it carries.
    private typealias Outgoing = (message: ReminderMessage, items: [Scheduler.Delivery], channel: Channel)

    private func dispatch(_ deliveries: [Scheduler.Delivery], now: Date) {
        send(compose(deliveries, now: now), now: now)
    }

    /// The messages for `deliveries`: a digest for a batch that calls for one, otherwise one each.
    private func compose(_ deliveries: [Scheduler.Delivery], now: Date) -> [Outgoing] {
        let builder = MessageBuilder(config: loaded.config, zone: loaded.zone)
        var out: [Outgoing] = []
        for batch in Scheduler.batches(deliveries) {
            if batch.digest {
                let items = batch.items.map { ($0.reminder, live.contact($0.reminder.task.contact)) }
                out.append((builder.digest(items, now: now), batch.items, batch.channel))
            } else {
                for d in batch.items {
                    let contact = live.contact(d.reminder.task.contact)
                    out.append(
                        (
                            builder.message(for: d.reminder, contact: contact, now: now, late: d.isLate), [d],
                            batch.channel
                        ))
                }
            }
        }
        return out
    }

    private func send(_ outgoing: [Outgoing], now: Date) {
        let channels = DeliveryChannels(
            config: loaded.config, zone: loaded.zone, runner: runner, actions: true,
            onAction: { [weak self] task, action in
                guard let self else { return }
                self.queue.async { self.answered(task: task, action: action) }
            })
        for (msg, items, channel) in outgoing {
            inFlight.formUnion(items.map(\.ledgerKey))
            inFlightGroup.enter()
            let key = items[0].ledgerKey
            // Started in this turn: the child process is spawned before the task first suspends,
            // so a reminder leaves without waiting for a thread of the concurrency pool.
            Task.immediate {
                let outcome = await channels.deliver(msg, via: channel, key: key, now: now)
                self.queue.async {
                    self.finished(items, message: msg, channel: channel, outcome: outcome)
                    self.inFlightGroup.leave()
                }
            }
        }
    }

    private func finished(
        _ items: [Scheduler.Delivery], message: ReminderMessage, channel: Channel, outcome: DeliveryOutcome
    ) {
        let now = clock()
        let keys = items.map(\.ledgerKey)
        inFlight.subtract(keys)
        var status = channelStatus[channel] ?? (nil, nil, nil)
        let meta: Logger.Metadata = [
            "delivery.channel": "\(channel.rawValue)", "reminder.task": "\(message.tasks.joined(separator: " "))",
            "reminder.late": "\(message.isLate)",
        ]
        switch outcome {
        case .delivered(let detail):
            for k in keys {
                record(k, outcome: .delivered, at: now)
                failures[k] = nil
            }
            status.lastDelivery = now
            var m = meta
            if !detail.isEmpty { m["delivery.detail"] = "\(detail)" }
            if items.count > 1 { m["reminder.count"] = "\(items.count)" }
            log.info("delivered: \(message.summary)", metadata: m)
        case .unavailable(let reason):
            for k in keys { record(k, outcome: .skipped, at: now) }
            status.lastError = reason
            status.lastErrorAt = now
            log.warning("\(channel.rawValue) is not set up, reminder not sent: \(reason)", metadata: meta)
        case .failed(let reason):
            // The same failure again (no session bus, relay down) is logged once, then quietly retried.
            let repeated =
                status.lastError == reason && status.lastDelivery.map { $0 < (status.lastErrorAt ?? now) } ?? true
            status.lastError = reason
            status.lastErrorAt = now
            var delay: TimeInterval = 0
            for k in keys {
                let attempts = (failures[k]?.attempts ?? 0) + 1
                // delivery.retry (30 s), then twice as long each time, at most an hour.
                delay = min(3600, loaded.config.delivery.retry.approximateSeconds * pow(2, Double(attempts - 1)))
                failures[k] = (attempts, now.addingTimeInterval(delay))
            }
            log.log(
                level: repeated ? .debug : .error,
                "\(channel.rawValue) delivery failed, retrying in \(Int(delay)) s: \(reason)",
                metadata: meta)
            if channel == .notify && !items.contains(where: { $0.reminder.channels.contains(.journal) }) {
                // The person should still hear of it: the journal gets it now, once.
                let fresh = keys.filter { !fellBack.contains($0) }
                if !fresh.isEmpty {
                    fellBack.formUnion(fresh)
                    _ = JournalChannel(socketPath: loaded.config.delivery.journal.socket, zone: loaded.zone).deliver(
                        message)
                }
            }
        }
        channelStatus[channel] = status
        wake("delivery finished")
    }

    /// A button pressed on a notification: recorded in the log like `iictl done` / `iictl snooze 1h`.
    private func answered(task: String, action: String) {
        guard let t = live.task(task) else { return }
        let now = clock()
        var event = Event(
            id: EventStore.newEventID(at: now), at: now, type: action == "done" ? .done : .snoozed, contact: t.contact)
        event.task = t.id
        if action == "snooze" { event.until = now.addingTimeInterval(3600) }
        do {
            try store.append(event, recordedAt: now)
            log.notice("\(action) from the notification", metadata: ["reminder.task": "\(t.id)"])
        } catch {
            log.error("cannot record the answer '\(action)' for \(t.id): \(error.description)")
        }
    }

    // MARK: Status

    func statusLine() -> String {
        let now = clock()
        let (pending, overdue) = live.pendingCounts(at: now)
        var s = "\(pending) pending"
        if overdue > 0 { s += ", \(overdue) overdue" }
        if let next = nextReminder {
            s +=
                ", next: \(next.reminder.task.kind.rawValue) with \(next.reminder.task.contactName) at \(Wording(zone: loaded.zone).when(next.at, now: now))"
        } else {
            s += ", nothing scheduled"
        }
        if configError != nil { s += " (config error: last good config in use)" }
        return s
    }

    func statusJSON() -> String {
        let now = clock()
        let zone = loaded.zone
        let pending = live.pendingCounts(at: now)
        var channels: [(String, Any?)] = []
        for c in Channel.allCases {
            let s = channelStatus[c]
            let retrying = failures.keys.filter { $0.hasSuffix("#\(c.rawValue)") }.count
            channels.append(
                (
                    c.rawValue,
                    JSONObject([
                        ("last_delivery", s?.lastDelivery.map { Timestamp.format($0, in: zone) }),
                        ("last_error", s?.lastError),
                        ("last_error_at", s?.lastErrorAt.map { Timestamp.format($0, in: zone) }),
                        ("retrying", retrying),
                    ])
                ))
        }
        let next: JSONObject? = nextReminder.map { n in
            JSONObject([
                ("task", n.reminder.task.id), ("kind", n.reminder.task.kind.rawValue),
                ("contact", n.reminder.task.contact),
                ("title", n.reminder.task.title), ("at", Timestamp.format(n.at, in: zone)),
                ("channels", n.reminder.channels.map(\.rawValue)),
            ])
        }
        return JSONText.object([
            ("pid", Int(getpid())),
            ("since", Timestamp.format(started, in: zone)),
            ("config", loaded.path),
            ("config_error", configError),
            // As configured: Foundation names `UTC` `GMT`.
            ("timezone", loaded.config.timezone ?? zone.identifier),
            ("events_dir", store.directory),
            ("events", snapshot.eventCount),
            ("contacts", live.contactCount),
            ("pending", pending.pending),
            ("overdue", pending.overdue),
            ("next", next),
            ("next_wake", timer?.deadline.map { Timestamp.format($0, in: zone) }),
            ("last_reaction_ms", lastReaction.map { $0 * 1000 }),
            ("in_flight", inFlight.count),
            ("delivered_total", ledger.keys.count),
            ("channels", JSONObject(channels)),
            ("status", statusLine()),
        ])
    }

    // MARK: Control socket

    /// A second daemon for the same user would deliver everything twice: it refuses to start.
    private func openControlSocket() throws {
        do {
            // The lock first: with it held, a socket left behind is stale whatever answers on it.
            lockFD = try ControlListener.lock(path: paths.lockFile)
        } catch {
            if error.code == EADDRINUSE { throw error }
            log.warning("cannot lock \(paths.lockFile); telling a second daemon apart by ping: \(error.description)")
        }
        do {
            controlFD = try ControlListener.open(path: paths.controlSocket)
        } catch {
            if error.code == EADDRINUSE { throw error }
            log.error("no control socket, iictl status will not reach this daemon: \(error.description)")
            return
        }
        let source = DispatchSource.makeReadSource(fileDescriptor: controlFD, queue: queue)
        source.setEventHandler { [weak self] in self?.acceptControl() }
        source.resume()
        controlSource = source
    }

    /// Open control connections, each read as its bytes arrive: a peer that connects and says
    /// nothing costs a descriptor for two seconds, never the engine's time.
    private var connections: [Int32: (serial: Int, source: DispatchSourceRead, request: [UInt8])] = [:]
    private var connectionSerial = 0

    private func acceptControl() {
        while true {
            let fd = accept(controlFD, nil, nil)
            if fd < 0 { return }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            let source = DispatchSource.makeReadSource(fileDescriptor: fd, queue: queue)
            source.setEventHandler { [weak self] in self?.readControl(fd) }
            source.setCancelHandler { close(fd) }
            connectionSerial += 1
            let serial = connectionSerial
            connections[fd] = (serial, source, [])
            source.resume()
            queue.asyncAfter(deadline: .now() + 2) { [weak self] in
                // Still the same connection (a descriptor number comes back once closed)? Then it idled.
                if self?.connections[fd]?.serial == serial { self?.endControl(fd) }
            }
        }
    }

    private func readControl(_ fd: Int32) {
        guard var connection = connections[fd] else { return }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n < 0 && (errno == EAGAIN || errno == EINTR) { return }
        if n > 0 { connection.request += buffer[0..<n] }
        let line = connection.request.firstIndex(of: UInt8(ascii: "\n"))
        guard n <= 0 || line != nil || connection.request.count >= 4096 else {
            connections[fd] = connection
            return
        }
        let bytes = connection.request[..<(line ?? min(connection.request.count, 4096))]
        answerControl(fd, request: String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces))
        endControl(fd)
    }

    private func endControl(_ fd: Int32) {
        connections.removeValue(forKey: fd)?.source.cancel()
    }

    private func answerControl(_ fd: Int32, request: String) {
        // The request is read first even from a stranger, so the refusal reaches it intact.
        guard let uid = ControlListener.peerUID(fd), uid == getuid() else {
            log.warning("control socket: refused a peer of another user")
            ControlListener.reply(fd, "error: permission denied: this iid belongs to another user")
            return
        }
        switch request {
        case "ping": ControlListener.reply(fd, "pong")
        case "status": ControlListener.reply(fd, statusJSON())
        case "reload":
            reload(reason: "iictl")
            ControlListener.reply(fd, "ok")
        default: ControlListener.reply(fd, "error: unknown request '\(request)'")
        }
    }

    private func monotonicMicros() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }
}

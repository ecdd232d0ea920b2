import CIIDShims
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

/// A reason the daemon cannot start, already logged.
public struct StartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The daemon: one loop on one serial queue. Every wake-up (the timer, a file change, a signal, a
/// delivery's result) does the same four things: read the clock once, update the state, send what
/// is due, re-arm the one timer for the next deadline (`Daemon+Loop.swift`). There is no polling:
/// with nothing due, nothing runs. What is due, how to retry and what a message says are decided
/// in IIDCore; the daemon keeps the state in between and carries the decisions out.
public final class Daemon: @unchecked Sendable {
    public let queue = DispatchQueue(label: "iid.engine")
    let log: Logger
    let loader: ConfigLoader
    let environment: DaemonEnvironment
    var paths: Paths { environment.paths }
    var notifier: SystemdNotifier { environment.notifier }

    var loaded: LoadedConfig
    var configError: String?
    var store: EventStore
    var snapshot = EventStore.Snapshot()
    /// The plan, kept up to date event by event.
    var live: LivePlan
    let ledger: Ledger
    var watcher: InotifyWatcher?
    var router: FileRouter
    var timer: (any WakeTimer)?
    var control: ControlServer?
    /// The runtime folder's lock and the state folder's, held for the daemon's life.
    var lockFD: Int32 = -1
    var stateLockFD: Int32 = -1
    var watchdog: DispatchSourceTimer?
    var signalSources: [DispatchSourceSignal] = []
    let started: Date
    /// Since when it has watched without a break: a late reminder before that was missed while away.
    var watch: Watch

    /// The calendar folder, while `calendar.dir` is set (`Daemon+Calendar`).
    var calendar: VdirStore?
    var tracker = DeliveryTracker()
    let inFlightGroup = DispatchGroup()
    var stopping = false
    /// How long the last change to the event log took to plan and re-arm.
    var lastReaction: Duration?
    /// The last decision; current, since every change of state decides again.
    var decision = Scheduler.Decision()
    /// The messages for `decision.upcoming`, composed when the timer was armed.
    var prepared: [Outgoing] = []
    var reported = Set<Diagnostic>()
    /// Failed attempts to write the ledger lines the disk refused.
    var ledgerAttempts = 0
    var ledgerRetryAt: Date?
    /// The other devices sharing the events folder (`Daemon+Devices`).
    var presence = DevicePresence()
    /// The person's mail (`Daemon+Mail`), read on a queue of its own so that a first read of a
    /// large Maildir never holds a reminder.
    var mail = MailWatch()
    let mailQueue = DispatchQueue(label: "iid.mail", qos: .utility)

    /// Told of each thing the daemon does (`DaemonEvent`), on the loop's queue.
    public var observer: (@Sendable (DaemonEvent) -> Void)?
    /// Called on the loop's queue once a stop has finished its deliveries: the executable exits.
    public var onStop: @Sendable () -> Void = {}

    /// Reads the config (a bad one is an error: there is no last good one yet).
    public init(loader: ConfigLoader, environment: DaemonEnvironment, log: Logger) throws(ConfigError) {
        self.loader = loader
        self.environment = environment
        self.log = log
        started = environment.clock()
        watch = Watch(started: started)
        loaded = try loader.load()
        for w in loaded.warnings { log.warning("\(w.description)") }
        let events = environment.paths.eventsDirectory(loaded.config)
        store = EventStore(
            directory: events, zone: loaded.zone, device: loaded.config.deviceName(host: environment.host))
        router = FileRouter(configPath: loader.path, eventsDirectory: events)
        live = LivePlan(planner: Planner(config: loaded.config, zone: loaded.zone), events: [])
        ledger = Ledger(path: environment.paths.ledgerFile, zone: loaded.zone)
    }

    // MARK: Start and stop

    /// Reads the ledger and the log, refuses folders others can write, takes the lock, opens the
    /// control socket, watches the folders, sends what is due and arms the timer; then READY=1.
    public func start() throws {
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
        announceDevice()
        if !FileIO.exists(router.configDirectory) { try? FileIO.makeDirectory(router.configDirectory) }
        try queue.sync {
            try lock()
            watcher = try InotifyWatcher(queue: queue) { [weak self] changes in self?.filesChanged(changes) }
            for dir in router.watched { watcher?.watch(dir) }
            timer = try environment.makeTimer(queue) { [weak self] fire in self?.timerFired(fire) }
            try openControl()
            snapshot = store.load()
            reportLogProblems()
            replan()
            log.notice(
                "iid started",
                metadata: [
                    "config": "\(loaded.path ?? "built-in default")", "events.dir": "\(store.directory)",
                    "events.count": "\(snapshot.eventCount)", "pid": "\(getpid())",
                ])
            wake(.start)
            notifier.notify("READY=1\n" + SystemdNotifier.statusLine(statusLine(now: environment.clock())))
            startWatchdog()
            configureMail()
        }
    }

    /// SIGTERM and SIGINT stop, SIGHUP reloads: signal sources on the loop's queue, so a signal
    /// arrives as a value (`DaemonSignal`) between two wake-ups, never in the middle of one.
    public func handleSignals() {
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: queue)
            source.setEventHandler { [weak self] in self?.receive(sig == SIGHUP ? .hangup : .terminate(sig)) }
            source.resume()
            signalSources.append(source)
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// Acts on a signal; call on the loop's queue.
    public func receive(_ signal: DaemonSignal) {
        switch signal {
        case .hangup: reload(.hangup)
        case .terminate(let sig): stop(signal: sig)
        }
    }

    private func startWatchdog() {
        guard let interval = notifier.watchdogInterval else { return }
        let t = DispatchSource.makeTimerSource(queue: queue)
        let (seconds, attoseconds) = interval.components
        t.schedule(
            deadline: .now(), repeating: .microseconds(Int(seconds * 1_000_000 + attoseconds / 1_000_000_000_000)))
        t.setEventHandler { [weak self] in self?.notifier.notify("WATCHDOG=1") }
        t.resume()
        watchdog = t
        log.info("watchdog pings every \(interval)")
    }

    /// Disarms the timer, lets the deliveries in flight finish (so none is sent twice after a
    /// restart for want of its ledger line), closes the socket, then `onStop`.
    func stop(signal sig: Int32) {
        guard !stopping else { return }
        stopping = true
        let finishing = tracker.inFlight.isEmpty ? "" : "; finishing \(tracker.inFlight.count) delivery(ies) first"
        log.notice("stopping on signal \(sig)\(finishing)")
        notifier.notify("STOPPING=1")
        timer?.arm(nil)
        watchdog?.cancel()
        inFlightGroup.notify(queue: queue) { [weak self] in
            guard let self else { return }
            self.control?.close()
            self.control = nil
            for fd in [self.lockFD, self.stateLockFD] where fd >= 0 { close(fd) }
            self.lockFD = -1
            self.stateLockFD = -1
            self.log.notice("stopped")
            self.notifier.flush()
            self.observer?(.stopped)
            self.onStop()
        }
    }

    // MARK: One daemon per user

    /// A second daemon for the same user would deliver everything twice: it refuses to start.
    /// The lock first: with it held, a socket left behind is stale whatever answers on it.
    private func lock() throws {
        do {
            stateLockFD = try ControlListener.lock(path: paths.stateLockFile)
            lockFD = try ControlListener.lock(path: paths.lockFile)
        } catch {
            let message: String
            if error.code == EADDRINUSE {
                let pid = ControlListener.holder(path: error.path).map { " (pid \($0))" } ?? ""
                message =
                    "another iid is running\(pid) with the same \(error.path == paths.lockFile ? "runtime folder" : "ledger"); "
                    + "stop it first (systemctl --user stop iid), or give this one a home of its own"
            } else {
                message = "cannot take the lock: \(error.description)"
            }
            log.critical("\(message)")
            throw StartError(message: message)
        }
    }

    private func openControl() throws {
        do {
            let server = try ControlServer(path: paths.controlSocket, queue: queue, log: log)
            server.answer = { [weak self] request in self?.answer(request) ?? "error: stopping" }
            control = server
        } catch {
            if error.code == EADDRINUSE { throw error }
            log.error("no control socket, iictl status will not reach this daemon: \(error.description)")
        }
    }
}

import CIIDShims
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
    /// A batch of inotify changes: reload the config and re-read the event files they name.
    func filesChanged(_ changes: [InotifyWatcher.Change]) {
        let t0 = ContinuousClock.now
        let route = router.route(takeMailChanges(changes))
        if route.eventsFolderReplaced {
            watcher?.unwatch(store.directory)
            if watcher?.watch(store.directory) != true {
                log.warning("the events folder \(store.directory) is gone; waiting for it to come back")
            }
        }
        if route.configChanged { reload(.configChanged) }
        if route.deliveriesChanged || route.readAll { deliveriesChanged(wake: !route.eventsChanged) }
        if route.calendarRescan || !route.calendarFiles.isEmpty { calendarChanged(route) }
        guard route.eventsChanged else { return }
        let replayed: String
        switch store.changes(&snapshot, only: route.readAll ? nil : route.eventFiles) {
        case .none: return
        case .appended(let events):
            // The usual case: new lines at the end of the log replay only the contacts they name.
            let touched = live.append(events)
            watch.learned(touched, at: environment.clock())
            replayed = "\(touched.count)"
        case .rewritten:
            replan()
            replayed = "all"
        }
        reportLogProblems()
        wake(.eventsChanged)
        let reaction = ContinuousClock.now - t0
        lastReaction = reaction
        log.debug(
            "events re-read and timer re-armed",
            metadata: ["reaction.ms": "\(Self.milliseconds(reaction))", "contacts.replayed": "\(replayed)"])
    }

    static func milliseconds(_ d: Duration) -> String {
        let micros = d.components.seconds * 1_000_000 + d.components.attoseconds / 1_000_000_000_000
        let hundredths = (micros + 5) / 10
        let rest = hundredths % 100
        return "\(hundredths / 100).\(rest < 10 ? "0" : "")\(rest)"
    }

    func reportLogProblems() {
        if let err = snapshot.directoryError { log.error("\(err)") }
        for d in snapshot.diagnostics + live.diagnostics where !reported.contains(d) {
            reported.insert(d)
            if d.severity == .error { log.error("\(d.description)") } else { log.warning("\(d.description)") }
        }
    }

    /// Reads the config again; a bad one is reported and the last good one kept.
    func reload(_ reason: ReloadReason) {
        notifier.notify("RELOADING=1\nMONOTONIC_USEC=\(Self.monotonicMicros())")
        defer { notifier.notify("READY=1\n" + SystemdNotifier.statusLine(statusLine(now: environment.clock()))) }
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
                log.notice("config reloaded (\(reason.rawValue))", metadata: source)
            } else if reason == .hangup {
                log.notice("reloaded on SIGHUP; the config is unchanged", metadata: source)
            }
            loaded = fresh
            configError = nil
            if newDir != store.directory {
                watcher?.unwatch(store.directory)
                watcher?.unwatch(router.eventsParent)
                store = EventStore(directory: newDir, zone: fresh.zone, device: store.device)
                router = FileRouter(configPath: loader.path, eventsDirectory: newDir)
                for dir in router.watched { watcher?.watch(dir) }
                snapshot = store.load()
            }
            store.zone = fresh.zone
            store.device = fresh.config.deviceName(host: environment.host)
            observer?(.reloaded(error: nil))
        } catch {
            configError = error.description
            log.error("\(error.description); keeping the last good config")
            observer?(.reloaded(error: error.description))
        }
        if reason == .hangup { snapshot = store.load() }
        reportLogProblems()
        replan()
        wake(.reload)
        configureMail()
    }

    func replan() {
        live = LivePlan(planner: Planner(config: loaded.config, zone: loaded.zone), events: snapshot.events)
        // Reading a large log leaves freed heap behind; hand it back rather than keep it resident.
        iid_malloc_trim()
    }

    static func monotonicMicros() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000 + UInt64(ts.tv_nsec) / 1000
    }
}

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

/// The calendar folder (`calendar.dir`): kept up to date after every wake-up, and watched for
/// what vdirsyncer brings from the server. No timer of its own: vdirsyncer's timer polls the
/// server, and iid only reacts to the files it writes.
extension Daemon {
    /// Writes what changed since the last wake-up: the plan's items, with the alarms of delivered
    /// reminders acknowledged. Opens the folder first when it is newly configured.
    func updateCalendar(now: Date) {
        let wanted = loaded.config.calendarDir.map { paths.expand($0) }
        if calendar?.directory != wanted { switchCalendar(to: wanted) }
        guard var vdir = calendar else { return }
        let plan = live.plan
        let items = CalendarItems(config: loaded.config, zone: loaded.zone)
        var cancelled = Set<String>()
        for c in plan.contacts {
            for m in c.meetings where m.cancelled || (c.archived && !m.held && m.thankedAt == nil) {
                cancelled.insert(items.ics.meetingUID(contact: c.id, number: m.number))
            }
        }
        let result = vdir.update(
            items.items(contacts: plan.contacts, tasks: plan.tasks, delivered: ledger.keys, now: now), now: now
        ) { cancelled.contains($0) }
        calendar = vdir
        for error in result.errors { log.error("cannot write a calendar item: \(error.description)") }
        if !result.written.isEmpty {
            log.debug("calendar items written", metadata: ["calendar.written": "\(result.written.count)"])
            observer?(.calendarWritten(result.written))
        }
        if !result.unread.isEmpty {
            var route = FileRouter.Route()
            route.calendarFiles = Set(result.unread)
            calendarChanged(route)
        }
    }

    /// Stops watching the old folder and opens the new one: made if missing (0700), refused if
    /// others can write to it, and read whole, so that what changed on the server while iid was
    /// not running is recorded before anything is written over it.
    private func switchCalendar(to directory: String?) {
        if let old = calendar?.directory { watcher?.unwatch(old) }
        calendar = nil
        router.calendarDirectory = nil
        guard let directory else { return }
        do {
            try FileIO.makeDirectory(directory)
        } catch {
            log.error("no calendar folder: \(error.description)")
            return
        }
        if let problem = Ownership.problem(directory) {
            log.error("refusing the calendar folder: \(problem)")
            return
        }
        var vdir = VdirStore(directory: directory)
        let existing = vdir.load()
        calendar = vdir
        router.calendarDirectory = directory
        if watcher?.watch(directory) != true { log.warning("cannot watch the calendar folder \(directory)") }
        log.info("calendar folder \(directory)", metadata: ["calendar.items": "\(existing.count)"])
        record(calendarTexts: existing)
    }

    /// inotify named some of iid's items: record what vdirsyncer brought, and write back what
    /// was deleted.
    func calendarChanged(_ route: FileRouter.Route) {
        guard var vdir = calendar else { return }
        let names = route.calendarRescan ? Set(vdir.names()).union(vdir.known.keys) : route.calendarFiles
        var texts: [(name: String, text: String)] = []
        var removed: [String] = []
        for name in names.sorted() {
            switch vdir.changed(name) {
            case .unchanged: continue
            case .removed: removed.append(name)
            case .changed(let text): texts.append((name, text))
            }
        }
        calendar = vdir
        for name in removed {
            // A deletion is not a decision iid can read: a meeting is never cancelled silently.
            log.notice(
                "a calendar item was deleted; iid writes it again while its meeting or task is in the plan (iictl cancel cancels a meeting, iictl done finishes a task)",
                metadata: ["calendar.item": "\(name)"])
        }
        // Nothing recorded: the deleted items are written again, and a changed one that meant
        // nothing new gets iid's text back.
        if !record(calendarTexts: texts), !removed.isEmpty || !texts.isEmpty {
            updateCalendar(now: environment.clock())
        }
        if !texts.isEmpty || !removed.isEmpty { observer?(.calendarRead(texts.map(\.name) + removed)) }
    }

    /// Appends the events the changed items call for, once each, then reads them back at once so
    /// that the plan the next item is compared with already has them. True when any was appended.
    @discardableResult
    private func record(calendarTexts texts: [(name: String, text: String)]) -> Bool {
        guard !texts.isEmpty else { return false }
        // Tasks first: a task ticked off in the same sync that moved its meeting was ticked off
        // for the time the item still names, which the move would otherwise make stale.
        let texts = texts.filter { $0.text.contains("BEGIN:VTODO") } + texts.filter { !$0.text.contains("BEGIN:VTODO") }
        let now = environment.clock()
        let zones = loader.zones
        let reader = CalendarChanges(
            items: CalendarItems(config: loaded.config, zone: loaded.zone), zones: { try? zones.zone(named: $0) })
        var appended = false
        for (name, text) in texts {
            let live = self.live
            guard let change = reader.change(in: text, now: now, task: { live.task($0) }, contact: { live.contact($0) })
            else { continue }
            guard let event = CalendarChanges.event(for: change, id: EventStore.newEventID(at: now), now: now) else {
                if case .ignored(let why) = change { log.notice("\(why)", metadata: ["calendar.item": "\(name)"]) }
                continue
            }
            do {
                try store.append(event, recordedAt: now)
                appended = true
                log.notice(
                    "recorded from the calendar: \(event.type.rawValue)",
                    metadata: ["calendar.item": "\(name)", "reminder.task": "\(event.task ?? event.contact)"])
                observer?(.calendarRecorded(event.type, contact: event.contact, task: event.task))
                // Read back now: the next item in this batch is compared with a plan that has it.
                let file = PathName.last(of: store.fileForNewEvents(at: now))
                filesChanged([InotifyWatcher.Change(directory: store.directory, name: file)])
            } catch {
                log.error("cannot record a change from the calendar: \(error.description)")
            }
        }
        return appended
    }
}

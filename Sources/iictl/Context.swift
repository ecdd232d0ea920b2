import ArgumentParser
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

/// A one-line failure: printed as `iictl: message` by `IICtl.main`, exit status 1. Commands throw it
/// and never print errors themselves, so every error reads the same.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// What every command needs: the config, the zone, the log, and the clock read once.
struct Context {
    let loaded: LoadedConfig
    let paths: Paths
    let store: EventStore
    let now: Date

    var config: Config { loaded.config }
    var zone: TZifZone { loaded.zone }

    /// `readOnly`: a command that records nothing still runs when the config does not parse, on
    /// the built-in defaults, with a warning naming the error: the log can be read while the
    /// config is being fixed, as the daemon runs on its last good one.
    init(_ options: GlobalOptions, now: Date = Date(), readOnly: Bool = false) throws {
        paths = Paths()
        let loader = ConfigLoader(paths: paths, override: options.config)
        do {
            loaded = try loader.load()
        } catch {
            guard readOnly else { throw Failure(error.description) }
            Self.warn("\(error.description); showing the log with the built-in defaults meanwhile")
            loaded = loader.builtInDefaults()
        }
        for warning in loaded.warnings { Self.warn(warning.description) }
        store = EventStore(
            directory: paths.eventsDirectory(loaded.config), zone: loaded.zone,
            device: loaded.config.deviceName(host: ProcessInfo.processInfo.hostName))
        self.now = now
    }

    /// One line on stderr, `iictl: text`: warnings, and failures through `IICtl.main`.
    /// One line on stderr. Failures quote names and notes from other people's files: escaped here,
    /// once for every message (escaping is idempotent: an escape is printable text).
    static func warn(_ text: String) {
        StandardError.write("iictl: \(Printable.escaped(text))\n")
    }

    /// The log read and planned, with its problems reported on stderr; with `asOf`, only the
    /// events at or before it count, so that the plan is the one of that moment. Who a person is
    /// (`added`, `updated`) counts whenever it was recorded, as names do in the planner.
    func plan(quiet: Bool = false, asOf: Date? = nil) -> Planner.Plan {
        let snapshot = store.load(readers: Self.readers)
        let events =
            asOf.map { t in
                snapshot.events.filter { $0.at <= t || $0.type == .added || $0.type == .updated }
            } ?? snapshot.events
        let live = LivePlan(planner: Planner(config: config, zone: zone), events: events, keepsReminders: false)
        let plan = live.plan
        Self.keepUntilExit(snapshot, live)
        if !quiet {
            if let error = snapshot.directoryError { Self.warn(error) }
            for d in snapshot.diagnostics + plan.diagnostics { Self.warn(d.description) }
        } else {
            // Even a quiet read says when the log could not be read at all: a contact that seems
            // missing may be in a file iictl could not open.
            if let error = snapshot.directoryError { Self.warn(error) }
            for d in snapshot.diagnostics where d.code == .unreadableEventFile { Self.warn(d.description) }
        }
        return plan
    }

    /// What a command read, kept until the process ends instead of freed piece by piece: iictl
    /// ends once it has answered, the kernel takes the whole heap back at once, and freeing each
    /// of 100,000 events and their plan was a tenth of `iictl pending` with a large log.
    nonisolated(unsafe) private static var kept: [Any] = []
    static func keepUntilExit(_ values: Any...) { kept += values }

    /// Every event in the log, in log order.
    func events() -> [Event] { store.load(readers: Self.readers).events }

    /// How many event files are read at once: one a processor, up to four (a log has a file a
    /// month, and more threads than that cost more to start than they save).
    static var readers: Int { min(4, max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))) }

    func time(_ text: String?) throws -> Date {
        guard let text else { return now }
        do {
            return try TimeExpression.parse(text, now: now, zone: zone)
        } catch {
            throw Failure(error.description)
        }
    }

    /// A meeting's start: a day alone ("tomorrow") is refused, since it would keep the current
    /// time of day to the second.
    func meetingTime(_ text: String) throws -> Date {
        let reading: TimeExpression.Reading
        do {
            reading = try TimeExpression.read(text, now: now, zone: zone)
        } catch {
            throw Failure(error.description)
        }
        guard reading.hasTimeOfDay else {
            throw Failure(
                "'\(text)' names a day but no time: a meeting needs one, e.g. \"\(text) 15:00\" or \"\(text) 3pm\"")
        }
        return reading.date
    }

    func duration(_ text: String) throws -> DurationSpec {
        do {
            return try DurationSpec(parsing: text)
        } catch {
            throw Failure(error.description)
        }
    }

    /// The contact `id`, or one it is the unique prefix of, or a failure with the closest ids.
    func contact(_ id: String, in plan: Planner.Plan) throws -> ContactRecord {
        if let c = plan.contact(id) { return c }
        let ids = plan.contacts.map(\.id)
        let prefixed = ids.filter { $0.hasPrefix(id) }
        if prefixed.count == 1, let c = plan.contact(prefixed[0]) { return c }
        let close = prefixed.count > 1 ? Array(prefixed.prefix(4)) : Suggestion.closest(to: id, in: ids)
        let hint = close.isEmpty ? "see 'iictl list'" : "did you mean \(close.joined(separator: ", "))?"
        throw Failure("no contact '\(Printable.escaped(id))'; \(hint)")
    }

    /// The log planned (its problems unreported, as for every text drawn from it) and the contact
    /// `id` in it: a text needs the plan too, for the referrer and the people referred.
    func planned(_ id: String) throws -> (contact: ContactRecord, plan: Planner.Plan) {
        let plan = plan(quiet: true)
        return (try contact(id, in: plan), plan)
    }

    /// The open task `id`, or one it is the unique prefix of; a task that is closed, or a typo,
    /// is a failure that says so.
    func task(_ id: String, in plan: Planner.Plan) throws -> PendingTask {
        if let t = plan.tasks.first(where: { $0.id == id }) { return t }
        // `zoe.brief` for `zoe-angstrom-lukasz.brief`: the contact part may be a unique prefix too.
        let owner = String(id.prefix { $0 != "." })
        if !plan.tasks.contains(where: { $0.id.hasPrefix(id) }), plan.contact(owner) == nil,
            let c = try? contact(owner, in: plan), c.id != owner
        {
            return try task(c.id + id.dropFirst(owner.count), in: plan)
        }
        let open = plan.tasks.map(\.id)
        let prefixed = open.filter { $0.hasPrefix(id) }
        // A task named in full that is closed is not taken for a longer open one it is a prefix of.
        if let past = history(of: id, in: plan), past.endedBy != nil, past.task.id == id || prefixed.isEmpty {
            let state = past.endedBy?.type == .done ? "is done already" : "is no longer open"
            throw Failure("\(past.task.id) \(state): \(past.ending(words: words, now: now))")
        }
        if prefixed.count == 1, let t = plan.tasks.first(where: { $0.id == prefixed[0] }) { return t }
        let close = prefixed.count > 1 ? Array(prefixed.prefix(4)) : Suggestion.closest(to: id, in: open)
        let hint = close.isEmpty ? "see 'iictl pending'" : "did you mean \(close.joined(separator: ", "))?"
        throw Failure("no open task '\(Printable.escaped(id))'; \(hint)")
    }

    /// A task of the log's history that `id` names or is the unique prefix of: done, or gone.
    func history(of id: String, in plan: Planner.Plan) -> TaskHistory.Entry? {
        let owner = String(id.prefix { $0 != "." })
        guard let contact = (try? self.contact(owner, in: plan))?.id else { return nil }
        let all = self.events()
        let events = all.filter { $0.contact == contact }
        let book = OrgBook(events: all)
        // The employer list and the people there as they stand now, for a next-contact task.
        let labels = Responsiveness.Rule(config: config, zone: zone)
        let entries = TaskHistory.of(
            contact, events: events, planner: Planner(config: config, zone: zone),
            met: MetReferral.all(by: contact, in: plan.contacts)
        ) { r in
            book.organisation(for: r.org).map { o in
                let others = book.people(at: o, in: plan.contacts).filter { $0.id != r.id }
                return NextContactContext(
                    org: o.name,
                    people: EmployerList.nextToAsk(others, at: r.openRequest ?? now, labels: labels).map(\.name))
            }
        }
        let full = contact + id.dropFirst(owner.count)
        if let exact = entries.first(where: { $0.task.id == full }) { return exact }
        let prefixed = entries.filter { $0.task.id.hasPrefix(full) }
        return prefixed.count == 1 ? prefixed[0] : nil
    }

    /// Refuses `--at` in the future and what the contact's state does not allow, unless forced.
    func check(_ what: Recorded?, _ c: ContactRecord?, at: Date, force: Bool) throws {
        guard !force else { return }
        let check = RecordingCheck(zone: zone, now: now)
        if let refusal = check.time(at) { throw Failure(refusal.description) }
        if let what, let c, let refusal = check.check(what, c, at: at) {
            throw Failure(Printable.escaped(refusal.description))
        }
    }

    /// Appends an event with a fresh id.
    @discardableResult
    func record(_ type: EventType, contact: String, at: Date, _ fill: (inout Event) -> Void = { _ in }) throws -> Event
    {
        var event = Event(id: EventStore.newEventID(at: now), at: at, type: type, contact: contact)
        fill(&event)
        try append(event, failing: "could not record the event")
        return event
    }

    /// Appends `event` as it is; a failure says `what` could not be done, and why.
    func append(_ event: Event, failing what: String) throws {
        do {
            try store.append(event, recordedAt: now)
        } catch {
            throw Failure("\(what): \(error.description)")
        }
    }

    /// `events` appended as one write (`EventStore.append(_:recordedAt:)`).
    func append(_ events: [Event], failing what: String) throws {
        do {
            try store.append(events, recordedAt: now)
        } catch {
            throw Failure("\(what): \(error.description)")
        }
    }

    var words: Wording { Wording(zone: zone) }
    /// How people answer (booster, obligate, curmudgeon), by the configured rule.
    var labels: Responsiveness.Rule { Responsiveness.Rule(config: config, zone: zone) }

    /// `body` under the events folder's writer lock; a lock that cannot be taken is a failure.
    func locked<T>(_ body: () throws -> T) throws -> T {
        do {
            return try store.locked(body)
        } catch let error as SystemError {
            throw Failure("cannot lock the event log: \(error.description)")
        }
    }
}

/// Kept for the commands written before the root command printed failures: the body runs as is,
/// and a `Failure` it throws reaches `IICtl.main`, which prints it.
func perform(_ body: () throws -> Void) rethrows {
    try body()
}

import ArgumentParser
import Foundation
import IIDCore
import IIDSystem

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
    var zone: TimeZone { loaded.zone }

    init(_ options: GlobalOptions, now: Date = Date()) throws {
        paths = Paths()
        do {
            loaded = try ConfigLoader(paths: paths, override: options.config).load()
        } catch {
            throw Failure(error.description)
        }
        for warning in loaded.warnings { Self.warn(warning.description) }
        store = EventStore(directory: paths.eventsDirectory(loaded.config), zone: loaded.zone)
        self.now = now
    }

    /// One line on stderr, `iictl: text`: warnings, and failures through `IICtl.main`.
    static func warn(_ text: String) {
        FileHandle.standardError.write(Data("iictl: \(text)\n".utf8))
    }

    /// The log read and planned, with its problems reported on stderr.
    func plan(quiet: Bool = false) -> Planner.Plan {
        let snapshot = store.load()
        let plan = Planner(config: config, zone: zone).plan(snapshot.events)
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

    func time(_ text: String?) throws -> Date {
        guard let text else { return now }
        do {
            return try TimeExpression.parse(text, now: now, zone: zone)
        } catch {
            throw Failure(error.description)
        }
    }

    func duration(_ text: String) throws -> DurationSpec {
        do {
            return try DurationSpec(parsing: text)
        } catch {
            throw Failure(error.description)
        }
    }

    /// The contact `id`, or a clear failure.
    func contact(_ id: String, in plan: Planner.Plan) throws -> ContactRecord {
        if let c = plan.contact(id) { return c }
        let close = plan.contacts.map(\.id).filter { $0.hasPrefix(id) || id.hasPrefix($0) }
        let hint = close.isEmpty ? "see 'iictl list'" : "did you mean \(close.prefix(3).joined(separator: ", "))?"
        throw Failure("no contact '\(id)'; \(hint)")
    }

    /// The open task `id`, or a clear failure.
    func task(_ id: String, in plan: Planner.Plan) throws -> PendingTask {
        if let t = plan.tasks.first(where: { $0.id == id }) { return t }
        let close = plan.tasks.map(\.id).filter { $0.hasPrefix(id) }
        if close.count == 1, let t = plan.tasks.first(where: { $0.id == close[0] }) { return t }
        let hint = close.isEmpty ? "see 'iictl pending'" : "did you mean \(close.prefix(4).joined(separator: ", "))?"
        throw Failure("no open task '\(id)'; \(hint)")
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

    var words: Wording { Wording(zone: zone) }

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

import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The event log on disk: every `*.jsonl` file in one folder, read in full or incrementally.
///
/// iid only ever appends: it never deletes, truncates or rewrites a line a person wrote.
public struct EventStore: Sendable {
    public var directory: String
    public var zone: TZifZone
    /// The longest line read; a longer one is reported and skipped (no event is near this size).
    public var maxLine = 1 << 20
    /// The device this process appends for: new events go to files named for it only, so that a
    /// sync tool never sees two devices write one file. Nil: the single-device name, `2026-11.jsonl`.
    public var device: String?

    public init(directory: String, zone: TZifZone, device: String? = nil) {
        self.directory = directory
        self.zone = zone
        self.device = device
    }

    /// Event files in name order: `*.jsonl`, not hidden, not editor backups.
    public func files() -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter(Self.isEventFile).sorted().map { directory + "/" + $0 }
    }

    public static func isEventFile(_ name: String) -> Bool {
        name.hasSuffix(".jsonl") && !name.hasPrefix(".") && !name.hasPrefix("#")
    }

    /// What one file contributed, kept so that a change re-reads only what was appended.
    public struct FileState: Sendable {
        public var inode: UInt64
        public var consumed: Int
        public var lines: Int
        public var events: [Event]
        /// Events from a last line with no newline yet: read again on the next change.
        public var tail: [Event]
        public var diagnostics: [Diagnostic]
        /// The last bytes read before `consumed`: if they changed, the file was edited in place.
        public var fingerprint: [UInt8] = []
        public var modified: Int64 = 0
    }

    /// The whole log, file by file.
    public struct Snapshot: Sendable {
        public var files: [String: FileState] = [:]
        public var directoryError: String?
        public init() {}

        public var events: [Event] {
            var all: [Event] = []
            all.reserveCapacity(eventCount)
            for name in files.keys.sorted() {
                guard let file = files[name] else { continue }
                all += file.events
                all += file.tail
            }
            return all
        }
        public var diagnostics: [Diagnostic] { files.keys.sorted().flatMap { files[$0]?.diagnostics ?? [] } }
        public var eventCount: Int { files.values.reduce(0) { $0 + $1.events.count + $1.tail.count } }
    }

    /// Reads every file. `readers`: how many files are read at once, for a process that reads the
    /// log once and ends (iictl): the monthly files are independent, and parsing is a third of a
    /// command's time with a large log. The daemon reads with one, so that it keeps no idle threads.
    public func load(readers: Int = 1) -> Snapshot {
        var snapshot = Snapshot()
        _ = changes(&snapshot, readers: readers)
        return snapshot
    }

    /// What a refresh found.
    public enum Change: Sendable, Equatable {
        case none
        /// Only new lines after every line read so far, in log order: a plan can take just these.
        case appended([Event])
        /// Something already read changed or went away (or a torn last line is involved): plan again.
        case rewritten
    }

    /// Brings `snapshot` up to date: new files read, appended bytes read from where they stopped, a
    /// file that shrank or was replaced read again, removed files dropped. Returns whether anything changed.
    @discardableResult
    public func refresh(_ snapshot: inout Snapshot, only names: Set<String>? = nil) -> Bool {
        changes(&snapshot, only: names) != .none
    }

    /// Like `refresh`, saying whether the change was a pure append.
    public func changes(_ snapshot: inout Snapshot, only names: Set<String>? = nil, readers: Int = 1) -> Change {
        guard FileIO.isDirectory(directory) == true else {
            let had = !snapshot.files.isEmpty
            snapshot.files = [:]
            snapshot.directoryError = FileIO.exists(directory) ? "\(directory) is not a folder" : nil
            return had ? .rewritten : .none
        }
        snapshot.directoryError = nil
        var rewritten = false
        var appended: [(path: String, events: [Event])] = []
        let present = files()
        let presentSet = Set(present)
        for path in snapshot.files.keys where !presentSet.contains(path) {
            snapshot.files[path] = nil
            rewritten = true
        }
        let paths = present.filter { path in
            names.map { $0.contains(PathName.last(of: path)) } != false || snapshot.files[path] == nil
        }
        let old = snapshot
        let updates = ParallelMap.map(paths, threads: readers) { path in updated(old.files[path], path: path) }
        for (path, update) in zip(paths, updates) {
            snapshot.files[path] = update.state
            switch update.change {
            case .none: break
            case .rewritten: rewritten = true
            case .appended(let events): appended.append((path, events))
            }
        }
        if rewritten { return .rewritten }
        if appended.isEmpty { return .none }
        // The plan orders events by time and id, not by file: lines appended to any file (another
        // device's, an earlier month's) are an append, handed on in file order.
        return .appended(appended.flatMap(\.events))
    }

    /// One file brought up to date from what was read of it before (`old`): its state (nil: gone)
    /// and what changed. Reads only that file, so several may run at once.
    func updated(_ old: FileState?, path: String) -> (state: FileState?, change: Change) {
        guard let id = FileIO.identity(path) else {
            return (nil, old != nil ? .rewritten : .none)
        }
        // Read on from where we stopped only if the file is the same one and what we read is unchanged.
        let fresh = FileState(inode: id.inode, consumed: 0, lines: 0, events: [], tail: [], diagnostics: [])
        let kept = old.flatMap {
            $0.inode == id.inode && id.size >= $0.consumed
                && !(id.size == $0.consumed && id.modified != $0.modified)
                && FileIO.bytes(path, endingAt: $0.consumed, count: 64) ?? [] == $0.fingerprint ? $0 : nil
        }
        var state = kept ?? fresh
        let hasTorn = state.diagnostics.contains { $0.code.isTornLastLine }
        if old != nil, id.size == state.consumed, id.modified == state.modified, state.tail.isEmpty, !hasTorn {
            return (old, .none)
        }
        // Reading on from where the last read stopped, with no half line before or after, is an append.
        let continued = old == nil || (kept != nil && state.tail.isEmpty)
        let read: FileIO.Lines
        do {
            read = try FileIO.readLines(path, from: state.consumed, maxLine: maxLine)
        } catch {
            state.diagnostics = [
                Diagnostic(.error, .unreadableEventFile, error.description, at: SourceLocation(file: path, line: 1))
            ]
            return (state, .rewritten)
        }
        var result = EventLogParser.parse(read.bytes, file: path, firstLine: state.lines + 1)
        for (line, length) in read.skipped {
            result.diagnostics.append(
                Diagnostic(
                    .error, .overlongLine,
                    "line of \(length) bytes is longer than \(maxLine) bytes; skipped, the rest is read",
                    at: SourceLocation(file: path, line: state.lines + 1 + line)))
        }
        // The parser counts the bytes it was given; a skipped line was given as an empty one, so
        // where the read stopped in the file is the reader's to say.
        if result.consumed == read.terminatedInBytes { result.consumed = read.terminatedInFile }
        let lastTerminated = state.lines + result.lines
        // Only the last line can lack its newline: the tail is the last event or none.
        var new = result.events
        let tail = new.last.map { ($0.source?.line ?? 0) > lastTerminated } == true ? [new.removeLast()] : []
        let hadTail = !(old?.tail.isEmpty ?? true)
        if state.events.isEmpty { state.events = new } else { state.events += new }
        state.tail = tail
        state.diagnostics.removeAll { $0.code.isTornLastLine }
        state.diagnostics += result.diagnostics
        state.consumed += result.consumed
        state.lines = lastTerminated
        state.fingerprint = FileIO.bytes(path, endingAt: state.consumed, count: 64) ?? []
        state.modified = id.modified
        return (state, continued && !hadTail && state.tail.isEmpty ? .appended(new) : .rewritten)
    }

    /// The file new events go to: one per month, by the time they are recorded, and per device
    /// (`2026-11.laptop.jsonl`). Every file in the folder is read whoever wrote it.
    public func fileForNewEvents(at date: Date) -> String {
        let f = LocalTime.fields(of: date, in: zone)
        return directory + "/" + Digits.padded(f.year, 4) + "-" + Digits.padded(f.month, 2)
            + (device.map { ".\($0)" } ?? "") + ".jsonl"
    }

    /// Appends one event, creating the folder (0700) and file (0600) as needed; fsync'd.
    /// Under the writer lock, so that the newline check and the write are one step.
    public func append(_ event: Event, recordedAt: Date) throws(SystemError) {
        do {
            try locked {
                try FileIO.appendLine(EventCoding.encode(event, zone: zone), to: fileForNewEvents(at: recordedAt))
            }
        } catch let error as SystemError {
            throw error
        } catch {
            throw SystemError("append", directory, EIO)
        }
    }

    /// Appends `events` in order as one write and one fsync, under the writer lock: a mail scan
    /// records hundreds at once, and an fsync each would cost seconds.
    public func append(_ events: [Event], recordedAt: Date) throws(SystemError) {
        guard !events.isEmpty else { return }
        do {
            try locked {
                try FileIO.appendLine(
                    events.map { EventCoding.encode($0, zone: zone) }.joined(separator: "\n"),
                    to: fileForNewEvents(at: recordedAt))
            }
        } catch let error as SystemError {
            throw error
        } catch {
            throw SystemError("append", directory, EIO)
        }
    }

    private static let lastID = ThreadLock()
    private nonisolated(unsafe) static var lastMilliseconds: UInt64 = 0

    /// A fresh, unique event id: time-ordered and random. Within one process the time part only
    /// grows (the next millisecond is taken when one repeats), so that events recorded at one
    /// time, as an import does, keep the order they were made in when ties are broken by id.
    public static func newEventID(at date: Date) -> String {
        let ms = lastID.withLock {
            lastMilliseconds = max(UInt64(max(0, date.timeIntervalSince1970 * 1000)), lastMilliseconds + 1)
            return lastMilliseconds
        }
        var rng = SystemRandomNumberGenerator()
        let random = UInt64.random(in: 0..<(1 << 40), using: &rng)
        return "ev-" + String(ms, radix: 36) + "-" + String(random, radix: 36)
    }
}

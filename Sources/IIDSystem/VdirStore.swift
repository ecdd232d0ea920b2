import IIDCore

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The calendar folder on disk: a vdir, one `.ics` item per file, shared with vdirsyncer (which
/// syncs it with a CalDAV server), khal and todoman. iid's files are named `iid-….ics`; others in
/// the folder (events made on the phone) are left alone.
///
/// Every write is atomic (a temporary name in the same folder, then a rename), so a reader never
/// sees half an item; the temporary name does not end in `.ics`, so vdirsyncer never lists it.
public struct VdirStore: Sendable {
    public let directory: String
    /// What each of iid's files held when last read or written: an inotify change that matches it
    /// is iid's own write, and an item that revises to the same is not written again.
    public private(set) var known: [String: String] = [:]
    /// Files of finished tasks already marked so, not looked at again until they change.
    private var settled = Set<String>()
    /// Each item as last generated, DTSTAMP aside, while the file still holds what was then
    /// decided: a wake-up that changes nothing for an item costs one string comparison.
    private var generated: [String: String] = [:]

    public init(directory: String) { self.directory = directory }

    /// `text` without its first DTSTAMP line, which changes at every generation.
    static func unstamped(_ text: String) -> String {
        guard let start = text.firstRange(of: "\r\nDTSTAMP:"),
            let end = text[start.upperBound...].firstRange(of: "\r\n")
        else {
            return text
        }
        return String(text[..<start.lowerBound]) + String(text[end.lowerBound...])
    }

    public static func isItem(_ name: String) -> Bool { name.hasPrefix("iid-") && name.hasSuffix(".ics") }

    /// iid's item files in the folder.
    public func names() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter(Self.isItem).sorted()
    }

    public func read(_ name: String) -> String? {
        guard let bytes = try? FileIO.read(directory + "/" + name, limit: 1 << 20) else { return nil }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Reads every item of iid's once, at start: what changed on the server while iid was not
    /// running is in them, and is to be read before anything is written over it.
    public mutating func load() -> [(name: String, text: String)] {
        known = [:]
        settled = []
        generated = [:]
        var out: [(name: String, text: String)] = []
        for name in names() {
            guard let text = read(name) else { continue }
            known[name] = text
            out.append((name, text))
        }
        return out
    }

    /// What an inotify change to `name` amounts to.
    public enum Change: Equatable, Sendable {
        /// The file says what iid last wrote or read there (iid's own write, seen again).
        case unchanged
        /// One of iid's files was removed.
        case removed
        /// Someone else wrote it: vdirsyncer, from the server.
        case changed(String)
    }

    public mutating func changed(_ name: String) -> Change {
        guard let text = read(name) else {
            settled.remove(name)
            generated[name] = nil
            return known.removeValue(forKey: name) == nil ? .unchanged : .removed
        }
        if known[name] == text { return .unchanged }
        known[name] = text
        settled.remove(name)
        generated[name] = nil
        return .changed(text)
    }

    /// Writes the items that changed, and marks the tasks that are no longer open as finished;
    /// returns the names written, the errors met (the rest is still written), and the files that
    /// changed on disk since they were last read: those are left alone, to be read first.
    public mutating func update(_ items: [CalendarItem], now: Date, cancelled: (String) -> Bool) -> (
        written: [String], errors: [SystemError], unread: [String]
    ) {
        var written: [String] = []
        var errors: [SystemError] = []
        var unread: [String] = []
        func write(_ name: String, _ text: String) {
            // vdirsyncer may have written it a moment ago, its inotify change not yet read: writing
            // over that would lose what the phone did.
            if read(name) != known[name] {
                unread.append(name)
                return
            }
            do {
                try FileIO.writeAtomically(text, to: directory + "/" + name, mode: 0o600)
                known[name] = text
                written.append(name)
            } catch {
                errors.append(error)
            }
        }
        var wanted = Set<String>()
        for item in items {
            wanted.insert(item.fileName)
            let unstamped = Self.unstamped(item.text)
            if generated[item.fileName] == unstamped { continue }
            if let text = CalendarItems.revise(item.text, over: known[item.fileName]) {
                settled.remove(item.fileName)
                write(item.fileName, text)
                guard known[item.fileName] == text else { continue }
            }
            generated[item.fileName] = unstamped
        }
        for (name, text) in known where !wanted.contains(name) && !settled.contains(name) {
            // Should the task come back (a confirm after a reschedule), its item is decided afresh.
            generated[name] = nil
            if let closed = CalendarItems.closing(text, now: now, cancelled: cancelled) { write(name, closed) }
            settled.insert(name)
        }
        return (written, errors, unread)
    }
}

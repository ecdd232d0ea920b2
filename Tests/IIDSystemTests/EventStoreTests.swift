import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct EventStoreTests {
    let zone = systemZone("Europe/Berlin")

    func event(_ id: String, _ type: EventType = .note, contact: String = "jane") -> Event {
        var e = Event(id: id, at: Date(timeIntervalSince1970: 1_795_795_200), type: type, contact: contact)
        if type == .added { e.name = "Jane" }
        e.text = "x"
        return e
    }

    @Test func appendCreatesPrivateFilesWhateverTheUmask() throws {
        let dir = TempDir()
        let store = EventStore(directory: dir.path + "/events", zone: zone)
        let old = umask(0)
        defer { umask(old) }
        try store.append(event("a", .added), recordedAt: Date(timeIntervalSince1970: 1_795_795_200))
        #expect(dir.mode("events") == 0o700)
        #expect(dir.mode("events/2026-11.jsonl") == 0o600)
        #expect(store.load().events.map(\.id) == ["a"])
    }

    @Test func incrementalRefreshReadsOnlyAppendsAndHealsATornLine() throws {
        let dir = TempDir()
        let store = EventStore(directory: dir.path, zone: zone)
        let line = { (id: String) in EventCoding.encode(self.event(id), zone: self.zone) }
        try dir.write("a.jsonl", line("1") + "\n")
        var snapshot = store.load()
        #expect(snapshot.events.map(\.id) == ["1"])
        // A writer is half-way through a line: reported, not consumed.
        let second = line("2")
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.path + "/a.jsonl"))
        try h.seekToEnd()
        try h.write(contentsOf: Data(second.prefix(20).utf8))
        #expect(store.refresh(&snapshot))
        #expect(snapshot.events.map(\.id) == ["1"])
        #expect(snapshot.diagnostics.contains { $0.code.isTornLastLine && $0.location?.line == 2 })
        // The writer finishes the line: now it counts, and the torn report is gone.
        try h.write(contentsOf: Data((second.dropFirst(20) + "\n").utf8))
        try h.close()
        #expect(store.refresh(&snapshot, only: ["a.jsonl"]))
        #expect(snapshot.events.map(\.id) == ["1", "2"])
        #expect(snapshot.diagnostics.isEmpty)
        #expect(!store.refresh(&snapshot), "nothing changed")
    }

    @Test func readingFilesAtOnceGivesTheSameSnapshot() throws {
        let dir = TempDir()
        let store = EventStore(directory: dir.path, zone: zone)
        let line = { (id: String) in EventCoding.encode(self.event(id), zone: self.zone) }
        for month in 1...6 {
            let lines = (0..<50).map { line("m\(month)-\($0)") }
            try dir.write(String(format: "2026-%02d.jsonl", month), lines.joined(separator: "\n") + "\n")
        }
        // A bad line in one file, and a last line without its newline in another (read, not consumed).
        try dir.write("2026-07.jsonl", line("b1") + "\n{not json\n" + line("b2") + "\n")
        try dir.write("2026-08.jsonl", line("t1") + "\n" + line("t2"))
        let one = store.load(readers: 1)
        let four = store.load(readers: 4)
        #expect(one.events.count == 6 * 50 + 4)
        #expect(four.events.map(\.id) == one.events.map(\.id))
        #expect(four.events.map { $0.source?.description } == one.events.map { $0.source?.description })
        #expect(four.diagnostics.map(\.description) == one.diagnostics.map(\.description))
        #expect(one.diagnostics.count == 1)
        // Both go on alike from what they read.
        var a = one
        var b = four
        try dir.write("2026-08.jsonl", line("t1") + "\n" + line("t2") + "\n" + line("t3") + "\n")
        #expect(store.changes(&a) == store.changes(&b, readers: 4))
        #expect(a.events.map(\.id) == b.events.map(\.id))
        #expect(a.events.suffix(2).map(\.id) == ["t2", "t3"])
    }

    @Test func changesSayWhetherTheLogOnlyGrew() throws {
        let dir = TempDir()
        let store = EventStore(directory: dir.path, zone: zone)
        let line = { (id: String) in EventCoding.encode(self.event(id), zone: self.zone) + "\n" }
        try dir.write("2026-10.jsonl", line("1"))
        var snapshot = store.load()
        #expect(store.changes(&snapshot) == .none)
        // Lines added to the last file: only they are handed on.
        try dir.append("2026-10.jsonl", line("2") + line("3"))
        #expect(store.changes(&snapshot) == .appended([event("2"), event("3")]))
        // A new, later file is an append too.
        try dir.write("2026-11.jsonl", line("4"))
        #expect(store.changes(&snapshot, only: ["2026-11.jsonl"]) == .appended([event("4")]))
        // Lines added to an earlier file (an earlier month's, another device's) are an append too:
        // the plan orders events by time and id, not by file.
        try dir.append("2026-10.jsonl", line("5"))
        #expect(store.changes(&snapshot) == .appended([event("5")]))
        // A line edited in place, and a file removed, are rewrites.
        try dir.write("2026-11.jsonl", line("X"))
        #expect(store.changes(&snapshot) == .rewritten)
        #expect(snapshot.events.map(\.id) == ["1", "2", "3", "5", "X"])
        try FileManager.default.removeItem(atPath: dir.path + "/2026-11.jsonl")
        #expect(store.changes(&snapshot) == .rewritten)
        // An event on a last line without a newline is planned now and read again later: a rewrite.
        try dir.append("2026-10.jsonl", String(line("6").dropLast()))
        #expect(store.changes(&snapshot) == .rewritten)
        try dir.append("2026-10.jsonl", "\n")
        #expect(store.changes(&snapshot) == .rewritten)
        try dir.append("2026-10.jsonl", line("7"))
        #expect(store.changes(&snapshot) == .appended([event("7")]))
        #expect(snapshot.events.map(\.id) == ["1", "2", "3", "5", "6", "7"])
    }

    @Test func appendAfterATornLineKeepsBothLines() throws {
        let dir = TempDir()
        let store = EventStore(directory: dir.path, zone: zone)
        let when = Date(timeIntervalSince1970: 1_795_795_200)
        let torn = #"{"id":"t","at":"2026-11-2"#
        try dir.write("2026-11.jsonl", torn)
        try store.append(event("b"), recordedAt: when)
        let text = try String(contentsOfFile: dir.path + "/2026-11.jsonl", encoding: .utf8)
        #expect(text.hasPrefix(torn + "\n"), "the torn line is left as it was")
        let snapshot = store.load()
        #expect(snapshot.events.map(\.id) == ["b"])
        #expect(snapshot.diagnostics.count == 1)
    }

    @Test func replacedFileIsReadAgainAndRemovedFileDropped() throws {
        let dir = TempDir()
        let store = EventStore(directory: dir.path, zone: zone)
        try dir.write("a.jsonl", EventCoding.encode(event("1"), zone: zone) + "\n")
        var snapshot = store.load()
        let tmp = dir.path + "/.a.tmp"
        try (EventCoding.encode(event("9"), zone: zone) + "\n").write(toFile: tmp, atomically: false, encoding: .utf8)
        rename(tmp, dir.path + "/a.jsonl")
        #expect(store.refresh(&snapshot))
        #expect(snapshot.events.map(\.id) == ["9"])
        unlink(dir.path + "/a.jsonl")
        #expect(store.refresh(&snapshot))
        #expect(snapshot.events.isEmpty)
    }

    @Test func editedInPlaceIsReadAgain() throws {
        let dir = TempDir()
        let store = EventStore(directory: dir.path, zone: zone)
        let one = EventCoding.encode(event("1"), zone: zone) + "\n"
        try dir.write("a.jsonl", one + one.replacingOccurrences(of: "\"1\"", with: "\"2\""))
        var snapshot = store.load()
        #expect(snapshot.events.map(\.id) == ["1", "2"])
        // Same size, same inode, different content: an editor that writes in place.
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.path + "/a.jsonl"))
        try h.write(contentsOf: Data(one.replacingOccurrences(of: "\"1\"", with: "\"3\"").utf8))
        try h.close()
        #expect(store.refresh(&snapshot))
        #expect(snapshot.events.map(\.id) == ["3", "2"])
    }

    @Test func onlyEventFilesCount() {
        #expect(EventStore.isEventFile("2026-11.jsonl"))
        #expect(!EventStore.isEventFile(".2026-11.jsonl.swp"))
        #expect(!EventStore.isEventFile("#a.jsonl#"))
        #expect(!EventStore.isEventFile("notes.txt"))
    }
}

import Foundation
import IIDCore
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Files in iid's folders that are not what they claim, and a disk that refuses writes.
@Suite struct HostileFilesTests {
    let zone = systemZone("Europe/Berlin")

    func line(_ id: String, _ type: EventType = .note) -> String {
        var e = Event(id: id, at: Date(timeIntervalSince1970: 1_795_795_200), type: type, contact: "jane")
        if type == .added { e.name = "Jane" } else { e.text = "x" }
        return EventCoding.encode(e, zone: zone)
    }

    /// Runs `body` on a thread of its own and gives up after five seconds: a read that blocks
    /// fails the test instead of hanging the suite.
    func withinFiveSeconds<T: Sendable>(_ body: @escaping @Sendable () -> T) -> T? {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Thread {
            box.value = body()
            done.signal()
        }.start()
        return done.wait(timeout: .now() + 5) == .success ? box.value : nil
    }

    @Test func aFifoOrADeviceAmongTheEventsIsReportedNotRead() throws {
        let dir = TempDir()
        try dir.write("a.jsonl", line("1", .added) + "\n")
        #expect(mkfifo(dir.path + "/fifo.jsonl", 0o600) == 0)
        #expect(symlink("/dev/zero", dir.path + "/zero.jsonl") == 0)
        try dir.write("z.jsonl", line("2") + "\n")
        let store = EventStore(directory: dir.path, zone: zone)
        let snapshot = try #require(withinFiveSeconds { store.load() }, "reading the log blocked")
        #expect(snapshot.events.map(\.id) == ["1", "2"])
        let problems = snapshot.diagnostics.map(\.description)
        #expect(problems.contains { $0.contains("fifo.jsonl") && $0.contains("not a regular file") })
        #expect(problems.contains { $0.contains("zero.jsonl") && $0.contains("not a regular file") })
    }

    @Test func aRunawayLineIsSkippedAndTheGoodLinesAroundItKept() throws {
        let dir = TempDir()
        let huge = String(repeating: "x", count: 3 << 20)
        try dir.write("a.jsonl", line("1", .added) + "\n" + huge + "\n" + line("2") + "\n")
        var store = EventStore(directory: dir.path, zone: zone)
        store.maxLine = 1 << 20
        var snapshot = store.load()
        #expect(snapshot.events.map(\.id) == ["1", "2"])
        let problem = try #require(snapshot.diagnostics.first { $0.description.contains("longer than") })
        #expect(problem.location?.line == 2)
        // Reading on from there after an append finds the new line, not the skipped one again.
        try dir.append("a.jsonl", line("3") + "\n")
        #expect(store.changes(&snapshot) == .appended(snapshot.events.filter { $0.id == "3" }))
        #expect(snapshot.events.map(\.id) == ["1", "2", "3"])
    }

    @Test func ledgerLinesTheDiskRefusedAreWrittenOnceItTakesThemAgain() throws {
        let dir = TempDir()
        let path = dir.path + "/delivered.jsonl"
        #expect(symlink("/dev/full", path) == 0)
        let ledger = Ledger(path: path, zone: zone)
        #expect(throws: SystemError.self) { try ledger.record("a#notify", at: Date(), outcome: .delivered) }
        #expect(throws: SystemError.self) { try ledger.record("b#notify", at: Date(), outcome: .delivered) }
        #expect(ledger.contains("a#notify") && ledger.unwritten.count == 2)
        // Space again.
        unlink(path)
        try ledger.flush()
        #expect(ledger.unwritten.isEmpty)
        let reread = Ledger(path: path, zone: zone)
        try reread.load()
        #expect(reread.keys == ["a#notify", "b#notify"])
    }

    @Test func aRuntimeFolderThatIsNotOursIsRefused() throws {
        let dir = TempDir()
        let mine = dir.path + "/mine"
        try FileIO.makeDirectory(mine)
        chmod(mine, 0o755)
        try FileIO.checkPrivate(mine)
        #expect(dir.mode("mine") == 0o700, "our own folder is tightened")
        #expect(symlink(mine, dir.path + "/link") == 0)
        #expect(throws: SystemError.self) { try FileIO.checkPrivate(dir.path + "/link") }
        if getuid() == 0 {
            let theirs = dir.path + "/theirs"
            try FileIO.makeDirectory(theirs)
            chmod(theirs, 0o777)
            chown(theirs, 65534, 65534)
            #expect(throws: SystemError.self) { try ControlListener.lock(path: theirs + "/lock") }
            #expect(throws: SystemError.self) { try ControlListener.open(path: theirs + "/control.sock") }
        }
    }

    @Test func withoutARuntimeDirTheSocketLivesInTheStateFolder() {
        let paths = Paths(environment: ["HOME": "/home/sam"])
        #expect(paths.controlSocket == "/home/sam/.local/state/iid/run/control.sock")
        #expect(!paths.controlSocket.hasPrefix("/tmp"))
        #expect(
            Paths(environment: ["HOME": "/h", "XDG_RUNTIME_DIR": "/run/user/1000"]).lockFile
                == "/run/user/1000/iid/lock")
    }

    @Test func theLockNamesItsHolder() throws {
        let dir = TempDir()
        let fd = try ControlListener.lock(path: dir.path + "/lock")
        defer { close(fd) }
        #expect(ControlListener.holder(path: dir.path + "/lock") == getpid())
    }
}

final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

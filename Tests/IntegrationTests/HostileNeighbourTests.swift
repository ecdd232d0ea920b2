import CIIDShims
import Foundation
import IIDSystem
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Other programs and users on the machine: a storm of control clients, files that are not event
/// files, a second daemon beside the first. In each, a reminder due meanwhile still goes out.
@Suite(.serialized) struct HostileNeighbourTests {
    func setUp(_ s: Sandbox) throws -> (notifyLog: String, journal: DatagramSink) {
        let (command, log) = try s.recordingCommand("notify-send")
        let journal = try DatagramSink(path: s.home + "/journal.sock")
        try s.writeConfig(
            """
            delivery:
              notify: {command: "\(command)", actions: false}
              journal: {socket: "\(journal.path)"}
            """)
        return (log, journal)
    }

    /// Opens `count` connections to the control socket and sends nothing on them.
    func storm(_ path: String, count: Int) -> [Int32] {
        (0..<count).compactMap { _ in
            let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
            _ = iid_connect_unix(fd, path)
            return fd >= 0 ? fd : nil
        }
    }

    @Test func aDescriptorStormNeitherCrashesTheDaemonNorDelaysAReminder() throws {
        let s = try Sandbox()
        let (notifyLog, journal) = try setUp(s)
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe", "--at", s.time(-7 * 86400 + 3))
        // 64 descriptors in all, and 300 clients that connect and say nothing.
        let d = try Daemon(s, launcher: ["/usr/bin/prlimit", "--nofile=64:64"])
        #expect(d.ready() != nil)
        // Closed once: on the way out if a check throws, else after the storm (a second close
        // would hit whatever descriptor the number has been given to since).
        var clients = storm(s.runtimeDir + "/iid/control.sock", count: 300)
        defer { for fd in clients { close(fd) } }
        #expect(journal.wait(timeout: 10) { $0.contains("IID_TASK=jane-doe.follow-up") } != nil)
        #expect(eventually { s.lines(notifyLog).count == 1 }, "the notification was spawned: \(d.log)")
        #expect(!d.log.contains("retrying"), "no delivery failed for want of descriptors: \(d.log)")
        #expect(eventually { d.log.contains("reminder.late=false") })
        for fd in clients { close(fd) }
        clients = []
        // Once the storm is over, the daemon answers again.
        #expect(eventually { (try? s.iictl("status").status) == 0 })
        #expect(d.process.isRunning)
    }

    @Test func thirtyTwoClientsAtOnceAreAllAnswered() throws {
        let s = try Sandbox()
        _ = try setUp(s)
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        let path = s.runtimeDir + "/iid/control.sock"
        let answered = Counter()
        DispatchQueue.concurrentPerform(iterations: 32) { _ in
            if (try? ControlClient(path: path).request("ping")) == "pong" { answered.increment() }
        }
        #expect(answered.value == 32)
    }

    @Test func aFifoAndARunawayLineAmongTheEventsHoldNothingUp() throws {
        let s = try Sandbox()
        let (notifyLog, journal) = try setUp(s)
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe", "--at", s.time(-7 * 86400 + 3))
        #expect(mkfifo(s.eventsDir + "/x.jsonl", 0o600) == 0)
        #expect(symlink("/dev/zero", s.eventsDir + "/zero.jsonl") == 0)
        try s.appendEvent(String(repeating: "y", count: 3 << 20), file: "huge.jsonl")
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        #expect(journal.wait(timeout: 10) { $0.contains("IID_TASK=jane-doe.follow-up") } != nil)
        #expect(eventually { s.lines(notifyLog).count == 1 })
        #expect(d.log.contains("x.jsonl: read (not a regular file)"))
        #expect(d.log.contains("huge.jsonl:1: error: line of 3145728 bytes is longer than"))
        // iictl reads the same folder the same way.
        let pending = try s.iictl("pending")
        #expect(pending.status == 0 && pending.stdout.contains("jane-doe.follow-up"))
        #expect(try s.iictl("status").status == 0)
    }

    @Test func aContactInAFileIictlCannotReadIsNotJustMissing() throws {
        let s = try Sandbox()
        #expect(try s.iictl("add", "Jane Doe").status == 0)
        let month = try #require(
            try FileManager.default.contentsOfDirectory(atPath: s.eventsDir).first { $0.hasSuffix(".jsonl") })
        let path = s.eventsDir + "/" + month
        #expect(rename(path, path + ".bak") == 0)
        #expect(mkfifo(path, 0o600) == 0)
        let r = try s.iictl("request", "jane-doe")
        #expect(r.status != 0)
        #expect(r.stderr.contains("\(month): read (not a regular file)"), "the file is named: \(r.stderr)")
    }

    @Test func aSecondDaemonWithAnotherRuntimeFolderIsRefusedAndNamesTheFirst() throws {
        let s = try Sandbox()
        _ = try setUp(s)
        let first = try Daemon(s)
        #expect(first.ready() != nil)
        let elsewhere = s.home + "/run2"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        chmod(elsewhere, 0o700)
        s.extraEnvironment["XDG_RUNTIME_DIR"] = elsewhere
        let second = try Daemon(s)
        #expect(second.exitStatus() == 1)
        #expect(
            second.log.contains("another iid is running (pid \(first.process.processIdentifier)) with the same ledger"))
        #expect(first.process.isRunning)
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var n = 0
    func increment() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}

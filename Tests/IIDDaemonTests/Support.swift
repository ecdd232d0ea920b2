import Foundation
import IIDCore
import IIDDaemon
import IIDSystem
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

let berlin: TZifZone = {
    do {
        return try ZoneLoader().zone(named: "Europe/Berlin")
    } catch {
        Issue.record("cannot load Europe/Berlin: \(error)")
        return .utc
    }
}()

/// A local Berlin time, for readable tests.
func local(_ text: String) -> Date {
    do {
        return try TimeExpression.parse(text, now: Date(timeIntervalSince1970: 0), zone: berlin)
    } catch {
        Issue.record("bad test time \(text): \(error)")
        return Date(timeIntervalSince1970: 0)
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ start: Date) { current = start }
    var now: Date { lock.withLock { current } }
    func set(_ date: Date) { lock.withLock { current = date } }
    var read: @Sendable () -> Date { { self.now } }
}

/// Stands in for the timerfd: it only remembers what it was armed for; the test fires it.
final class ManualTimer: WakeTimer, @unchecked Sendable {
    private(set) var deadline: Date?
    func arm(_ date: Date?) { deadline = date }
}

/// Records every argv and stdin instead of starting programs, and answers as told.
final class RecordingRunner: ProcessRunner, @unchecked Sendable {
    struct Call: Sendable {
        var argv: [String]
        var input: String
    }
    private let lock = NSLock()
    private var recorded: [Call] = []
    /// Exit status by program name (`notify-send`, `sendmail`); 0 when absent.
    private var exits: [String: Int32] = [:]
    /// Lines a streaming command prints after its id (a button's answer).
    private var answers: [String] = []

    var calls: [Call] { lock.withLock { recorded } }
    func calls(_ program: String) -> [Call] { calls.filter { ($0.argv.first ?? "").hasSuffix(program) } }
    func exit(_ program: String, _ status: Int32) { lock.withLock { exits[program] = status } }
    func answer(_ line: String) { lock.withLock { answers.append(line) } }

    private func status(_ argv: [String]) -> Int32 {
        let name = (argv.first ?? "").split(separator: "/").last.map(String.init) ?? ""
        return exits[name] ?? 0
    }

    func run(_ argv: [String], input: [UInt8], timeout: Duration) async -> ProcessOutcome {
        let code = lock.withLock {
            recorded.append(Call(argv: argv, input: String(decoding: input, as: UTF8.self)))
            return status(argv)
        }
        return ProcessOutcome(exitCode: code, stderr: code == 0 ? "" : "refused by the test")
    }

    func runStreaming(_ argv: [String], timeout: Duration, onLine: @escaping @Sendable (String) -> Void) async
        -> ProcessOutcome
    {
        let (code, lines) = lock.withLock {
            recorded.append(Call(argv: argv, input: ""))
            return (status(argv), answers)
        }
        if code == 0 {
            onLine("7")
            for line in lines { onLine(line) }
        }
        return ProcessOutcome(exitCode: code)
    }
}

/// What the daemon reported, for waiting on instead of sleeping.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [DaemonEvent] = []
    var events: [DaemonEvent] { lock.withLock { seen } }
    func add(_ e: DaemonEvent) { lock.withLock { seen.append(e) } }

    /// Waits until `condition` holds for the events so far, up to `timeout`.
    func wait(_ timeout: Duration = .seconds(5), until condition: ([DaemonEvent]) -> Bool) async -> Bool {
        let end = ContinuousClock.now + timeout
        while ContinuousClock.now < end {
            if condition(events) { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return condition(events)
    }

    func count(_ match: (DaemonEvent) -> Bool) -> Int { events.filter(match).count }
}

extension DaemonEvent {
    var deliveredChannel: Channel? {
        if case .delivered(let c, _, _) = self { return c }
        return nil
    }
    var armedAt: Date?? {
        if case .armed(let d) = self { return .some(d) }
        return nil
    }
}

/// A throwaway home with a config, an event log, a journal socket, and a daemon started in it
/// with a test clock, a manual timer and a recording runner.
final class DaemonHarness {
    let root: String
    let clock: TestClock
    let timer = ManualTimer()
    let runner = RecordingRunner()
    let events = EventLog()
    let logs = CapturedLogs()
    let journal: JournalSink
    var daemon: Daemon?
    private var serial = 0

    var eventsDir: String { root + "/data/iid/events" }
    var configPath: String { root + "/config/iid/config.yaml" }
    var ledgerPath: String { root + "/state/iid/delivered.jsonl" }
    var environment: [String: String] {
        [
            "HOME": root, "XDG_CONFIG_HOME": root + "/config", "XDG_DATA_HOME": root + "/data",
            "XDG_STATE_HOME": root + "/state", "XDG_RUNTIME_DIR": root + "/run",
        ]
    }

    init(now: String, config extra: String = "") throws {
        root =
            FileManager.default.temporaryDirectory.appendingPathComponent("iid-daemon-\(UUID().uuidString.prefix(8))")
            .path
        for dir in ["/config/iid", "/data/iid/events", "/state", "/run"] {
            try FileManager.default.createDirectory(atPath: root + dir, withIntermediateDirectories: true)
            chmod(root + dir, 0o700)
        }
        chmod(root, 0o700)
        clock = TestClock(local(now))
        journal = JournalSink(path: root + "/run/journal.sock")
        try writeConfig(extra)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: root)
    }

    /// The config: Berlin time, mail to a test address, the journal at the test's socket, and no
    /// notification buttons unless `extra` asks for them.
    func writeConfig(_ extra: String) throws {
        let text = """
            timezone: Europe/Berlin
            delivery:
              notify:
                actions: \(extra.contains("actions: true") ? "true" : "false")
              email:
                to: me@example.com
              journal:
                socket: \(journal.path)
            \(extra.replacingOccurrences(of: "actions: true", with: ""))
            """
        try text.write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Appends an event line to this month's file, as iictl would.
    func record(_ type: EventType, _ contact: String, at: String, _ fill: (inout Event) -> Void = { _ in }) throws {
        serial += 1
        var e = Event(id: "ev-test-\(serial)", at: local(at), type: type, contact: contact)
        if type == .added { e.name = contact.capitalized }
        fill(&e)
        let path = eventsDir + "/2026-11.jsonl"
        if !FileManager.default.fileExists(atPath: path) {
            try #require(FileManager.default.createFile(atPath: path, contents: nil))
        }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? h.close() }
        try h.seekToEnd()
        try h.write(contentsOf: Data((EventCoding.encode(e, zone: berlin) + "\n").utf8))
    }

    /// A daemon for this home (another runtime folder if given), not yet started.
    func makeDaemon(runtime: String? = nil) throws -> Daemon {
        var environment = self.environment
        if let runtime { environment["XDG_RUNTIME_DIR"] = runtime }
        let env = DaemonEnvironment(
            paths: Paths(environment: environment), clock: clock.read, runner: runner,
            notifier: SystemdNotifier(environment: [:]), host: "test.example",
            makeTimer: { [timer] _, _ in timer })
        let paths = Paths(environment: environment)
        let d = try Daemon(
            loader: ConfigLoader(paths: paths), environment: env,
            log: Logger(label: "iid.test") { [logs] _ in CapturedLogs.Handler(sink: logs) })
        let events = self.events
        d.observer = { events.add($0) }
        return d
    }

    /// Starts the daemon in this process.
    @discardableResult
    func start() throws -> Daemon {
        let d = try makeDaemon()
        try d.start()
        daemon = d
        return d
    }

    func stop() {
        guard let d = daemon else { return }
        daemon = nil
        let done = DispatchSemaphore(value: 0)
        d.onStop = { done.signal() }
        d.queue.async { d.receive(.terminate(SIGTERM)) }
        _ = done.wait(timeout: .now() + 5)
    }

    /// Moves the clock to the timer's deadline and fires it, as the kernel would.
    func fireAtDeadline() throws {
        let deadline = try #require(timer.deadline, "the timer is not armed")
        clock.set(deadline)
        daemon?.fire(.deadline)
    }

    /// Runs `body` on the daemon's queue, between two wake-ups.
    func onQueue<T>(_ body: (Daemon) -> T) throws -> T {
        let d = try #require(daemon)
        return d.queue.sync { body(d) }
    }

    var ledger: String { (try? String(contentsOfFile: ledgerPath, encoding: .utf8)) ?? "" }
}

import CIIDShims
import Foundation
import IIDCore
import IIDSystem
import Logging
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Channels with stand-in programs and sockets: argv, stdin and failures, no real servers.
@Suite struct ChannelTests {
    let zone = systemZone("Europe/Berlin")
    let message = ReminderMessage(
        summary: "Send -u critical $(id) a thank-you note", body: "Body <b>x</b>\nline 2", urgency: .critical,
        category: "iid.thank-you", tasks: ["jane.thank-you"], contacts: ["jane"], kinds: [.thankYou], due: nil,
        isLate: false, draft: "Dear Jane,\n")

    func script(_ dir: TempDir, _ name: String, _ body: String) -> String {
        let path = dir.path + "/" + name
        // Written through a descriptor opened close-on-exec: a program another test starts meanwhile
        // must not inherit it open for writing, or running this script fails with ETXTBSY.
        try? FileIO.writeAtomically("#!/bin/sh\n\(body)\n", to: path, mode: 0o755)
        return path
    }

    @Test func notifyPassesArgvVerbatim() async throws {
        let dir = TempDir()
        let cmd = script(dir, "notify", "for a in \"$@\"; do printf '%s\\n--\\n' \"$a\"; done > \(dir.path)/argv")
        var settings = Config.Notify()
        settings.command = cmd
        let channel = NotifyChannel(settings: settings, runner: SpawnRunner(), actions: false, onAction: nil)
        let outcome = await channel.deliver(message)
        #expect(outcome == .delivered(""))
        let argv = try String(contentsOfFile: dir.path + "/argv", encoding: .utf8).components(separatedBy: "\n--\n")
        #expect(argv.contains("--urgency=critical"))
        #expect(argv.contains("Send -u critical $(id) a thank-you note"))
        #expect(argv.contains("Body &lt;b&gt;x&lt;/b&gt;\nline 2"))
    }

    @Test func notifyAnswerIsReported() async throws {
        let dir = TempDir()
        // As notify-send --print-id --wait does: the id at once, the chosen action's key later.
        let cmd = script(dir, "notify", "echo 42; sleep 0.3; echo done")
        var settings = Config.Notify()
        settings.command = cmd
        let answers = Answers()
        let channel = NotifyChannel(settings: settings, runner: SpawnRunner(), actions: true) { task, action in
            answers.add("\(task) \(action)")
        }
        #expect(await channel.deliver(message) == .delivered(""))
        #expect(answers.wait(for: "jane.thank-you done"))
    }

    @Test func notifyThatShowsNothingIsAFailure() async throws {
        // A server that never answers: notify-send prints no id and hangs.
        let dir = TempDir()
        let cmd = script(dir, "notify", "exec sleep 30")
        var settings = Config.Notify()
        settings.command = cmd
        settings.timeout = DurationSpec(1, .seconds)
        let channel = NotifyChannel(settings: settings, runner: SpawnRunner(), actions: true) { _, _ in }
        let outcome = await channel.deliver(message)
        #expect(outcome == .failed("no notification server answered within 1s (notify-send printed no id)"))
    }

    @Test func notifyFailureCarriesTheReason() async throws {
        let dir = TempDir()
        let cmd = script(dir, "notify", "echo 'Cannot autolaunch D-Bus without X11 $DISPLAY' >&2; exit 1")
        var settings = Config.Notify()
        settings.command = cmd
        let outcome = await NotifyChannel(settings: settings, runner: SpawnRunner(), actions: false, onAction: nil)
            .deliver(message)
        guard case .failed(let reason) = outcome else {
            Issue.record("expected a failure, got \(outcome)")
            return
        }
        #expect(reason.contains("exit 1"))
        #expect(reason.contains("DBUS_SESSION_BUS_ADDRESS"))
    }

    @Test func emailPipesTheMessageAndReportsExit75() async throws {
        let dir = TempDir()
        let ok = script(dir, "sendmail-ok", "cat > \(dir.path)/mail; printf '%s ' \"$@\" > \(dir.path)/args")
        var config = Config()
        config.delivery.email.to = "me@example.org"
        config.delivery.email.sendmail = [ok, "-t", "-oi"]
        let channel = EmailChannel(config: config, zone: zone, runner: SpawnRunner(), host: "box")
        #expect(await channel.deliver(message, key: "k", now: Date()) == .delivered("to me@example.org"))
        let mail = try String(contentsOfFile: dir.path + "/mail", encoding: .utf8)
        #expect(mail.contains("To: me@example.org\r\n"))
        #expect(mail.contains("X-IID-Task: jane.thank-you"))
        #expect(mail.contains("Dear Jane,"))
        #expect(try String(contentsOfFile: dir.path + "/args", encoding: .utf8) == "-t -oi ")
        config.delivery.email.sendmail = [
            script(dir, "sendmail-busy", "cat >/dev/null; echo 'relay down' >&2; exit 75")
        ]
        let failing = EmailChannel(config: config, zone: zone, runner: SpawnRunner(), host: "box")
        #expect(
            await failing.deliver(message, key: "k", now: Date())
                == .failed("\(dir.path)/sendmail-busy: exit 75: relay down"))
        config.delivery.email.to = ""
        #expect(
            await EmailChannel(config: config, zone: zone, runner: SpawnRunner()).deliver(
                message, key: "k", now: Date()) == .unavailable("delivery.email.to is empty"))
    }

    @Test func hangingProgramIsKilledAtItsTimeout() async {
        let marker = "30.\(Int.random(in: 100_000...999_999))"
        let outcome = await SpawnRunner().run(["/bin/sleep", marker], input: [], timeout: .milliseconds(300))
        #expect(outcome.timedOut)
        // The call returns only once the child is gone: no sleeper is left behind.
        let left = await SpawnRunner().run(
            ["/usr/bin/pgrep", "-f", "sleep \(marker)"], input: [], timeout: .seconds(10))
        #expect(left.exitCode == 1, "pgrep found no such process")
        let missing = await SpawnRunner().run(["/nonexistent/notify-send"], input: [], timeout: .seconds(5))
        #expect(missing.launchError != nil)
    }

    @Test func journalAndNotifySocketsGetOneDatagramEach() throws {
        let dir = TempDir()
        let path = dir.path + "/j.sock"
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        _ = iid_bind_unix(fd, path)
        func receive() -> [UInt8] {
            var buf = [UInt8](repeating: 0, count: 65536)
            var tv = timeval(tv_sec: 2, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
            let n = recv(fd, &buf, buf.count, 0)
            return n > 0 ? Array(buf[0..<n]) : []
        }
        #expect(JournalChannel(socketPath: path, zone: zone).deliver(message) == .delivered(""))
        let entry = receive()
        #expect(entry == JournalEntry.reminder(message, zone: zone).encoded())
        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "2000000"])
        #expect(notifier.watchdogInterval == .seconds(1))
        #expect(notifier.notify("READY=1\nSTATUS=ok"))
        #expect(String(decoding: receive(), as: UTF8.self) == "READY=1\nSTATUS=ok")
        #expect(SystemdNotifier(environment: [:]).notify("READY=1") == false)
        // No journal: stderr instead, still counted as delivered.
        guard case .delivered(let detail) = JournalChannel(socketPath: dir.path + "/none", zone: zone).deliver(message)
        else {
            Issue.record("expected delivered to stderr")
            return
        }
        #expect(detail.hasPrefix("to stderr"))
    }

    @Test func logLinesCarryThePriority() {
        let lines = Lines()
        let handler = JournalStderrLogHandler(label: "t", level: .debug) { lines.add($0) }
        var logger = Logging.Logger(label: "t") { _ in handler }
        logger.logLevel = .debug
        logger.error("bad\nthing", metadata: ["delivery.channel": "notify"])
        logger.notice("ok")
        #expect(lines.all == ["<3>bad\\nthing delivery.channel=notify\n", "<5>ok\n"])
    }

    @Test func aHostileNameCannotSplitALogLineOrForgeAPriority() {
        let lines = Lines()
        let handler = JournalStderrLogHandler(label: "t", level: .debug) { lines.add($0) }
        let logger = Logging.Logger(label: "t") { _ in handler }
        logger.info(
            "delivered: Thank Jane\r\n<0>the disk is on fire",
            metadata: ["reminder.task": "jane\u{1B}[2J.thank-you"])
        let line = lines.all.first ?? ""
        #expect(line == "<6>delivered: Thank Jane\\r\\n<0>the disk is on fire reminder.task=jane\\u{1B}[2J.thank-you\n")
        #expect(line.filter { $0 == "\n" || $0 == "\r" }.count == 1, "one line, ended once")
    }
}

final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    var all: [String] { lock.withLock { items } }
}

/// Answers from a notification, collected from another task.
final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.withLock { items.append(s) } }
    func wait(for s: String, timeout: Double = 5) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if lock.withLock({ items.contains(s) }) { return true }
            usleep(10_000)
        }
        return false
    }
}

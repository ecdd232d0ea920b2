import CIIDShims
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Where `swift build` put the executables: beside the test bundle.
let productsDirectory: URL = {
    let here = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for candidate in [here, here.deletingLastPathComponent()]
    where FileManager.default.fileExists(atPath: candidate.appendingPathComponent("iictl").path) {
        return candidate
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug")
        .standardized
}()

struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Waits for `condition`, checking every 20 ms, up to `timeout` seconds. Returns whether it held.
func eventually(_ timeout: Double = 10, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        usleep(20_000)
    }
    return try condition()
}

/// A throwaway HOME with XDG folders, a config, and helpers to run the built binaries in it.
final class Sandbox: @unchecked Sendable {
    let root: URL
    var home: String { root.path }
    var eventsDir: String { home + "/.local/share/iid/events" }
    var configPath: String { home + "/.config/iid/config.yaml" }
    var runtimeDir: String { home + "/run" }
    var extraEnvironment: [String: String] = [:]

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("iid-test-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: root.path + "/.config/iid", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root.path + "/run", withIntermediateDirectories: true)
        chmod(root.path + "/run", 0o700)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment
        for k in [
            "IID_CONFIG", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "NOTIFY_SOCKET", "WATCHDOG_USEC",
            "WATCHDOG_PID",
        ] {
            env[k] = nil
        }
        env["HOME"] = home
        env["XDG_RUNTIME_DIR"] = runtimeDir
        env["NO_COLOR"] = "1"
        env["TZ"] = "Europe/Berlin"
        env.merge(extraEnvironment) { $1 }
        return env
    }

    func writeConfig(_ text: String) throws {
        // Written by rename, as editors do.
        let tmp = configPath + ".tmp"
        try text.write(toFile: tmp, atomically: false, encoding: .utf8)
        rename(tmp, configPath)
    }

    @discardableResult
    func iictl(_ args: String...) throws -> ProcessResult {
        try run("iictl", args)
    }

    func run(_ tool: String, _ args: [String]) throws -> ProcessResult {
        try run(executable: productsDirectory.appendingPathComponent(tool), args)
    }

    /// Any program, in this sandbox's environment (plus `extra`), with its output collected.
    func run(executable: URL, _ args: [String], extra: [String: String] = [:]) throws -> ProcessResult {
        let p = try TestProcess(
            executable.path, args, environment: environment.merging(extra) { $1 }, stdout: .pipe, stderr: .pipe)
        let (o, e) = p.readToEnd()
        guard p.end() else {
            throw NSError(domain: "\(executable.lastPathComponent) did not end", code: Int(p.processIdentifier))
        }
        return ProcessResult(status: p.terminationStatus, stdout: o, stderr: e)
    }

    /// Appends a raw line to an event file, as another tool would.
    func appendEvent(_ line: String, file: String = "manual.jsonl") throws {
        try FileManager.default.createDirectory(atPath: eventsDir, withIntermediateDirectories: true)
        let path = eventsDir + "/" + file
        if !FileManager.default.fileExists(atPath: path) {
            try #require(FileManager.default.createFile(atPath: path, contents: nil))
        }
        let h = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try h.seekToEnd()
        try h.write(contentsOf: Data((line + "\n").utf8))
        try h.close()
    }

    /// A local time `seconds` from now, in the `--at` form with seconds and an offset.
    func time(_ seconds: Double) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/Berlin")
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return f.string(from: Date().addingTimeInterval(seconds))
    }

    /// The wall time `hhmm` on the calendar day `days` after today in `zone`, for a command that
    /// reads the real clock and needs a day ahead of it: `argument` in iictl's "2027-03-01 07:30"
    /// form, `weekdayDayMonth` as iictl shows a day ("Mon 1 Mar").
    func localDay(_ days: Int, _ hhmm: String, zone: String = "Europe/Berlin") -> (
        argument: String, weekdayDayMonth: String
    ) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone) ?? .gmt
        let day = calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: Date())) ?? Date()
        func format(_ pattern: String) -> String {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = calendar.timeZone
            f.dateFormat = pattern
            return f.string(from: day)
        }
        return (format("yyyy-MM-dd") + " " + hhmm, format("EEE d MMM"))
    }

    /// A script standing in for notify-send that appends its argv (unit-separated, newlines folded, one call a line).
    func recordingCommand(_ name: String, exitCode: Int32 = 0) throws -> (command: String, log: String) {
        let log = home + "/\(name).log"
        let path = home + "/\(name)"
        try """
        #!/bin/sh
        for a in "$@"; do printf '%s\\037' "$a"; done | tr '\\n' ' ' >> '\(log)'
        printf '\\n' >> '\(log)'
        exit \(exitCode)
        """.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o755)
        return (path, log)
    }

    func lines(_ path: String) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").map(String.init)
    }
}

/// A datagram socket the test binds, standing in for `$NOTIFY_SOCKET` or the journal's socket.
final class DatagramSink {
    let path: String
    let fd: Int32

    init(path: String) throws {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        let r = iid_bind_unix(fd, path)
        if r != 0 { throw NSError(domain: "bind", code: Int(errno)) }
        var big: Int32 = 4 << 20
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &big, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// The next datagram, or nil after `timeout` seconds.
    func receive(timeout: Double) -> String? {
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, Int32(timeout * 1000)) == 1 else { return nil }
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        let n = recv(fd, &buf, buf.count, 0)
        guard n >= 0 else { return nil }
        return String(decoding: buf[0..<n], as: UTF8.self)
    }

    /// Datagrams until one satisfies `match`, or nil after `timeout` seconds in all.
    func wait(timeout: Double = 10, for match: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let d = receive(timeout: deadline.timeIntervalSinceNow), match(d) { return d }
        }
        return nil
    }

    /// Everything already queued.
    func drain() -> [String] {
        var out: [String] = []
        while let d = receive(timeout: 0) { out.append(d) }
        return out
    }
}

/// The built `iid`, started in a sandbox, its stderr collected.
final class Daemon {
    let process: TestProcess
    let stderrPath: String
    let notify: DatagramSink

    /// `launcher` runs before iid (e.g. `prlimit --nofile=64:64`), with iid's path as its last argument.
    init(_ sandbox: Sandbox, args: [String] = [], launcher: [String] = []) throws {
        notify = try DatagramSink(path: sandbox.home + "/notify-\(UUID().uuidString.prefix(6)).sock")
        stderrPath = sandbox.home + "/iid-\(UUID().uuidString.prefix(6)).log"
        let iid = productsDirectory.appendingPathComponent("iid").path
        let argv = launcher.isEmpty ? [iid] + args : launcher + [iid] + args
        var env = sandbox.environment
        env["NOTIFY_SOCKET"] = notify.path
        process = try TestProcess(argv[0], Array(argv.dropFirst()), environment: env, stderr: .file(stderrPath))
    }

    var log: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits for READY=1 and returns the datagram.
    func ready(timeout: Double = 15) -> String? { notify.wait(timeout: timeout) { $0.contains("READY=1") } }

    func signal(_ sig: Int32) { process.signal(sig) }

    /// Waits for the process to end; nil on timeout.
    func exitStatus(timeout: Double = 10) -> Int32? {
        process.waitForExit(timeout: timeout) ? process.terminationStatus : nil
    }
}

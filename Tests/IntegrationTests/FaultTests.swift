import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// What the daemon survives: SIGKILL at random moments, a full or read-only disk, a thousand at once.
@Suite(.serialized) struct FaultTests {
    /// `count` contacts whose follow-up is due `first` seconds from now, `spacing` seconds apart.
    func writeReminders(_ s: Sandbox, count: Int, first: Double, spacing: Double) throws {
        try FileManager.default.createDirectory(atPath: s.eventsDir, withIntermediateDirectories: true)
        var lines = ""
        for i in 0..<count {
            let due = s.time(first + Double(i) * spacing)
            lines += #"{"id":"a\#(i)","at":"\#(due)","type":"added","contact":"c\#(i)","name":"C \#(i)"}"# + "\n"
            lines += #"{"id":"r\#(i)","at":"\#(due)","type":"requested","contact":"c\#(i)"}"# + "\n"
        }
        try lines.write(toFile: s.eventsDir + "/bulk.jsonl", atomically: true, encoding: .utf8)
    }

    func config(_ s: Sandbox, notify: String, extra: String = "") throws {
        try s.writeConfig(
            """
            timezone: Europe/Berlin
            reminders:
              follow-up: {after: 0s, due: 1d, via: [notify]}
            delivery:
              retry: 1s
              notify: {command: "\(notify)", actions: false}
            \(extra)
            """)
    }

    /// How often each task id was delivered, from the recording command's log (digests list ids too).
    func counts(_ s: Sandbox, _ log: String) -> [String: Int] {
        var out: [String: Int] = [:]
        let regex = try? NSRegularExpression(pattern: "c[0-9]+\\.follow-up")
        for line in s.lines(log) {
            let ns = line as NSString
            // A single reminder names its task once in the body; a digest once per item.
            let ids = Set(
                (regex?.matches(in: line, range: NSRange(location: 0, length: ns.length)) ?? []).map {
                    ns.substring(with: $0.range)
                })
            for id in ids { out[id, default: 0] += 1 }
        }
        return out
    }

    func status(_ s: Sandbox) -> [String: Any] {
        guard let r = try? s.iictl("status", "--json"), r.status == 0 else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]) ?? [:]
    }

    @Test func crashLoopLosesNothing() throws {
        let s = try Sandbox()
        let (notify, log) = try s.recordingCommand("notify-send")
        try config(s, notify: notify)
        let count = 120
        let spacing = 0.1
        try writeReminders(s, count: count, first: 2, spacing: spacing)
        let end = Date().addingTimeInterval(2 + Double(count) * spacing + 1)
        var kills = 0
        var rng = SystemRandomNumberGenerator()
        while Date() < end {
            let d = try Daemon(s)
            _ = d.ready()
            usleep(UInt32.random(in: 100_000...700_000, using: &rng))
            d.signal(SIGKILL)
            _ = d.exitStatus()
            kills += 1
        }
        // A last, undisturbed run delivers whatever is left.
        let last = try Daemon(s)
        #expect(last.ready() != nil)
        #expect(
            eventually(20) { (status(s)["delivered_total"] as? Int) == count && (status(s)["in_flight"] as? Int) == 0 })
        let delivered = counts(s, log)
        let lost = (0..<count).filter { delivered["c\($0).follow-up"] == nil }
        let duplicates = delivered.values.reduce(0) { $0 + max(0, $1 - 1) }
        print("crash loop: \(kills) kills, \(count) reminders, \(lost.count) lost, \(duplicates) duplicates")
        #expect(kills >= 5)
        #expect(lost.isEmpty, "lost: \(lost)")
        #expect(duplicates <= kills, "at most one repeat per kill (a kill between delivery and ledger write)")
        // The ledger has no torn or unreadable line.
        let ledger = try String(contentsOfFile: s.home + "/.local/state/iid/delivered.jsonl", encoding: .utf8)
        let bad = ledger.split(separator: "\n").filter {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) == nil
        }
        #expect(bad.isEmpty)
    }

    @Test func aThousandAtOnceMakeOneDigest() throws {
        let s = try Sandbox()
        let (notify, log) = try s.recordingCommand("notify-send")
        try config(s, notify: notify)
        try writeReminders(s, count: 1000, first: -30, spacing: 0)
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        #expect(eventually(20) { (status(s)["delivered_total"] as? Int) == 1000 })
        #expect(s.lines(log).count == 1)
        #expect(s.lines(log).first?.contains("1000 reminders") == true)
    }

    @Test(.enabled(if: getuid() == 0, "mounting a small tmpfs needs root"))
    func fullThenReadOnlyDiskKeepsTheDaemonRunning() throws {
        let s = try Sandbox()
        let (notify, log) = try s.recordingCommand("notify-send")
        try config(s, notify: notify)
        let state = s.home + "/.local/state/iid"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        #expect(Components.output(["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", state]).isEmpty)
        defer { _ = Components.output(["umount", "-l", state]) }
        // Fill it up.
        _ = Components.output(["dd", "if=/dev/zero", "of=\(state)/filler", "bs=4k", "count=64"])
        try writeReminders(s, count: 1, first: 1, spacing: 0)
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        #expect(eventually(10) { d.log.contains("cannot write the delivery ledger") })
        #expect(d.log.contains("No space left on device"))
        #expect(eventually { (status(s)["in_flight"] as? Int) == 0 })
        #expect(s.lines(log).count == 1, "delivered once, not in a loop")
        #expect(d.process.isRunning)
        // Read-only now: a second reminder is delivered and the error reported the same way.
        _ = Components.output(["mount", "-o", "remount,ro", state])
        try s.appendEvent(#"{"id":"late1","at":"\#(s.time(3))","type":"requested","contact":"c0"}"#)
        #expect(eventually(10) { d.log.contains("Read-only file system") }, "\(d.log)")
        #expect(d.process.isRunning)
        // Nothing half-written breaks the next start: space again, restart, the ledger reads cleanly.
        _ = Components.output(["mount", "-o", "remount,rw", state])
        unlink(state + "/filler")
        d.signal(SIGTERM)
        #expect(d.exitStatus() == 0)
        let again = try Daemon(s)
        #expect(again.ready() != nil)
        #expect(!again.log.contains("unreadable"))
    }
}

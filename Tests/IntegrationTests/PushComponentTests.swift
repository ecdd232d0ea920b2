import Foundation
import IIDCore
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The phone's own helpers beside the tests: Tests/Support.
let supportDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("../Support").standardized.path

/// A helper program started for a test, its first line of stdout read (the port it listens on).
final class Helper {
    let process: TestProcess

    init(_ argv: [String]) throws {
        process = try TestProcess("/usr/bin/env", argv, stdout: .pipe)
    }

    /// The first line it prints, read as it arrives (blocking, with the helper's own start as the bound).
    /// The helper is killed when the test lets go of it.
    func firstLine() -> String { process.readLine() ?? "" }
}

/// Push through Debian's real `apprise`, its ntfy plugin posting to an endpoint that answers as
/// ntfy's publish API does (no ntfy server is packaged for Debian or PyPI): the JSON that arrives
/// is what a phone subscribed to the topic would get.
@Suite(.serialized, .enabled(if: Components.required || Components.has("IID_TEST_APPRISE")))
struct PushComponentTests {
    func endpoint(_ s: Sandbox, failing: Int = 0) throws -> (Helper, port: String, received: String) {
        let received = s.home + "/ntfy-\(UUID().uuidString.prefix(6)).jsonl"
        let helper = try Helper([
            Components.python, supportDirectory + "/ntfy_endpoint.py", received, "\(failing)",
        ])
        let port = helper.firstLine()
        try #require(Int(port) != nil, "the ntfy stand-in did not start")
        return (helper, port, received)
    }

    func messages(_ path: String) -> [[String: Any]] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func aReminderArrivesAtTheTopicWithItsTitleAndBody() throws {
        try #require(Components.has("IID_TEST_APPRISE"), "no apprise: run make test")
        let s = try Sandbox()
        let (ntfy, port, received) = try endpoint(s, failing: 1)
        defer { _ = ntfy }
        let url = "ntfy://sam:s3cretpw@127.0.0.1:\(port)/iid-jobsearch"
        try s.writeConfig(
            """
            reminders:
              follow-up: {via: [push]}
            delivery:
              retry: 1s
              push: {urls: ["\(url)"]}
            """)
        chmod(s.configPath, 0o600)
        try s.iictl("add", hostileName, "--id", "zoe")
        try s.iictl("request", "zoe", "--at", s.time(-7 * 86400 - 60))
        let d = try Daemon(s)
        #expect(d.ready() != nil)
        // The first POST is refused (500): apprise exits 1, iid retries a second later.
        #expect(eventually(20) { !messages(received).isEmpty })
        let m = try #require(messages(received).first)
        #expect(m["topic"] as? String == "iid-jobsearch")
        #expect(m["title"] as? String == "Follow up with \(hostileName) about the meeting request (1 of 2)")
        #expect((m["message"] as? String)?.contains("Task zoe.follow-up, due") == true)
        #expect(m["_auth"] as? Bool == true, "the URL's user and password are sent, as ntfy expects")
        #expect(eventually { d.log.contains("push delivery failed") && d.log.contains("delivered: Follow up") })
        #expect(!d.log.contains("s3cretpw"), "the URL's password is never logged")
        let status = try s.iictl("status")
        #expect(status.stdout.contains("push:") && status.stdout.contains("to ntfy://127.0.0.1"))
        #expect(!status.stdout.contains("s3cretpw") && !status.stdout.contains("sam:"))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/pwned"))
    }

    @Test func testDeliveryAndExplainKnowPush() throws {
        try #require(Components.has("IID_TEST_APPRISE"), "no apprise: run make test")
        let s = try Sandbox()
        let (ntfy, port, received) = try endpoint(s)
        defer { _ = ntfy }
        try s.writeConfig(
            "reminders:\n  brief: {via: [push]}\ndelivery:\n  push: {urls: [\"ntfy://127.0.0.1:\(port)/t\"]}\n")
        let sent = try s.iictl("test-delivery", "push")
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.contains("Delivered through push: to ntfy://127.0.0.1."))
        #expect(sent.stderr.contains("chmod 600"), "a config with push URLs that others can read is warned about")
        #expect(eventually { messages(received).first?["title"] as? String == "iid test reminder" })
        try s.iictl("add", "Jane Doe")
        try s.iictl("schedule", "jane-doe", s.time(3 * 86400))
        #expect(try s.iictl("explain", "jane-doe.brief").stdout.contains("via push."))
        // Nothing listening: apprise fails, and so does the test delivery.
        try s.writeConfig("delivery:\n  push: {urls: [\"ntfy://127.0.0.1:9/t\"], timeout: 20s}\n")
        let failed = try s.iictl("test-delivery", "push")
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("push failed: apprise: exit 1"))
    }
}

import Foundation
import Testing

/// `iictl explain digest` on the built binary: the rule, the next and last digest, and what it
/// would say now; with the digest off, one line naming the key that turns it on.
@Suite struct ExplainDigestTests {
    @Test func offSaysSoInOneLineAndNamesTheKey() throws {
        let s = try Sandbox()
        let r = try s.iictl("explain", "digest")
        #expect(r.status == 1)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("iictl: the weekly digest is off"))
        #expect(r.stderr.contains("config key `digest`"))
    }

    @Test func onItGivesTheRuleTheNextAndLastAndWhatItWouldSay() throws {
        let s = try Sandbox()
        try s.writeConfig(
            "timezone: Europe/Berlin\nquiet_hours: \"07:00-09:00\"\ndigest: {every: \"monday 8:00\", via: [email]}\n")
        let quiet = try s.iictl("explain", "digest")
        #expect(quiet.status == 0, "\(quiet.stderr)")
        let lines = quiet.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines.contains(
                "  Rule:   every mon 08:00 (Europe/Berlin) via email; empty: skip (a week with nothing owed sends nothing)."
            ))
        #expect(
            lines.contains {
                $0.hasPrefix("  Next:   Mon ") && $0.hasSuffix("08:00 via email (held by quiet hours until 09:00).")
            })
        #expect(lines.contains("  Last:   never sent."))
        #expect(lines.contains("  Now:    nothing owed: nothing would be sent."))

        try s.iictl("add", "Dan Brown")
        try s.iictl("request", "dan-brown", "--at", s.time(-12 * 86_400))
        let state = s.home + "/.local/state/iid"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        try #"{"at":"2026-12-07T08:00:02+01:00","key":"digest@2026-12-07T08:00#email","outcome":"delivered"}"#
            .appending("\n").write(toFile: state + "/delivered.jsonl", atomically: true, encoding: .utf8)
        let owed = try s.iictl("explain", "digest")
        #expect(owed.status == 0)
        #expect(owed.stdout.contains("  Last:   2026-12-07T08:00:02+01:00, the digest of 2026-12-07T08:00 (email)."))
        #expect(owed.stdout.contains("    iid: your week — 1 owed, 0 meetings"))
        #expect(owed.stdout.contains("Follow up with Dan Brown about the meeting request"))
    }

    @Test func oneHeldByQuietHoursSaysWhenItGoes() throws {
        // Daily at two minutes ago, inside quiet hours that end in two hours: not gone, and held.
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        func clock(_ offset: TimeInterval) -> String {
            let c = calendar.dateComponents([.hour, .minute], from: Date().addingTimeInterval(offset))
            return String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        }
        let s = try Sandbox()
        try s.writeConfig(
            """
            timezone: Europe/Berlin
            quiet_hours: "\(clock(-300))-\(clock(7200))"
            digest: {every: "daily \(clock(-120))", via: [email, journal]}
            """)
        let r = try s.iictl("explain", "digest")
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("  This period's") })
        #expect(line.contains("has not gone: held by quiet hours, it goes by email at "), "\(line)")
        #expect(line.hasSuffix("\(clock(7200)); by journal as soon as the daemon runs."), "\(line)")
    }
}

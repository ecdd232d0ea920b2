import Foundation
import IIDCore
import Testing

@Suite struct DaemonStatusTests {
    let status = DaemonStatus(
        pid: 42, since: "2026-11-01T10:00:00+01:00", config: nil, configError: "config.yaml:3:13: bad",
        timezone: "UTC", eventsDir: "/home/sam/.local/share/iid/events", events: 7, contacts: 2, pending: 3,
        overdue: 1,
        next: DaemonStatus.Next(
            task: "jane.brief", kind: .brief, contact: "jane", title: "Brief yourself for Jane",
            at: "2026-11-10T13:00:00+01:00", channels: [.notify, .journal]),
        nextWake: "2026-11-10T13:00:00+01:00", lastReactionMs: 1.5, inFlight: 0, deliveredTotal: 12,
        channels: [.notify: .init(lastDelivery: "2026-11-09T13:00:00+01:00"), .email: .init(retrying: 2)],
        status: "3 pending")

    @Test func roundTripsThroughItsJSON() throws {
        #expect(try DaemonStatus.decode(status.encoded()) == status)
    }

    @Test func keepsTheFieldNamesIictlAndScriptsRead() throws {
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(status.encoded().utf8)) as? [String: Any])
        for key in ["pid", "since", "config_error", "events_dir", "next_wake", "in_flight", "delivered_total"] {
            #expect(object[key] != nil, "\(key)")
        }
        let channels = try #require(object["channels"] as? [String: Any])
        #expect(Set(channels.keys) == ["notify", "email"])
        let email = try #require(channels["email"] as? [String: Any])
        #expect(email["retrying"] as? Int == 2)
    }

    @Test func readsAsLinesOfText() {
        let lines = status.text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "iid is running (pid 42) since 2026-11-01T10:00:00+01:00.")
        #expect(lines.contains("Next:     Brief yourself for Jane at 2026-11-10T13:00:00+01:00 (jane.brief)"))
        #expect(lines.contains("Config error (the last good config is in use): config.yaml:3:13: bad"))
        #expect(lines.contains("email:    last delivery never; 2 waiting to retry"))
        #expect(lines.contains("notify:   last delivery 2026-11-09T13:00:00+01:00"))
    }

    @Test func theNextWeeklyDigestIsShownWhenItIsOn() throws {
        #expect(!status.text.contains("Digest:"))
        var on = status
        on.nextDigest = "2026-11-16T08:00:00+01:00"
        on.digestVia = [.email]
        #expect(on.text.split(separator: "\n").contains("Digest:   next at 2026-11-16T08:00:00+01:00 via email"))
        #expect(try DaemonStatus.decode(on.encoded()) == on)
        #expect(on.encoded().contains("\"next_digest\":\"2026-11-16T08:00:00+01:00\""))
    }

    @Test func mailLinesSayWhatIsWatchedWhatWasReadAndWhatBounced() throws {
        #expect(!status.text.contains("Mail:"), "mail off: no line")
        var on = status
        on.mail = DaemonStatus.Mail(
            folders: 3, lastRead: "2026-11-10T12:00:00+01:00", reading: true, counts: ["replied": 1, "list": 2],
            bounces: ["jane@acme.example\u{1B}[2J bounced: check the address"], problem: nil,
            suggestions: [
                "Jane\u{7}: someone else answered in the thread of your message to them, Tue 10 Nov 09:00; "
                    + "if it answers for them: iictl replied jane"
            ])
        let lines = on.text.split(separator: "\n").map(String.init)
        let suggestion = try #require(lines.first { $0.hasPrefix("From mail, not recorded: Jane") }, "\(lines)")
        #expect(suggestion.hasSuffix("iictl replied jane") && !suggestion.contains("\u{7}"), "\(suggestion)")
        #expect(lines.contains("Mail:     3 folders watched, last read 2026-11-10T12:00:00+01:00 (reading now)"))
        #expect(lines.contains("          3 messages: 2 list, 1 replied"))
        let bounce = try #require(lines.first { $0.contains("bounced") })
        #expect(!bounce.contains("\u{1B}"), "no control character reaches the terminal: \(bounce)")
        #expect(try DaemonStatus.decode(on.encoded()) == on)
        #expect(on.encoded().contains("\"last_read\":\"2026-11-10T12:00:00+01:00\""))
        // A daemon from before suggestions sends none: its answer is still read.
        var old = on
        old.mail?.suggestions = nil
        let oldJSON = old.encoded()
        #expect(!oldJSON.contains("suggestions"))
        #expect(try DaemonStatus.decode(oldJSON) == old)
    }

    @Test func aRetryIsShownApartFromTheNextReminder() {
        var retrying = status
        retrying.nextWake = "2026-11-10T12:05:00+01:00"
        let lines = retrying.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("Next:     Brief yourself for Jane at 2026-11-10T13:00:00+01:00 (jane.brief)"))
        #expect(lines.contains("Retry:    2 failed deliveries, next try at 2026-11-10T12:05:00+01:00"))
        #expect(!status.text.contains("Retry:"), "the next wake-up is the reminder itself")
    }

    @Test func theLedgerReadsItsOldLinesAndItsOwn() {
        let old = #"{"key":"a#notify","at":"2026-11-01T10:00:00+01:00","outcome":"delivered"}"#
        let new = LedgerCoding.encode(key: "b#email", at: local("2026-11-01 10:00"), outcome: .skipped, zone: berlin)
        #expect(new == #"{"at":"2026-11-01T10:00:00+01:00","key":"b#email","outcome":"skipped"}"#)
        let (keys, bad) = LedgerCoding.keys(in: Array((old + "\n" + new + "\n{\"key\":\"torn").utf8))
        #expect(keys == ["a#notify", "b#email"])
        #expect(bad == 1)
    }
}

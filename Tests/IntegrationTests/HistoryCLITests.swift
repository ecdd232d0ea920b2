import Foundation
import Testing

/// What was recorded stays visible and can be taken back; reading the log works while the config
/// is being fixed; the set-up commands say what to do next.
@Suite struct HistoryCLITests {
    @Test func logAndUndo() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try s.iictl("schedule", "jane-doe", "tomorrow 3pm")
        try s.iictl("done", "jane-doe.homework")
        let log = try s.iictl("log", "jane-doe").stdout.split(separator: "\n").map(String.init)
        #expect(log.count == 4, "\(log)")
        #expect(log.first?.hasPrefix("EVENT") == true)
        #expect(log.last?.contains("done: jane-doe.homework") == true)
        let undo = try s.iictl("undo")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("): done: jane-doe.homework."), "\(undo.stdout)")
        #expect(try s.iictl("pending").stdout.contains("jane-doe.homework"))
        #expect(try s.iictl("log").stdout.contains("(undone)"))
        // The log is append-only: the done event is still there, with the retraction after it.
        #expect(try s.iictl("log").stdout.contains("undid event ev-"))
        let eventID = String(log[2].prefix { $0 != " " })
        let second = try s.iictl("undo", eventID)
        #expect(second.stdout.contains("scheduled a meeting with Jane Doe"), "\(second.stdout) \(second.stderr)")
        #expect(try s.iictl("pending", "--json").stdout == "[]\n")
        #expect(try s.run("iictl", ["undo", eventID]).stderr.contains("is undone already"))
    }

    /// Another device's file is read after this one's: its last event is not what was typed here.
    @Test func undoTakesBackThisDevicesLastEvent() throws {
        let s = try Sandbox()
        try s.writeConfig("device: laptop\n")
        try s.iictl("add", "Jane Doe")
        try s.iictl("note", "jane-doe", "typed here")
        try s.appendEvent(
            #"{"id":"ev-desktop-1","at":"2026-11-02T09:00:00+01:00","type":"note","contact":"jane-doe","text":"synced in"}"#,
            file: "9999-12.zz-desktop.jsonl")
        let undo = try s.iictl("undo")
        #expect(undo.status == 0, "\(undo.stderr)")
        #expect(undo.stdout.contains("note for Jane Doe: typed here"), "\(undo.stdout)")
        #expect(try s.iictl("show", "jane-doe").stdout.contains("synced in"))
    }

    @Test func pendingAsOfCountsOnlyTheEventsUntilThen() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--at", "2025-05-04 09:00")
        try s.iictl("request", "jane-doe", "--at", "2025-05-05 10:00")
        try s.iictl("schedule", "jane-doe", "2025-05-22 15:00", "--at", "2025-05-13 09:15")
        let then = try s.iictl("pending", "--as-of", "2025-05-12 12:00").stdout
        #expect(then.contains("jane-doe.follow-up"), "\(then)")
        #expect(!then.contains("jane-doe.homework"))
        #expect(try s.iictl("pending", "--as-of", "2025-05-20 16:00").stdout.contains("jane-doe.homework"))
    }

    @Test func aBrokenConfigStillLetsTheLogBeRead() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe")
        try s.writeConfig("reminders:\n  brief:\n    before: 1 hour\n")
        for args in [["pending"], ["list"], ["show", "jane-doe"], ["explain", "jane-doe.follow-up"], ["log"]] {
            let r = try s.run("iictl", args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stderr.contains("config.yaml:3:13"), "\(args): \(r.stderr)")
            #expect(r.stderr.contains("built-in defaults"), "\(args): \(r.stderr)")
            #expect(r.stdout.contains("jane-doe"), "\(args)")
        }
        let add = try s.run("iictl", ["add", "Bob Stone"])
        #expect(add.status != 0)
        #expect(!add.stderr.contains("built-in defaults"))
    }

    @Test func statusWithoutADaemonSaysHowToStartOne() throws {
        let s = try Sandbox()
        let r = try s.iictl("status")
        #expect(r.status != 0)
        #expect(r.stderr.components(separatedBy: "control.sock").count == 2, "the path once: \(r.stderr)")
        #expect(r.stderr.contains("systemctl --user start iid"))
        #expect(r.stderr.contains("run `iid` in a terminal"))
    }

    @Test func aJournalThatRefusesIsNotDelivered() throws {
        let s = try Sandbox()
        try s.writeConfig("delivery:\n  journal: {socket: \"\(s.home)/no-journal.sock\"}\n")
        let r = try s.run("iictl", ["test-delivery", "journal"])
        #expect(r.status != 0)
        #expect(!r.stdout.contains("Delivered"))
        #expect(r.stderr.contains("the journal refused the message"), "\(r.stderr)")
    }
}

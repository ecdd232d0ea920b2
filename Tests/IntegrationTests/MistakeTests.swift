import Foundation
import Testing

/// The slips a person makes with a handful of contacts, each caught before it becomes a wrong
/// reminder: one line on stderr, exit status 1, nothing recorded.
@Suite struct MistakeTests {
    /// Runs `args`, expects a refusal whose one line contains `fragment`, and that the log did not grow.
    func refused(_ s: Sandbox, _ args: [String], _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let before = try s.iictl("log").stdout
        let r = try s.run("iictl", args)
        #expect(r.status != 0, "\(args) was accepted", sourceLocation: sourceLocation)
        #expect(r.stderr.contains(fragment), "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)", sourceLocation: sourceLocation)
        #expect(try s.iictl("log").stdout == before, "\(args) recorded something", sourceLocation: sourceLocation)
    }

    @Test func theSamePersonIsNotAddedTwice() throws {
        let s = try Sandbox()
        #expect(try s.iictl("add", "Jane Doe", "--org", "Acme").stdout == "jane-doe\n")
        try refused(s, ["add", "Jane Doe", "--org", "Acme"], "Jane Doe (Acme) is already a contact: jane-doe")
        try refused(s, ["add", "jane doe", "--org", "ACME"], "already a contact: jane-doe")
        // A namesake with no organisation is another person: added, and the first named beside her.
        let bare = try s.iictl("add", "Jané Doe")
        #expect(bare.stdout == "jane-doe-2\n" && bare.stderr.contains("another Jane Doe is jane-doe, at Acme"))
        #expect(try s.iictl("add", "Jane Doe", "--org", "Globex", "--force").stdout == "jane-doe-3\n")
        try s.iictl("add", "Bob Stone", "--email", "bob@windwerk.example")
        try refused(s, ["add", "Robert Stone", "--email", "BOB@windwerk.example"], "already a contact: bob-stone")
    }

    @Test func aMeetingAlreadyOverIsNotScheduled() throws {
        let s = try Sandbox()
        try s.iictl("add", "Zoe Angstrom")
        try refused(
            s, ["schedule", "zoe-angstrom", s.time(-3 * 3600)], "for a meeting that took place use `iictl held")
        #expect(try s.iictl("schedule", "zoe-angstrom", s.time(-3 * 3600), "--force").status == 0)
    }

    @Test func meetingStepsOutOfTurnAreRefused() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try refused(
            s, ["held", "jane-doe"],
            "Jane Doe has no meeting scheduled: `iictl schedule jane-doe TIME` first, or `iictl held jane-doe --at TIME --minutes N` for one that took place"
        )
        try refused(s, ["confirm", "jane-doe"], "Jane Doe has no meeting scheduled")
        try refused(s, ["thanked", "jane-doe"], "Jane Doe has no meeting scheduled")
        try s.iictl("schedule", "jane-doe", s.time(3600))
        try refused(s, ["thanked", "jane-doe"], "a thank-you comes after it")
        try refused(s, ["held", "jane-doe"], "record it once it has begun")
        try refused(s, ["draft", "jane-doe"], "draft the thank-you once it took place")
        try refused(s, ["request", "jane-doe"], "already has a meeting")
        #expect(try s.iictl("confirm", "jane-doe").status == 0)
        #expect(try s.iictl("held", "jane-doe", "--at", s.time(2 * 3600)).status != 0, "in the future")
        // Recorded later, once it took place.
        try s.iictl("add", "Bob Stone")
        try s.iictl("schedule", "bob-stone", s.time(-2 * 3600), "--at", s.time(-86400))
        try s.iictl("held", "bob-stone", "--at", s.time(-3600))
        try refused(s, ["confirm", "bob-stone"], "is held already: nothing to confirm")
        #expect(try s.iictl("thanked", "bob-stone").status == 0)
        // A meeting that was never scheduled, with its length.
        try s.iictl("add", "Carol King")
        let held = try s.iictl("held", "carol-king", "--at", s.time(-3600), "--minutes", "30")
        #expect(held.status == 0, "\(held.stderr)")
        #expect(try s.iictl("show", "carol-king").stdout.contains(", 30 min (held)"))
    }

    @Test func nothingIsRecordedAheadOfTime() throws {
        let s = try Sandbox()
        try s.iictl("add", "José Müller")
        try s.iictl("request", "jose-muller", "--at", s.time(-8 * 86400))
        try refused(s, ["done", "jose-muller.follow-up", "--at", "tomorrow"], "is in the future")
        #expect(try s.iictl("pending").stdout.contains("jose-muller.follow-up"))
    }

    @Test func typosGetHelp() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try s.iictl("add", "Zoë Ångström Łukasz")
        let sub = try s.iictl("shedule", "jane-doe", "15:00")
        #expect(sub.status == 64)
        #expect(sub.stderr == "iictl: unknown command 'shedule'; did you mean schedule?\n")
        let nested = try s.iictl("import", "csvv", "people.csv")
        #expect(nested.status == 64)
        #expect(nested.stderr == "iictl: unknown command 'import csvv'; did you mean import csv?\n")
        try refused(s, ["request", "jane-deo"], "no contact 'jane-deo'; did you mean jane-doe?")
        try refused(s, ["done", "jane-doe.folow-up"], "no open task")
        try s.iictl("request", "jane-doe", "--at", s.time(-60))
        let task = try s.run("iictl", ["done", "jane-doe.folow-up"])
        #expect(task.stderr.contains("did you mean jane-doe.follow-up?"), "\(task.stderr)")
        // A unique prefix of a contact id is the contact.
        let script = try s.iictl("script", "zoe")
        #expect(script.status == 0, "\(script.stderr)")
        #expect(script.stdout.contains("Hello Zoë,"))
        try refused(s, ["request", "zoee"], "no contact 'zoee'; did you mean zoe-angstrom-lukasz?")
        // And in a task id.
        try s.iictl("request", "zoe", "--at", s.time(-60))
        #expect(try s.iictl("snooze", "zoe.follow-up", "2h").stdout.contains("Snoozed until"))
    }

    @Test func aDoneTaskStaysVisible() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try s.iictl("schedule", "jane-doe", "tomorrow 3pm")
        #expect(try s.iictl("done", "jane-doe.homework").status == 0)
        let again = try s.run("iictl", ["done", "jane-doe.homework"])
        #expect(again.status != 0)
        #expect(again.stderr.contains("jane-doe.homework is done already: done "), "\(again.stderr)")
        #expect(again.stderr.contains("with iictl done"))
        let explain = try s.iictl("explain", "jane-doe.homework")
        #expect(explain.status == 0, "\(explain.stderr)")
        #expect(explain.stdout.contains("State:  done "))
    }
}

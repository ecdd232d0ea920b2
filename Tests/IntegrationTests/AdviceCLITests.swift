import Foundation
import Testing

/// `iictl acted` on the built binary: acting on a contact's advice owes them a report on what came
/// of it, one for the advice acted on before you report. Every time is a fixed day in the past.
@Suite struct AdviceCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func actingOnAdviceOwesTheAdviserAReport() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--email", "jane@acme.example", "--at", "2025-03-02 09:00")
        // Friday before the spring change: two calendar days later is Sunday at the same wall time.
        let acted = try s.iictl("acted", "jane-doe", "applied to the Acme data team", "--at", "2025-03-28 10:00")
        #expect(
            acted.stdout
                == "Recorded that you acted on Jane Doe's advice; tell them what came of it within 7d (iictl draft report-back jane-doe --advice).\n",
            "\(acted.stderr)")
        // A second piece before the report goes in the same one; a text with a dash comes after --.
        let second = try s.iictl("acted", "jane-doe", "--at", "2025-03-29 18:00", "--", "-went to the meetup")
        #expect(
            second.stdout
                == "Recorded that you acted on Jane Doe's advice; it goes in the report you owe them (jane-doe.report-back.advice.20250328).\n",
            "\(second.stderr)")
        let pending = try s.iictl("pending", "--as-of", "2025-03-30 11:00").stdout
        #expect(
            pending.contains(
                "jane-doe.report-back.advice.20250328  Tell Jane Doe what came of their advice: applied to the Acme data team (and 1 more)"
            ), "\(pending)")
        let tasks = try #require(
            try json(try s.iictl("pending", "--json", "--as-of", "2025-03-30 11:00").stdout) as? [[String: Any]])
        let task = try #require(tasks.first { $0["kind"] as? String == "report-back" })
        #expect(task["advice"] as? [String] == ["applied to the Acme data team", "-went to the meetup"])
        #expect(task["referred"] is NSNull)
        #expect(task["remind_at"] as? String == "2025-03-30T10:00:00+02:00")
        #expect(task["due"] as? String == "2025-04-04T10:00:00+02:00")
        let why = try s.iictl("explain", "jane-doe.report-back.advice").stdout
        #expect(
            why.contains(
                "Why:    report-back is counted from the first advice of theirs you acted on since the last report, Fri 28 Mar 2025 10:00"
            ), "\(why)")
        let draft = try s.iictl("draft", "report-back", "jane-doe")
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(
            draft.stdout.hasPrefix("To: Jane Doe <jane@acme.example>\nSubject: What came of your advice\n\nDear Jane,"),
            "\(draft.stdout)")
        #expect(
            draft.stdout.contains(
                "- applied to the Acme data team (28 March 2025)\n- -went to the meetup (29 March 2025)"),
            "\(draft.stdout)")
        let shown = try #require(try json(try s.iictl("show", "jane-doe", "--json").stdout) as? [String: Any])
        let pieces = try #require(shown["acted"] as? [[String: Any]])
        #expect(pieces.map { $0["text"] as? String } == ["applied to the Acme data team", "-went to the meetup"])
        #expect(pieces.first?["at"] as? String == "2025-03-28T10:00:00+01:00")
        let log = try s.iictl("log", "jane-doe").stdout
        #expect(log.contains("acted on the advice of Jane Doe: applied to the Acme data team"), "\(log)")

        // Done closes it; what is acted on later is the next report.
        let done = try s.iictl("done", "jane-doe.report-back.advice", "--at", "2025-03-31 09:00")
        #expect(
            done.stdout
                == "Done: Tell Jane Doe what came of their advice: applied to the Acme data team (and 1 more).\n",
            "\(done.stderr)")
        #expect(!(try s.iictl("pending", "--as-of", "2025-04-01 09:00").stdout.contains("report-back")))
        try s.iictl("acted", "jane-doe", "called Bob Stone", "--at", "2025-04-02 09:00")
        let next = try s.iictl("pending", "--as-of", "2025-04-05 09:00").stdout
        #expect(next.contains("jane-doe.report-back.advice.20250402"), "\(next)")
        #expect(next.contains("what came of their advice: called Bob Stone\n"), "\(next)")
        let closed = try s.iictl("explain", "jane-doe.report-back.advice.20250328").stdout
        #expect(closed.contains("State:  done"), "\(closed)")

        // Undo takes the last piece back, and its report with it (the log as it stands now).
        #expect(try s.iictl("pending").stdout.contains("jane-doe.report-back.advice.20250402"))
        let undo = try s.iictl("undo")
        #expect(undo.stdout.contains("acted on the advice of Jane Doe: called Bob Stone"), "\(undo.stdout)")
        #expect(!(try s.iictl("pending").stdout.contains("report-back")))
        // The draft, with nothing owed, is of the latest piece: a report to write again.
        let again = try s.iictl("draft", "report-back", "jane-doe", "--advice").stdout
        #expect(again.contains("- -went to the meetup (29 March 2025)\n\n"), "\(again)")
    }

    @Test func theDraftIsOfTheReportBegunLatest() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--at", "2025-03-02 09:00")
        try s.iictl("add", "Dan Ode", "--referred-by", "jane-doe", "--at", "2025-03-02 09:01")
        try s.iictl("acted", "jane-doe", "read the report she sent", "--at", "2025-03-20 09:00")
        try s.iictl("held", "dan-ode", "--minutes", "30", "--at", "2025-03-27 10:30")
        // Both owed: the person met is the later, and the default; --advice takes the other.
        let pending = try s.iictl("pending", "--as-of", "2025-03-29 11:00").stdout
        #expect(
            pending.contains("jane-doe.report-back.dan-ode")
                && pending.contains("jane-doe.report-back.advice.20250320"),
            "\(pending)")
        #expect(try s.iictl("draft", "report-back", "jane-doe").stdout.contains("Subject: How it went with Dan Ode"))
        #expect(
            try s.iictl("draft", "report-back", "jane-doe", "--advice").stdout.contains(
                "- read the report she sent (20 March 2025)"))
        // Reported, the next piece begins a report of its own, later than the meeting: the default.
        try s.iictl("done", "jane-doe.report-back.advice", "--at", "2025-03-29 12:00")
        try s.iictl("acted", "jane-doe", "wrote to Acme", "--at", "2025-03-29 13:00")
        let latest = try s.iictl("draft", "report-back", "jane-doe").stdout
        #expect(latest.contains("Subject: What came of your advice") && latest.contains("- wrote to Acme"), "\(latest)")
        #expect(!latest.contains("read the report"), "a piece reported is not told again")
    }

    @Test func slipsAreRefusedAndNeverTurnsItOff() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--at", "2025-03-02 09:00")
        try s.iictl("add", "Bob Stone", "--at", "2025-03-02 09:01")
        let empty = try s.iictl("acted", "jane-doe", "  ", "--at", "2025-03-03 09:00")
        #expect(empty.status != 0 && empty.stderr.contains("the advice acted on is empty"), "\(empty.stderr)")
        let typo = try s.iictl("acted", "jane-deo", "x", "--at", "2025-03-03 09:00")
        #expect(typo.status != 0 && typo.stderr.contains("did you mean jane-doe?"), "\(typo.stderr)")
        let none = try s.iictl("draft", "report-back", "bob-stone", "--advice")
        #expect(
            none.status != 0
                && none.stderr
                    == "iictl: you have acted on no advice of Bob Stone's yet: `iictl acted bob-stone TEXT` records what you did\n",
            "\(none.stderr)")
        let nothing = try s.iictl("draft", "report-back", "bob-stone")
        #expect(nothing.status != 0 && nothing.stderr.contains("`iictl acted bob-stone TEXT`"), "\(nothing.stderr)")
        let both = try s.iictl("draft", "report-back", "jane-doe", "--advice", "--about", "bob-stone")
        #expect(both.status != 0 && both.stderr.contains("--advice and --about name two reports"), "\(both.stderr)")
        #expect(!(try s.iictl("log").stdout.contains("acted")), "nothing was recorded")
        try s.iictl("cancel", "bob-stone", "--archive", "--at", "2025-03-04 09:00")
        let archived = try s.iictl("acted", "bob-stone", "called him anyway", "--at", "2025-03-05 09:00")
        #expect(
            archived.stdout
                == "Recorded that you acted on Bob Stone's advice; Bob Stone is archived, so no report is planned.\n",
            "\(archived.stderr)")

        let off = try Sandbox()
        try off.writeConfig("reminders:\n  report-back:\n    after: never\n")
        try off.iictl("add", "Jane Doe", "--at", "2025-03-02 09:00")
        let acted = try off.iictl("acted", "jane-doe", "applied", "--at", "2025-03-03 09:00")
        #expect(acted.stdout == "Recorded that you acted on Jane Doe's advice.\n", "\(acted.stderr)")
        #expect(!(try off.iictl("pending", "--as-of", "2025-03-06 09:00").stdout.contains("report-back")))
        #expect(
            try off.iictl("show", "jane-doe").stdout.contains("Acted on their advice Mon 3 Mar 2025 09:00: applied"))
    }

    @Test func hostileAdviceReachesNoTerminal() throws {
        let s = try Sandbox()
        let id = try s.iictl("add", "Jane \u{1B}]0;owned\u{07}Doe", "--at", "2025-03-02 09:00").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!id.isEmpty)
        let text = "applied\u{1B}[2J there\r\nand \u{9B}31m here\u{07}"
        let acted = try s.iictl("acted", id, text, "--at", "2025-03-03 09:00")
        #expect(acted.status == 0, "\(acted.stderr)")
        for args in [
            ["pending", "--as-of", "2025-03-06 09:00"], ["show", id], ["log", id],
            ["explain", id + ".report-back.advice"], ["draft", "report-back", id],
        ] {
            let out = try s.run("iictl", args)
            #expect(out.status == 0, "\(args): \(out.stderr)")
            #expect(out.stdout.contains("applied"), "\(args): \(out.stdout)")
            let controls = out.stdout.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
            }
            #expect(controls.isEmpty, "\(args): \(out.stdout.debugDescription)")
        }
    }
}

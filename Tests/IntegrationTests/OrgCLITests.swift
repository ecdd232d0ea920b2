import Foundation
import Testing

/// The employer list on the built binary: organisations as events, names matched by the rule,
/// the ranked list, and one employer at a time. Every time is a fixed day in the past.
@Suite struct OrgCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// Three employers, people written three ways at Acme, a LinkedIn import at Globex.
    func campaign() throws -> Sandbox {
        let s = try Sandbox()
        try s.iictl(
            "add", "Jane Doe", "--org", "Acme Analytics GmbH", "--industry", "Climate data", "--at", "2026-03-02 09:00")
        try s.iictl("add", "Dan Roe", "--org", "ACME analytics", "--at", "2026-03-02 09:01")
        try s.iictl("add", "Sam Poe", "--org", "Acme Data", "--at", "2026-03-02 09:02")
        let added = try s.iictl(
            "org", "add", "Acme Analytics (formerly Acme Data)", "--industry", "Climate data", "--motivation", "5",
            "--postings", "2", "--note", "Grid data team in Berlin", "--id", "acme", "--at", "2026-03-02 10:00")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added Acme Analytics (formerly Acme Data) (acme): 3 people there already"))
        try s.iictl("org", "add", "Globex", "--motivation", "5", "--postings", "1", "--at", "2026-03-02 10:01")
        try s.iictl("org", "add", "Initech", "--motivation", "3", "--industry", "Software", "--at", "2026-03-02 10:02")
        let imported = try s.iictl("import", "linkedin", CampaignCLITests.fixtures + "/Connections.csv")
        #expect(imported.status == 0, "\(imported.stderr)")
        return s
    }

    @Test func theListIsRankedAndSaysWhatIsNext() throws {
        let s = try campaign()
        let list = try s.iictl("orgs", "--as-of", "2026-03-03 09:00")
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        // Acme and Globex tie on Motivation and Globex loses on Postings; Initech has Li Wei.
        #expect(lines.count == 4, "\(list.stdout)")
        #expect(lines[1].contains("acme") && lines[1].contains("ask Jane Doe"), "\(list.stdout)")
        #expect(lines[2].contains("globex") && lines[2].contains("ask Zoë Brown"), "\(list.stdout)")
        #expect(lines[3].contains("initech") && lines[3].contains("ask Li Wei"), "\(list.stdout)")
        let top = try s.iictl("orgs", "--top", "1", "--json", "--as-of", "2026-03-03 09:00")
        let rows = try #require(try json(top.stdout) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["id"] as? String == "acme")
        #expect(rows[0]["people"] as? [String] == ["jane-doe", "dan-roe", "sam-poe"])
        #expect(rows[0]["motivation"] as? Int == 5 && rows[0]["status"] as? String == "to ask")
        // Globex's Advocacy is the LinkedIn connection imported; Acme's people are names found.
        let all = try #require(try json(try s.iictl("orgs", "--json").stdout) as? [[String: Any]])
        #expect(all.first { $0["id"] as? String == "globex" }?["advocacy"] as? Int == 1)
        #expect(all.first { $0["id"] as? String == "acme" }?["advocacy"] as? Int == 0)
        let software = try s.iictl("orgs", "--industry", "soft").stdout
        #expect(software.contains("initech") && !software.contains("acme"), "\(software)")
        let industries = try s.iictl("orgs", "--by-industry").stdout
        #expect(industries.contains("Climate data") && industries.contains("Software"), "\(industries)")
        let climate = try #require(industries.split(separator: "\n").first { $0.hasPrefix("Climate data") })
        // Jane by her own industry, Dan and Sam by Acme's; one organisation.
        #expect(climate.split(separator: " ", omittingEmptySubsequences: true).suffix(4) == ["3", "1", "0", "0"])
    }

    @Test func anOrganisationShowsItsPeopleAndTheNamesItTookIn() throws {
        let s = try campaign()
        try s.iictl("request", "jane-doe", "--at", "2026-03-04 09:00")
        try s.iictl("held", "jane-doe", "--minutes", "20", "--point", "Hiring in Q3", "--at", "2026-03-06 15:00")
        let show = try s.iictl("org", "show", "Acme Analytics, Inc.", "--as-of", "2026-03-07 09:00")
        #expect(show.status == 0, "\(show.stderr)")
        let out = show.stdout
        #expect(out.contains("Acme Analytics (formerly Acme Data)  [acme]"), "\(out)")
        #expect(out.contains("Motivation:   5 of 5") && out.contains("Postings:     2 of 3"), "\(out)")
        #expect(out.contains("Advocacy:     1: Jane Doe (contact)"), "\(out)")
        #expect(out.contains("Took in:      Acme Analytics GmbH; ACME analytics; Acme Data"), "\(out)")
        #expect(out.contains("Note: Grid data team in Berlin"), "\(out)")
        #expect(out.contains("Jane Doe, meeting 1: Hiring in Q3"), "\(out)")
        #expect(out.contains("Next:         ask Dan Roe"), "\(out)")
        let jane = try #require(out.split(separator: "\n").first { $0.hasPrefix("jane-doe") })
        #expect(jane.contains("held") && jane.contains("Fri 6 Mar"), "\(jane)")
        let missing = try s.iictl("org", "show", "acne")
        #expect(
            missing.status == 1 && missing.stderr.contains("no organisation 'acne' on your list; did you mean acme?"))
    }

    @Test func editAliasSplitAndUndoAreEventsInTheLog() throws {
        let s = try campaign()
        let dup = try s.iictl("org", "add", "ACME Analytics Ltd", "--at", "2026-03-02 11:00")
        #expect(dup.status == 1 && dup.stderr.contains("is on your list already (acme)"), "\(dup.stderr)")
        #expect(try s.iictl("org", "add", " -- ").stderr.contains("the name must have a letter or digit"))
        let bad = try s.iictl("org", "add", "Hooli", "--motivation", "7")
        #expect(bad.status != 0 && bad.stderr.contains("--motivation 7 is out of range: give 1 (a little) to 5"))
        let edited = try s.iictl("org", "edit", "globex", "--postings", "3", "--at", "2026-03-02 11:00")
        #expect(edited.stdout.contains("Updated Globex: postings."), "\(edited.stderr)")
        let nothing = try s.iictl("org", "edit", "globex", "--postings", "3")
        #expect(nothing.status == 1 && nothing.stderr.contains("nothing to change for Globex"))
        // Globex now outranks Acme on Postings.
        let first = try #require(try json(try s.iictl("orgs", "--json").stdout) as? [[String: Any]]).first
        #expect(first?["id"] as? String == "globex")
        // Sam wrote the former name; taken back, he no longer counts at Acme.
        let split = try s.iictl("org", "alias", "acme", "Acme Data", "--split", "--at", "2026-03-02 11:01")
        #expect(
            split.stdout.contains(
                "Took 'Acme Data' from Acme Analytics (formerly Acme Data): Sam Poe no longer counts there."),
            "\(split.stdout)\(split.stderr)")
        try s.iictl("add", "Bo Ek", "--org", "Roadrunner", "--at", "2026-03-02 11:02")
        // Recorded now, after the import: the last step, which `undo` takes back.
        let joined = try s.iictl("org", "alias", "globex", "Roadrunner GmbH")
        #expect(
            joined.stdout.contains("Joined 'Roadrunner GmbH' to Globex: Bo Ek counts there now."), "\(joined.stdout)")
        let log = try s.iictl("log").stdout
        #expect(log.contains("org:globex") && log.contains("joined the name Roadrunner GmbH to Globex"), "\(log)")
        #expect(log.contains("took the name Acme Data from"), "\(log)")
        let globex = try s.iictl("log", "org:globex").stdout
        #expect(globex.contains("put Globex on the employer list") && !globex.contains("Acme"), "\(globex)")
        let undo = try s.iictl("undo")
        #expect(undo.stdout.contains("joined the name Roadrunner GmbH to Globex"), "\(undo.stdout)\(undo.stderr)")
        let people = try #require(try json(try s.iictl("orgs", "--json").stdout) as? [[String: Any]])
        #expect(people.first { $0["id"] as? String == "globex" }?["people"] as? [String] == ["zoe-brown"])
        #expect(people.first { $0["id"] as? String == "acme" }?["people"] as? [String] == ["jane-doe", "dan-roe"])
    }

    @Test func aHostileOrganisationNameReachesNoTerminal() throws {
        let s = try Sandbox()
        let evil = "Evil\u{1B}]0;pwned\u{07}Corp"
        try s.iictl("add", "Jane Doe", "--org", evil, "--at", "2026-03-02 09:00")
        let added = try s.iictl("org", "add", evil, "--note", "x\u{1B}[2J", "--at", "2026-03-02 10:00")
        #expect(added.status == 0, "\(added.stderr)")
        for out in [
            added.stdout, try s.iictl("orgs").stdout, try s.iictl("org", "show", "evil").stdout,
            try s.iictl("log").stdout, try s.iictl("org", "add", evil).stderr,
        ] {
            #expect(!out.contains("\u{1B}") && !out.contains("\u{07}"), "\(out.debugDescription)")
        }
    }

    @Test func oneEmployerAtATime() throws {
        let s = try campaign()
        // Jane is asked on Friday 27 March; Berlin's clocks go forward on Sunday 29 March.
        try s.iictl("request", "jane-doe", "--at", "2026-03-27 10:00")
        let refused = try s.iictl("request", "dan-roe", "--at", "2026-04-01 09:59")
        #expect(refused.status == 1)
        #expect(
            refused.stderr.contains(
                "Jane Doe at Acme Analytics (formerly Acme Data) has not answered your request of Fri 27 Mar"),
            "\(refused.stderr)")
        #expect(refused.stderr.contains("ask Dan Roe after Wed 1 Apr"), "\(refused.stderr)")
        #expect(
            refused.stderr.contains("reminders.next-contact.after: 3bd")
                && refused.stderr.split(separator: "\n").count == 1)
        // Three business days on, the list names the next person, and the request goes through.
        let next = try s.iictl("orgs", "--as-of", "2026-04-01 10:00").stdout
        #expect(next.contains("try the next person: Dan Roe (Jane Doe silent since Fri 27 Mar"), "\(next)")
        // At an organisation on the list, a task says so too, and asking Dan closes it.
        let pending = try s.iictl("pending", "--as-of", "2026-04-01 10:00").stdout
        #expect(
            pending.contains("jane-doe.next-contact")
                && pending.contains(
                    "Try the next person at Acme Analytics (formerly Acme Data): Dan Roe (Jane Doe has not answered)"),
            "\(pending)")
        let asked = try s.iictl("request", "dan-roe", "--at", "2026-04-01 10:00")
        #expect(
            asked.status == 0 && asked.stdout.contains("Done: jane-doe.next-contact (Dan Roe is the next person"),
            "\(asked.stdout)")
        let after = try s.iictl("pending", "--as-of", "2026-04-01 10:05").stdout
        #expect(!after.contains("jane-doe.next-contact") && after.contains("dan-roe.next-contact"), "\(after)")
        let explained = try s.iictl("explain", "jane-doe.next-contact").stdout
        #expect(explained.contains("jane-doe.next-contact") && explained.contains("done"), "\(explained)")
        // --force for a deliberate exception; the switch turns the rule off.
        #expect(try s.iictl("request", "sam-poe", "--at", "2026-04-01 10:01").status == 1)
        #expect(try s.iictl("request", "sam-poe", "--at", "2026-04-01 10:01", "--force").status == 0)
        try s.writeConfig("reminders:\n  next-contact:\n    one_at_a_time: false\n")
        try s.iictl("add", "Eve Lo", "--org", "Acme Analytics AG", "--at", "2026-04-01 10:02")
        #expect(try s.iictl("request", "eve-lo", "--at", "2026-04-01 10:03").status == 0)
        try s.writeConfig("reminders:\n  next-contact:\n    after: soon\n")
        let badConfig = try s.iictl("request", "eve-lo")
        #expect(
            badConfig.status == 1 && badConfig.stderr.contains("reminders.next-contact.after"), "\(badConfig.stderr)")
    }
}

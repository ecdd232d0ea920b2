import Foundation
import Testing

/// A week's goals, the figures per organisation and industry, and what a LinkedIn import adds to
/// the employer list, on the built binary. Every time is a fixed day in the past.
@Suite struct GoalsCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// Two requests in each of the two weeks before the clocks go back in Berlin (the second's last
    /// at 23:30 on the Sunday of the change), one and a meeting in the week after.
    func campaign(goals: String = "goals: {requests: 2}\n") throws -> Sandbox {
        let s = try Sandbox()
        try s.writeConfig("timezone: Europe/Berlin\n" + goals)
        try s.iictl(
            "org", "add", "Acme Analytics", "--industry", "Climate data", "--motivation", "4", "--at",
            "2026-10-01 09:00")
        try s.iictl("org", "add", "Globex", "--industry", "Software", "--at", "2026-10-01 09:01")
        let requests = [
            ("Ann Lee", "Acme Analytics GmbH", "2026-10-12 10:00"), ("Bo Chan", "Globex", "2026-10-16 10:00"),
            ("Cy Park", "ACME analytics", "2026-10-19 09:00"), ("Di Ross", "Initech", "2026-10-25 23:30"),
            ("Ed Moss", "Globex", "2026-10-26 00:30"),
        ]
        for (name, org, at) in requests {
            let id = name.lowercased().replacingOccurrences(of: " ", with: "-")
            #expect(try s.iictl("add", name, "--org", org, "--at", "2026-10-01 10:00").status == 0)
            let r = try s.iictl("request", id, "--at", at, "--force")
            #expect(r.status == 0, "\(r.stderr)")
        }
        let held = try s.iictl("held", "ann-lee", "--minutes", "20", "--at", "2026-10-27 15:00")
        #expect(held.status == 0, "\(held.stderr)")
        return s
    }

    @Test func theWeekAgainstItsGoalsAcrossTheChangeAndTheStreak() throws {
        let s = try campaign()
        let week = try s.iictl("stats", "--week", "--as-of", "2026-10-28 12:00")
        #expect(week.status == 0, "\(week.stderr)")
        let lines = week.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "This week: Mon 26 Oct to Mon 2 Nov", "Requests:   1 of 2", "Meetings:   1 (no goal)",
                "Last week:  requests 2 of 2 (met)", "Streak:     2 weeks met in a row",
            ], "\(week.stdout)")
        // Asked on the Sunday, before the request at 23:30 that night: that week is not met yet.
        let sunday = try s.iictl("stats", "--week", "--as-of", "2026-10-25 23:00").stdout
        #expect(
            sunday.contains("Requests:   1 of 2") && sunday.contains("Streak:     1 week met in a row"), "\(sunday)")
        let data = try #require(
            try json(s.iictl("stats", "--json", "--as-of", "2026-10-28 12:00").stdout) as? [String: Any])
        let w = try #require(data["week"] as? [String: Any])
        #expect(w["streak"] as? Int == 2)
        let last = try #require(w["last_week"] as? [String: Any])
        #expect(
            last["start"] as? String == "2026-10-19T00:00:00+02:00"
                && last["end"] as? String == "2026-10-26T00:00:00+01:00")
    }

    @Test func withoutGoalsTheWeekSaysHowToSetThem() throws {
        let s = try campaign(goals: "")
        let week = try s.iictl("stats", "--week", "--as-of", "2026-10-28 12:00").stdout
        #expect(
            week.contains("Requests:   1\n")
                && week.contains(
                    "No goals set: add goals: {requests: 5, meetings: 2} to \(s.configPath) (man 5 iid.yaml).")
        )
        let data = try #require(try json(s.iictl("stats", "--json").stdout) as? [String: Any])
        #expect(data["week"] == nil, "no goals, no --week: no week in the JSON")
    }

    @Test func aBadGoalIsNamedAtItsPlace() throws {
        let s = try Sandbox()
        try s.writeConfig("timezone: Europe/Berlin\ngoals:\n  meetings: two\n")
        let r = try s.run("iid", ["--check-config"])
        #expect(r.status != 0)
        #expect(
            r.stderr.contains("config.yaml:3:13: error: at `goals.meetings`: expected a whole number"), "\(r.stderr)")
    }

    @Test func figuresPerOrganisationAndPerIndustry() throws {
        let s = try campaign()
        let byOrg = try s.iictl("stats", "--by-org", "--as-of", "2026-10-28 12:00").stdout
        let acme = try #require(byOrg.split(separator: "\n").first { $0.hasPrefix("acme-analytics") }, "\(byOrg)")
        // Ann and Cy, two requests, one meeting; Ann met counts for Advocacy.
        #expect(acme.split(separator: " ").suffix(4) == ["2", "1", "2", "1"], "\(acme)")
        let both = try s.iictl("stats", "--week", "--by-org", "--as-of", "2026-10-28 12:00").stdout
        #expect(both.hasPrefix("This week: Mon 26 Oct") && both.contains("\n\nID "), "\(both)")
        let byIndustry = try s.iictl("stats", "--by-industry").stdout
        let software = try #require(byIndustry.split(separator: "\n").first { $0.hasPrefix("Software") })
        #expect(software.split(separator: " ").suffix(4) == ["2", "1", "2", "0"], "\(software)")
        let data = try #require(try json(s.iictl("stats", "--json").stdout) as? [String: Any])
        let orgs = try #require(data["by_org"] as? [[String: Any]])
        #expect(orgs.map { $0["id"] as? String } == ["acme-analytics", "globex"])
        #expect(orgs.first?["requests"] as? Int == 2 && orgs.first?["meetings"] as? Int == 1)
        let industries = try #require(data["by_industry"] as? [[String: Any]])
        #expect(industries.contains { $0["industry"] as? String == "Climate data" && $0["people"] as? Int == 2 })
    }

    /// `explain digest` says what the digest would say now: the request at a listed employer
    /// twelve days ago has its next-contact task among what is owed, with its context, and the
    /// goals line counts the weeks. Times are relative to now, as the digest is.
    @Test func theDigestListsTheNextPersonWithItsContextAndTheGoals() throws {
        let s = try Sandbox()
        try s.writeConfig(
            "timezone: Europe/Berlin\ndigest: {every: \"mon 08:00\", via: [email]}\ngoals: {requests: 2}\n")
        let day = 86_400.0
        try s.iictl("org", "add", "Acme Analytics", "--at", s.time(-30 * day))
        try s.iictl("add", "Jane Doe", "--org", "Acme Analytics GmbH", "--at", s.time(-30 * day))
        try s.iictl("add", "Dan Roe", "--org", "ACME analytics", "--at", s.time(-30 * day))
        try s.iictl("question", "jane-doe", "Which\u{1B}[2J teams hire?", "--at", s.time(-20 * day))
        #expect(try s.iictl("request", "jane-doe", "--at", s.time(-12 * day)).status == 0)
        let out = try s.iictl("explain", "digest")
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        let task = try #require(
            lines.firstIndex {
                $0.contains("Try the next person at Acme Analytics: Dan Roe (Jane Doe has not answered)")
            },
            "\(out.stdout)")
        let context = lines[task + 1]
        #expect(context.contains("asked ") && context.contains("ask: Which\\u{1B}[2J teams hire?"), "\(context)")
        #expect(!out.stdout.contains("\u{1B}"))
        #expect(
            lines.contains { $0.contains("Goals: last week requests ") && $0.contains("this week so far requests ") })
    }

    @Test func aLinkedInImportSaysWhomYouNowKnowOnTheList() throws {
        let s = try Sandbox()
        for name in ["Acme Analytics", "Globex", "Initech"] {
            #expect(try s.iictl("org", "add", name, "--at", "2026-10-01 09:00").status == 0)
        }
        // As LinkedIn writes it: notes before the header.
        let csv = """
            Notes:
            "When exporting your connection data, you may notice that some of the email addresses are missing."

            First Name,Last Name,URL,Email Address,Company,Position,Connected On
            Jane,Doe,https://www.linkedin.com/in/janedoe,,Acme Analytics GmbH,Head of Risk,03 Nov 2025
            Dan,Roe,https://www.linkedin.com/in/danroe,,"ACME analytics, Inc.",Analyst,01 Oct 2025
            Li,Wei,https://www.linkedin.com/in/liwei,li@initech.example,Initech,CTO,01 Sep 2025

            """
        let file = s.home + "/Connections.csv"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try s.iictl("import", "linkedin", file)
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        #expect(out.contains("3 added"), "\(out)")
        #expect(out.contains("Your employer list: 2 of 3 with someone you know.\n"), "\(out)")
        #expect(
            out.contains("  Acme Analytics: 2 connections\n") && out.contains("  Initech: 1 connection\n"), "\(out)")
        #expect(out.contains("Nobody you know yet at: Globex"), "\(out)")
        let dry = try s.iictl("import", "linkedin", file, "--dry-run").stdout
        #expect(!dry.contains("Your employer list"), "a dry run changes nothing to report")
    }
}

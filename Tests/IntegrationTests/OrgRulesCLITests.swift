import Foundation
import Testing

/// Three rules of the employer list on the built binary: same-name people by one rule for `add`,
/// the imports and referrals; how people answer (booster, obligate, curmudgeon); and the report
/// owed to whoever referred someone you met. Every time is a fixed day in the past.
@Suite struct OrgRulesCLITests {
    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func aSecondJaneDoeIsAddedByAddImportAndReferralAlike() throws {
        let s = try Sandbox()
        #expect(try s.iictl("add", "Jane Doe", "--org", "Org1", "--at", "2026-03-02 09:00").stdout == "jane-doe\n")
        // add: another organisation and another address make another person, named beside the first.
        let added = try s.iictl(
            "add", "Jane Doe", "--org", "Org2", "--email", "jane2@org2.example", "--at", "2026-03-02 09:01")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "jane-doe-2\n", "scripts still read the id alone")
        #expect(added.stderr == "iictl: added jane-doe-2: Jane Doe at Org2; another Jane Doe is jane-doe, at Org1\n")
        // The same organisation by the name rule is her again: refused.
        let again = try s.iictl("add", "jane doe", "--org", "ORG2 GmbH", "--at", "2026-03-02 09:02")
        #expect(again.status != 0 && again.stderr.contains("Jane Doe (Org2) is already a contact: jane-doe-2"))
        // An import: a third Jane Doe at Org3, and the second again by her address.
        let csv = s.home + "/people.csv"
        try "Name,Company,Email\nJane Doe,Org3,\nJane Doe,Elsewhere,JANE2@org2.example\n".write(
            toFile: csv, atomically: true, encoding: .utf8)
        let imported = try s.iictl("import", "csv", csv)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("1 added, 1 updated, 0 unchanged."), "\(imported.stdout)")
        #expect(
            imported.stdout.contains(
                "Added jane-doe-3: Jane Doe at Org3; other people called Jane Doe: jane-doe (Org1), jane-doe-2 (Org2)"),
            "\(imported.stdout)")
        // A referral at yet another organisation: a fourth, the namesakes named.
        try s.iictl("add", "Bob Stone", "--at", "2026-03-02 09:03")
        let held = try s.iictl(
            "held", "bob-stone", "--minutes", "30", "--at", "2026-03-05 10:00", "--referral", "Jane Doe, Org4",
            "--referral", "Jane Doe, Org1")
        #expect(held.status == 0, "\(held.stderr)")
        #expect(
            held.stdout.contains(
                "Added Jane Doe (Org4) as jane-doe-4, referred by Bob Stone; other people called Jane Doe: jane-doe (Org1), jane-doe-2 (Elsewhere), jane-doe-3 (Org3)."
            ), "\(held.stdout)")
        #expect(held.stdout.contains("Jane Doe (Org1) is already a contact (jane-doe): now referred by Bob Stone."))
        let people = try #require(try json(try s.iictl("list", "--json").stdout) as? [[String: Any]])
        #expect(people.compactMap { $0["id"] as? String }.filter { $0.hasPrefix("jane-doe") }.count == 4)
    }

    @Test func aHostileNamesakeReachesNoTerminal() throws {
        let s = try Sandbox()
        try s.appendEvent(
            #"{"id":"e1","at":"2025-03-01T09:00:00+01:00","type":"added","contact":"jane-doe","name":"Jane Doe","org":"Evil\u001b]0;pwned\u0007\nCorp"}"#
        )
        let added = try s.iictl("add", "Jane Doe", "--org", "Good", "--at", "2025-03-02 09:00")
        #expect(added.status == 0 && added.stdout == "jane-doe-2\n", "\(added.stderr)")
        #expect(
            added.stderr.contains("another Jane Doe is jane-doe, at Evil\\u{1B}]0;pwned\\u{7}\\nCorp"),
            "\(added.stderr)")
        #expect(!added.stderr.contains("\u{1B}") && added.stderr.split(separator: "\n").count == 1)
    }

    /// Four people at Acme, three asked on Thursday 27 March 2025, the Sunday after which the
    /// clocks go forward: Ann answers on Tuesday 10:00 (in time), Ben on Tuesday 10:30 (late), Cy
    /// never; Dee is not asked. Dates of 2025, so that every date is shown with its year.
    func campaign() throws -> Sandbox {
        let s = try Sandbox()
        try s.iictl("org", "add", "Acme", "--motivation", "4", "--at", "2025-03-20 09:00")
        for name in ["Ann Lee", "Ben Roe", "Cy Poe", "Dee Fox"] {
            try s.iictl("add", name, "--org", "Acme", "--at", "2025-03-20 09:01")
        }
        for id in ["ann-lee", "ben-roe", "cy-poe"] {
            #expect(try s.iictl("request", id, "--force", "--at", "2025-03-27 10:00").status == 0)
        }
        try s.iictl("replied", "ann-lee", "--at", "2025-04-01 10:00")
        try s.iictl("replied", "ben-roe", "--at", "2025-04-01 10:30")
        try s.iictl("done", "cy-poe.follow-up", "--at", "2025-04-03 10:00")
        try s.iictl("done", "cy-poe.follow-up-2", "--at", "2025-04-10 10:00")
        return s
    }

    @Test func labelsAreShownExplainedAndOrderWhomToAskFirst() throws {
        let s = try campaign()
        let list = try s.iictl("list").stdout
        let rows = list.split(separator: "\n").map(String.init)
        #expect(rows.first?.contains("LABEL") == true, "\(list)")
        #expect(rows.first { $0.hasPrefix("ann-lee") }?.contains("booster") == true, "\(list)")
        #expect(rows.first { $0.hasPrefix("ben-roe") }?.contains("obligate") == true, "\(list)")
        #expect(rows.first { $0.hasPrefix("cy-poe") }?.contains("curmudgeon") == true, "\(list)")
        let listed = try #require(try json(try s.iictl("list", "--json").stdout) as? [[String: Any]])
        #expect(listed.map { $0["label"] as? String } == ["booster", "obligate", "curmudgeon", nil])
        #expect(listed.last?["label"] is NSNull)
        // Whom to ask for referrals first: the boosters alone; a label that is no label is refused.
        let boosters = try s.iictl("list", "--label", "booster").stdout
        #expect(
            boosters.contains("ann-lee") && !boosters.contains("ben-roe") && !boosters.contains("dee-fox"),
            "\(boosters)")
        let wrong = try s.iictl("list", "--label", "helpful")
        #expect(wrong.status != 0 && wrong.stderr.contains("booster"), "\(wrong.stderr)")
        #expect(
            try s.iictl("show", "ben-roe").stdout.contains("Answers as:   obligate (iictl explain ben-roe says why)"))
        let shown = try #require(try json(try s.iictl("show", "cy-poe", "--json").stdout) as? [String: Any])
        #expect(shown["label"] as? String == "curmudgeon")

        let why = try s.iictl("explain", "ben-roe")
        #expect(why.status == 0, "\(why.stderr)")
        #expect(
            why.stdout.contains(
                "Request 1 of Thu 27 Mar 2025 10:00: a quick answer by Tue 1 Apr 2025 10:00 (3bd later); answered Tue 1 Apr 2025 10:30, later than that: obligate."
            ), "\(why.stdout)")
        #expect(why.stdout.contains("in Europe/Berlin"), "\(why.stdout)")
        let cold = try s.iictl("explain", "cy-poe").stdout
        #expect(
            cold.contains("followed up Thu 3 Apr 2025 10:00; no answer, cold since Thu 17 Apr 2025 10:00: curmudgeon."),
            "\(cold)")
        #expect(try s.iictl("explain", "dee-fox").stdout.contains("No label: Dee Fox was never asked for a meeting."))

        // At Acme: Ann and Ben answered (Advocacy), the booster first; Dee before the curmudgeon.
        let orgs = try #require(try json(try s.iictl("orgs", "--json").stdout) as? [[String: Any]])
        #expect(orgs.first?["people"] as? [String] == ["ann-lee", "ben-roe", "dee-fox", "cy-poe"])
        let known = try #require(orgs.first?["known"] as? [[String: Any]])
        #expect(known.map { $0["label"] as? String } == ["booster", "obligate", "curmudgeon"])
        #expect(known.first?["advocacy"] as? String == "contact")
        let table = try s.iictl("orgs").stdout
        #expect(table.contains("KNOWN") && table.contains("Ann Lee (booster), Ben Roe (obligate) +1"), "\(table)")
        #expect(try s.iictl("org", "show", "acme").stdout.contains("curmudgeon"))
    }

    @Test func theNextPersonToAskIsTheBoosterBeforeTheCurmudgeon() throws {
        // Two people at Globex asked before and let go, neither known there (Advocacy): Cy, added
        // first, went cold; Ann arranged a meeting at once, then it was called off. When Eve's
        // request has waited 3 business days, Ann is the one to try next.
        let s = try Sandbox()
        try s.iictl("org", "add", "Globex", "--at", "2025-03-01 09:00")
        try s.iictl("add", "Cy Poe", "--org", "Globex", "--at", "2025-03-01 09:01")
        try s.iictl("add", "Ann Lee", "--org", "Globex", "--at", "2025-03-01 09:02")
        try s.iictl("add", "Eve Ng", "--org", "Globex", "--at", "2025-03-01 09:03")
        try s.iictl("request", "cy-poe", "--at", "2025-03-03 10:00")
        try s.iictl("done", "cy-poe.follow-up", "--at", "2025-03-10 10:00")
        try s.iictl("done", "cy-poe.follow-up-2", "--at", "2025-03-17 10:00")
        try s.iictl("request", "ann-lee", "--at", "2025-03-03 10:00", "--force")
        try s.iictl("schedule", "ann-lee", "2025-03-20 10:00", "--at", "2025-03-03 12:00")
        #expect(try s.iictl("cancel", "ann-lee", "--at", "2025-03-05 10:00").status == 0)
        #expect(try s.iictl("cancel", "cy-poe", "--at", "2025-03-24 10:00").status == 0)
        let labels = try #require(try json(try s.iictl("list", "--json").stdout) as? [[String: Any]])
        #expect(labels.map { $0["label"] as? String } == ["curmudgeon", "booster", nil])
        try s.iictl("request", "eve-ng", "--at", "2025-03-25 10:00")
        let pending = try s.iictl("pending", "--as-of", "2025-03-28 11:00").stdout
        #expect(pending.contains("Try the next person at Globex: Ann Lee (Eve Ng has not answered)"), "\(pending)")
    }

    @Test func meetingSomeoneReferredOwesTheReferrerAReport() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--email", "jane@acme.example", "--at", "2025-03-02 09:00")
        try s.iictl("schedule", "jane-doe", "2025-03-10 15:00", "--at", "2025-03-03 09:00")
        try s.iictl("held", "jane-doe", "--at", "2025-03-10 15:30", "--referral", "Dan Ode, Gridly")
        #expect(!(try s.iictl("pending", "--as-of", "2025-03-20 09:00").stdout.contains("report-back")))
        let early = try s.iictl("draft", "report-back", "jane-doe")
        #expect(early.status != 0 && early.stderr.contains("you have met nobody Jane Doe referred yet (dan-ode)"))
        try s.iictl("schedule", "dan-ode", "2025-03-27 10:00", "--at", "2025-03-20 09:00")
        try s.iictl("held", "dan-ode", "--point", "grid data hiring", "--at", "2025-03-27 10:30")
        let pending = try s.iictl("pending", "--as-of", "2025-03-29 11:00").stdout
        #expect(pending.contains("jane-doe.report-back.dan-ode"), "\(pending)")
        #expect(pending.contains("Tell Jane Doe how it went with Dan Ode"), "\(pending)")
        let tasks = try #require(
            try json(try s.iictl("pending", "--json", "--as-of", "2025-03-29 11:00").stdout) as? [[String: Any]])
        #expect(tasks.first { $0["kind"] as? String == "report-back" }?["referred"] as? String == "dan-ode")
        #expect(tasks.first { $0["kind"] as? String == "thank-you" }?["referred"] is NSNull)
        let why = try s.iictl("explain", "jane-doe.report-back.dan-ode").stdout
        #expect(why.contains("Remind: 2d after it, Sat 29 Mar 2025 10:30"), "\(why)")
        let draft = try s.iictl("draft", "report-back", "jane-doe")
        #expect(draft.status == 0, "\(draft.stderr)")
        #expect(
            draft.stdout.hasPrefix("To: Jane Doe <jane@acme.example>\nSubject: How it went with Dan Ode\n\nDear Jane,"),
            "\(draft.stdout)")
        #expect(draft.stdout.contains("what Dan said about grid data hiring was especially helpful"), "\(draft.stdout)")
        let wrong = try s.iictl("draft", "report-back", "jane-doe", "--about", "jane-doe")
        #expect(wrong.status != 0 && wrong.stderr.contains("was not referred by Jane Doe"), "\(wrong.stderr)")
        let done = try s.iictl("done", "jane-doe.report-back.dan-ode", "--at", "2025-03-30 09:00")
        #expect(done.stdout == "Done: Tell Jane Doe how it went with Dan Ode.\n", "\(done.stderr)")
        #expect(!(try s.iictl("pending", "--as-of", "2025-03-31 09:00").stdout.contains("report-back")))
        let closed = try s.iictl("explain", "jane-doe.report-back.dan-ode").stdout
        #expect(closed.contains("State:  done"), "\(closed)")

        // `never` turns it off.
        let off = try Sandbox()
        try off.writeConfig("reminders:\n  report-back:\n    after: never\n")
        try off.iictl("add", "Jane Doe", "--at", "2025-03-02 09:00")
        try off.iictl("add", "Dan Ode", "--referred-by", "jane-doe", "--at", "2025-03-02 09:01")
        try off.iictl("held", "dan-ode", "--minutes", "30", "--at", "2025-03-27 10:30")
        #expect(!(try off.iictl("pending", "--as-of", "2025-03-29 11:00").stdout.contains("report-back")))
    }
}

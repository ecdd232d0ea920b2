import Foundation
import Testing

@Suite struct CLITests {
    @Test func addPrintsOnlyTheId() throws {
        let s = try Sandbox()
        let r = try s.iictl("add", "Jane Doe", "--org", "Acme")
        #expect(r.status == 0)
        #expect(r.stdout == "jane-doe\n")
        #expect(try s.iictl("add", "Jane Doe", "--force").stdout == "jane-doe-2\n")
        let custom = try s.iictl("add", "Jane Doe", "--id", "jd", "--force")
        #expect(custom.stdout == "jd\n")
        let dup = try s.iictl("add", "X", "--id", "jd")
        #expect(dup.status != 0)
        #expect(dup.stderr == "iictl: contact 'jd' exists already\n")
    }

    @Test func errorsAreOneLineAndNonZero() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        for (args, fragment) in [
            (["request", "nobody"], "no contact 'nobody'"),
            (["schedule", "jane-doe", "someday"], "invalid time 'someday'"),
            (["schedule", "jane-doe", Self.nextSpringForwardGap() + " 02:30"], "does not exist"),
            (["done", "jane-doe.nothing"], "no open task"),
            (["pending", "--within", "3x"], "invalid duration '3x'"),
        ] {
            let r = try s.run("iictl", args)
            #expect(r.status != 0, "\(args)")
            #expect(r.stderr.contains(fragment), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
        }
    }

    /// The next day after today on which Berlin's clocks jump from 02:00 to 03:00, as yyyy-MM-dd:
    /// 02:30 that day does not exist, and the day stays ahead of the clock whenever this runs.
    static func nextSpringForwardGap() -> String {
        let zone = TimeZone(identifier: "Europe/Berlin") ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var day = calendar.startOfDay(for: Date())
        for _ in 0..<400 {
            day = calendar.date(byAdding: .day, value: 1, to: day) ?? day
            let night = day.addingTimeInterval(3600)
            let morning = day.addingTimeInterval(4 * 3600)
            if zone.secondsFromGMT(for: morning) > zone.secondsFromGMT(for: night) { break }
        }
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = zone
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: day)
    }

    @Test func pendingJSONHasTheReleasedFields() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--org", "Acme")
        try s.iictl("request", "jane-doe", "--at", "2026-11-02 10:00")
        let r = try s.iictl("pending", "--json", "--as-of", "2026-11-10 09:00")
        #expect(r.status == 0)
        let array = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(array.count == 1)
        let t = array[0]
        #expect(t["id"] as? String == "jane-doe.follow-up")
        #expect(t["contact"] as? String == "jane-doe")
        #expect(t["kind"] as? String == "follow-up")
        #expect(t["state"] as? String == "due")
        #expect(t["due"] as? String == "2026-11-12T10:00:00+01:00")
        #expect((t["title"] as? String)?.contains("Jane Doe") == true)
        #expect(t.keys.contains("snoozed_until") && t["snoozed_until"] is NSNull)
        #expect(t["meeting"] is NSNull)
    }

    @Test func tableAndStates() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try s.iictl("schedule", "jane-doe", "2026-12-03 14:00", "--where", "Café Einstein", "--at", "2026-11-27 10:00")
        let r = try s.iictl("pending", "--as-of", "2026-12-02 15:00")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("DUE") == true)
        #expect(lines.contains { $0.contains("jane-doe.homework") && $0.contains(" due ") })
        #expect(lines.contains { $0.contains("jane-doe.confirm") && $0.contains(" due ") })
        #expect(lines.contains { $0.contains("jane-doe.brief") && $0.contains(" upcoming ") })
        #expect(!r.stdout.contains("\u{1B}["), "no colour without a terminal")
    }

    @Test func snoozeAndDone() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try s.iictl("request", "jane-doe", "--at", "2026-11-02 10:00")
        let snooze = try s.iictl("snooze", "jane-doe.follow-up", "2d", "--at", "2026-11-09 11:00")
        #expect(snooze.status == 0)
        let json = try s.iictl("pending", "--json", "--as-of", "2026-11-10 09:00").stdout
        #expect(json.contains("\"state\": \"snoozed\""))
        #expect(json.contains("\"snoozed_until\": \"2026-11-11T11:00:00+01:00\""))
        #expect(try s.iictl("done", "jane-doe.follow-up").status == 0)
        // Sent: only the second follow-up of the sequence is left, a week from now.
        let after = try s.iictl("pending", "--json").stdout
        #expect(after.contains("\"id\": \"jane-doe.follow-up-2\"") && !after.contains("\"id\": \"jane-doe.follow-up\""))
    }

    @Test func draftCarriesThePoints() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        try s.iictl("schedule", "jane-doe", "2026-12-03 14:00", "--at", "2026-11-27 10:00")
        try s.iictl(
            "held", "jane-doe", "--point", "fintech hiring", "--point", "the CFA", "--at", "2026-12-03 14:30", "--force"
        )
        let r = try s.iictl("draft", "jane-doe", "--article", "https://example.org/a")
        #expect(r.stdout.hasPrefix("Dear Jane,"))
        #expect(r.stdout.contains("3 December 2026"))
        #expect(r.stdout.contains("fintech hiring"))
        #expect(r.stdout.contains("the CFA"))
        #expect(r.stdout.contains("https://example.org/a"))
    }

    @Test func explainNamesTimesAndChannels() throws {
        let s = try Sandbox()
        try s.writeConfig("timezone: America/New_York\nquiet_hours: \"22:00-07:00\"\n")
        try s.iictl("add", "Jane Doe")
        // explain reads the real clock: the meeting is ten days ahead of it, whatever day this runs.
        let meeting = s.localDay(10, "07:30", zone: "America/New_York")
        try s.iictl("schedule", "jane-doe", meeting.argument)
        let r = try s.iictl("explain", "jane-doe.brief")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("America/New_York"))
        #expect(
            r.stdout.contains("\(meeting.weekdayDayMonth) 06:30 via notify (held by quiet hours until 07:00), journal"))
    }

    @Test func tornLastLineIsReportedAndLeftInPlace() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe")
        let file = s.eventsDir + "/torn.jsonl"
        let torn = #"{"id":"t1","at":"2026-11-02T10:00:00+01:00","type":"requ"#
        try torn.write(toFile: file, atomically: true, encoding: .utf8)
        let r = try s.iictl("pending")
        #expect(r.status == 0)
        #expect(r.stderr.contains("torn.jsonl:1: error: torn last line"))
        #expect(try String(contentsOfFile: file, encoding: .utf8) == torn)
    }

    @Test func badConfigNamesFileLineColumn() throws {
        let s = try Sandbox()
        try s.writeConfig("reminders:\n  brief:\n    before: 1 hour\n")
        let r = try s.run("iid", ["--check-config"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("config.yaml:3:13: error: at `reminders.brief.before`"))
        let ok = try Sandbox()
        let good = try ok.run("iid", ["--check-config"])
        #expect(good.status == 0)
        #expect(good.stdout.hasPrefix("configuration OK"))
    }

    @Test func statusWithoutDaemonFails() throws {
        let s = try Sandbox()
        let r = try s.iictl("status")
        #expect(r.status != 0)
        #expect(r.stderr.contains("no iid daemon is running"))
    }
}

@Suite struct CampaignCLITests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../Fixtures"
    )
    .standardized.path

    @Test func importTwiceThenFilter() throws {
        let s = try Sandbox()
        let first = try s.iictl("import", "linkedin", Self.fixtures + "/Connections.csv")
        #expect(first.stdout == "3 added, 0 updated, 0 unchanged.\n")
        let again = try s.iictl("import", "linkedin", Self.fixtures + "/Connections.csv")
        #expect(again.stdout == "0 added, 0 updated, 3 unchanged.\n")
        let csv = try s.iictl("import", "csv", Self.fixtures + "/contacts.csv")
        #expect(csv.stdout.contains("Columns used: name ← \"Full Name\""))
        #expect(csv.stdout.contains("2 added, 1 updated, 0 unchanged."))
        try s.iictl("import", "vcard", Self.fixtures + "/contacts-3.0.vcf")
        try s.iictl("request", "jane-doe")
        let fintech = try s.iictl("list", "--industry", "fintech", "--stage", "target")
        #expect(fintech.stdout.contains("ana-silva"))
        #expect(!fintech.stdout.contains("jane-doe"), "asked already")
        #expect(try s.iictl("list", "--stage", "nonsense").status != 0)
    }

    @Test func calendarExportIsValidICalendar() throws {
        let python = ProcessInfo.processInfo.environment["IID_TEST_PYTHON"] ?? "python3"
        let hasModule = Components.output([python, "-c", "import icalendar; print('ok')"]).contains("ok")
        if Components.required { try #require(hasModule, "python icalendar missing: run make test") }
        guard hasModule else { return }
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--org", "Acme, Inc.")
        try s.iictl("schedule", "jane-doe", "2026-12-03 14:00", "--where", "Café; Berlin", "--at", "2026-11-27 10:00")
        try s.iictl("schedule", "jane-doe", "2026-12-04 15:00", "--at", "2026-11-28 10:00")
        try s.iictl("add", "Bo Chen")
        try s.iictl("schedule", "bo-chen", "2026-12-05 09:30", "--minutes", "45", "--at", "2026-11-28 11:00")
        let file = s.home + "/meetings.ics"
        #expect(try s.iictl("export", "ics", "--output", file).status == 0)
        let script = """
            import icalendar, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            for e in cal.walk('VEVENT'):
                alarms = [a for a in e.walk('VALARM')]
                print(e['UID'], e['SEQUENCE'], e['DTSTART'].dt.isoformat(), e['DTEND'].dt.isoformat(), e.get('LOCATION', ''), alarms[0]['TRIGGER'].dt)
            """
        let out = Components.output([python, "-c", script, file])
        #expect(out.contains("jane-doe-meeting-1@iid.localhost 1 2026-12-04T14:00:00+00:00 2026-12-04T14:20:00+00:00"))
        #expect(out.contains("bo-chen-meeting-1@iid.localhost 0 2026-12-05T08:30:00+00:00 2026-12-05T09:15:00+00:00"))
        #expect(out.contains("-1 day, 23:00:00"), "an alarm one hour before: \(out)")
    }

    @Test func scriptsPrepAndLetter() throws {
        let s = try Sandbox()
        try s.writeConfig(
            "me: {name: Ana Analyst, pitch: \"Eight years of logistics data.\", address: [Lindenstr. 5, 10969 Berlin]}\n"
        )
        try s.iictl("add", "Jane Doe", "--org", "Acme")
        #expect(try s.iictl("script", "jane-doe").stdout.contains("Eight years of logistics data."))
        let req = try s.iictl("draft", "request", "jane-doe").stdout
        #expect(req.hasPrefix("Subject: 20 minutes of your insight on Acme?"))
        try s.iictl("question", "jane-doe", "Which teams are hiring?")
        try s.iictl("schedule", "jane-doe", "2026-12-03 14:00", "--at", "2026-11-27 10:00")
        #expect(try s.iictl("prep", "jane-doe").stdout.contains("1. Which teams are hiring?"))
        try s.iictl("held", "jane-doe", "--point", "model risk", "--at", "2026-12-03 14:30", "--force")
        let letter = try s.iictl("draft", "jane-doe", "--letter").stdout
        #expect(letter.hasPrefix("Lindenstr. 5\n10969 Berlin\n"))
        #expect(letter.contains("model risk"))
        let stats = try s.iictl("stats", "--json").stdout
        #expect(stats.contains("\"held\": 1"))
    }
}

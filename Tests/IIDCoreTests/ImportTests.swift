import Foundation
import IIDCore
import Testing

@Suite struct ImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../Fixtures"
    )
    .standardized
    func fixture(_ name: String) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func csvQuotesCommasNewlinesAndBOM() throws {
        let rows = try CSVReader.rows("\u{FEFF}a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\r\nlines\",3\n\n")
        #expect(rows == [["a", "b, c", "say \"hi\""], ["1", "two\nlines", "3"]])
        #expect(throws: CSVReader.Error.self) { try CSVReader.rows("a,\"never closed\n") }
    }

    @Test func linkedInExportWithItsPreamble() throws {
        let (people, skipped) = try ContactImport.linkedIn(try fixture("Connections.csv"))
        #expect(skipped.isEmpty)
        #expect(people.map(\.name) == ["Jane Doe", "Zoë Brown", "Li Wei"])
        #expect(people[0].org == "Acme, Inc.")
        #expect(people[0].url == "https://www.linkedin.com/in/janedoe")
        #expect(people[1].position == "Analyst, \"Data\"")
        #expect(people[1].email == nil)
    }

    @Test func anyCSVSaysWhichColumnsItUsed() throws {
        let (people, columns, skipped) = try ContactImport.csv(try fixture("contacts.csv"))
        #expect(skipped.isEmpty)
        #expect(columns.map(\.0) == ["name", "org", "industry", "email", "phone", "address", "note"])
        #expect(people.map(\.name) == ["Ana Silva", "Doe, Jane", "Bob Stone"])
        #expect(people[0].address == "Friedrichstr. 10\n10117 Berlin")
        #expect(people[2].note == "line one\nline two")
        #expect(throws: CSVReader.Error.self) { try ContactImport.csv("colour,size\nred,1\n") }
    }

    @Test func vCard3And4() throws {
        let v3 = ContactImport.vCard(try fixture("contacts-3.0.vcf"))
        #expect(v3.count == 1)
        #expect(v3[0].name == "Chidi Okafor")
        #expect(v3[0].org == "Wayne Enterprises")
        #expect(v3[0].email == "chidi@wayne.example")
        #expect(v3[0].address == "1007 Mountain Drive\n07001 Gotham\nNJ\nUSA")
        #expect(v3[0].note == "Introduced by Ana, via the alumni list\nLikes climbing")
        let v4 = ContactImport.vCard(try fixture("contacts-4.0.vcf"))
        #expect(v4.map(\.name) == ["Marie Curie-Skłodowska", "Nameless"])
        #expect(v4[0].email == "marie@radium.example", "folded lines are unfolded")
        #expect(v4[0].phone == "+33-1-5555-0199")
    }

    @Test func reimportAddsNoOneTwice() throws {
        let (people, _) = try ContactImport.linkedIn(try fixture("Connections.csv"))
        var n = 0
        let first = ContactImport.plan(
            people, existing: [], at: Date(),
            newID: {
                n += 1; return "e\(n)"
            })
        #expect(first.report.added.count == 3)
        let contacts = Planner(config: Config(), zone: berlin).plan(first.events).contacts
        #expect(contacts.map(\.id) == ["jane-doe", "zoe-brown", "li-wei"])
        let again = ContactImport.plan(
            people, existing: contacts, at: Date(),
            newID: {
                n += 1; return "e\(n)"
            })
        #expect(again.events.isEmpty)
        #expect(again.report.unchanged == 3)
        // Matched by email although the name is written differently; only the changed field is updated.
        var jane = ImportCandidate(name: "Doe, Jane")
        jane.email = "JANE@acme.example"
        jane.phone = "+49 30 1"
        let update = ContactImport.plan([jane], existing: contacts, at: Date(), newID: { "u" })
        #expect(update.report.updated.map(\.0) == ["jane-doe"])
        #expect(update.events.first?.type == .updated)
        #expect(update.events.first?.phone == "+49 30 1")
        #expect(update.events.first?.name == nil)
    }
}

@Suite struct ExportAndScriptTests {
    var log: Log = {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") {
            $0.name = "Jane Doe"
            $0.org = "Acme; Risk, Inc."
            $0.address = "Acme Tower\n1 Main St"
            $0.position = "Head of Risk"
        }
        log.add(.requested, "jane", at: "2026-11-02 10:00")
        log.add(.scheduled, "jane", at: "2026-11-04 10:00") {
            $0.start = local("2026-11-10 14:00"); $0.place = "Café, Berlin"
        }
        log.add(.scheduled, "jane", at: "2026-11-05 10:00") {
            $0.start = local("2026-11-11 15:00"); $0.minutes = 30
        }
        log.add(.question, "jane", at: "2026-11-06 10:00") { $0.text = "How is the risk team organised?" }
        return log
    }()

    var config: Config {
        var c = Config()
        c.me.name = "Ana Analyst"
        c.me.pitch = "Eight years of logistics data."
        c.me.objectives = ["which roles grow"]
        c.me.accomplishments = ["cut delays by 18%"]
        c.me.address = ["Ana Analyst", "Lindenstr. 5", "10969 Berlin"]
        return c
    }

    @Test func calendarHasStableUIDsAndGrowingSequence() {
        let contacts = planner().plan(log.events).contacts
        let ics = ICalendar(config: config, zone: berlin).document(contacts, stamp: local("2026-11-06 12:00"))
        #expect(ics.contains("UID:jane-meeting-1@iid.localhost\r\n"))
        #expect(ics.contains("SEQUENCE:1\r\n"))
        #expect(ics.contains("DTSTART:20261111T140000Z\r\n"))
        #expect(ics.contains("DTEND:20261111T143000Z\r\n"))
        #expect(ics.contains("LOCATION:Café\\, Berlin\r\n"))
        #expect(ics.contains("TRIGGER:-PT60M\r\n"))
        #expect(ics.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func scriptsCarryTheRecordedData() {
        let plan = planner().plan(log.events)
        let jane = plan.contacts[0]
        let s = Scripts(config: config, zone: berlin)
        let phone = s.phone(jane)
        #expect(phone.contains("Hello Jane, my name is Ana Analyst. Eight years of logistics data."))
        #expect(phone.contains("20 minutes"))
        #expect(phone.contains("not a job interview"))
        #expect(s.requestEmail(jane).body.contains("which roles grow"))
        let prep = s.prep(jane, now: local("2026-11-09 09:00"))
        #expect(prep.contains("1. How is the risk team organised?"))
        #expect(prep.contains("cut delays by 18%"))
        #expect(prep.contains("ask permission to take notes") || prep.contains("Ask permission to take notes"))
        #expect(prep.contains("Wed 11 Nov 15:00, 30 min"))
        var held = log
        held.add(.held, "jane", at: "2026-11-11 15:40") { $0.points = ["model risk", "the CFA"] }
        let c = planner().plan(held.events).contacts[0]
        let letter = s.letter(
            c, meeting: c.meetings.last, date: local("2026-11-12 09:00"), article: "https://example.org/a")
        #expect(
            letter.hasPrefix(
                "Ana Analyst\nLindenstr. 5\n10969 Berlin\n\n12 November 2026\n\nJane Doe\nHead of Risk\nAcme; Risk, Inc.\nAcme Tower\n1 Main St\n"
            ))
        #expect(letter.contains("model risk"))
        #expect(letter.contains("https://example.org/a"))
        #expect(letter.hasSuffix("Sincerely,\nAna Analyst\n"))
    }

    @Test func remindersCarryTheQuestions() {
        let plan = planner().plan(log.events)
        let homework = plan.tasks.first { $0.kind == .homework }!
        let r = Reminder.of(homework, rule: Config().rule(.homework))[0]
        let m = MessageBuilder(config: config, zone: berlin).message(
            for: r, contact: plan.contacts[0], now: local("2026-11-09 15:00"), late: false)
        #expect(m.body.contains("How is the risk team organised?"))
    }

    @Test func statsFunnel() {
        var log = self.log
        log.add(.added, "bob", at: "2026-11-01 08:00")
        log.add(.requested, "bob", at: "2026-11-02 10:00")
        log.add(.added, "cy", at: "2026-11-01 08:00")
        log.add(.held, "jane", at: "2026-11-11 15:40")
        log.add(.thanked, "jane", at: "2026-11-12 10:00")
        let stats = CampaignStats(planner().plan(log.events).contacts)
        #expect(stats.funnel.map(\.1) == [3, 2, 1, 1, 1])
        #expect(stats.replyRate == 0.5)
        #expect(stats.medianDaysToMeeting.map { Int(($0 * 24).rounded()) } == 221)
        #expect(stats.thankedWithinTwoDays == 1)
        #expect(stats.chart().contains("listed"))
    }
}

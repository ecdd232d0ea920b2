import Foundation
import IIDCore
import Testing

@Suite struct OrgNameTests {
    @Test(arguments: [
        "Acme Analytics GmbH", "ACME analytics", "Acme Analytics, Inc.", "Acme Analytics (formerly Acme Data)",
        "acme-analytics", "Acme Analytics LLC", "Acme Analytics Ltd.", "Acme Analytics AG", "Acme Analytics S.A.",
        "Ácme Anälytics", "  Acme   Analytics  ", "Acme Analytics Pty Ltd", "Acme Analytics GmbH & Co. KG",
    ])
    func theWaysPeopleWriteOneEmployerShareAKey(_ name: String) {
        #expect(OrgName.key(name) == "acme analytics", "\(name) → \(OrgName.key(name))")
    }

    @Test func differentEmployersKeepDifferentKeys() {
        #expect(OrgName.key("Acme Analytics") != OrgName.key("Acme Data"))
        #expect(OrgName.key("Acme Analytics") != OrgName.key("Acme Analytics Labs"))
        // Only endings are legal forms: "Co" inside a name stays.
        #expect(OrgName.key("Co Op Bank") == "co op bank")
        // A name that is nothing but a legal form keeps it rather than becoming empty.
        #expect(OrgName.key("AG") == "ag")
        #expect(OrgName.key("---").isEmpty)
        // Ampersands read as "and"; a parenthesis that is not a former name stays as words.
        #expect(OrgName.key("Smith & Jones") == OrgName.key("Smith and Jones"))
        #expect(OrgName.key("Acme (UK) Ltd") == "acme uk")
        #expect(OrgName.key("Zürich Øresund") == "zurich oresund")
    }

    @Test func formerNamesAnswerToo() {
        #expect(OrgName.formerNames("Acme Analytics (formerly Acme Data)") == ["Acme Data"])
        #expect(OrgName.formerNames("Acme (UK)").isEmpty)
        #expect(OrgName.keys("Acme Analytics (previously Acme Data Inc.)") == ["acme analytics", "acme data"])
    }
}

@Suite struct OrgBookTests {
    func book(_ build: (inout Log) -> Void) -> OrgBook {
        var log = Log()
        build(&log)
        return OrgBook(events: log.events)
    }

    @Test func peopleMeetTheirOrganisationByTheRule() {
        let b = book { log in
            log.add(.orgAdded, "org:acme", at: "2026-03-02 09:00") {
                $0.name = "Acme Analytics (formerly Acme Data)"
                $0.motivation = 4
            }
            log.add(.orgAdded, "org:globex", at: "2026-03-02 09:01") { $0.name = "Globex" }
        }
        #expect(b.organisation(for: "ACME Analytics GmbH")?.id == "acme")
        #expect(b.organisation(for: "Acme Data, Inc.")?.id == "acme")
        #expect(b.organisation(for: "Globex Corporation")?.id == "globex")
        #expect(b.organisation(for: "Initech") == nil)
        #expect(b.organisation(for: "") == nil)
        #expect(b.find("org:globex")?.name == "Globex")
        #expect(b.find("glo")?.id == "globex")
        #expect(b.find("acme analytics ltd")?.motivation == 4)
    }

    @Test func aNameIsJoinedByHandAndSplitAgainAndUndoTakesItBack() {
        var log = Log()
        log.add(.orgAdded, "org:acme", at: "2026-03-02 09:00") { $0.name = "Acme Analytics" }
        log.add(.orgAdded, "org:other", at: "2026-03-02 09:01") { $0.name = "Other" }
        log.add(.orgAlias, "org:other", at: "2026-03-02 09:02") { $0.alias = "Roadrunner Labs" }
        log.add(.orgAlias, "org:acme", at: "2026-03-02 09:03") { $0.alias = "Roadrunner Labs" }
        // The later join wins: a name belongs to one organisation.
        #expect(OrgBook(events: log.events).organisation(for: "ROADRUNNER LABS GmbH")?.id == "acme")
        #expect(OrgBook(events: log.events).organisation(id: "other")?.aliases == [])
        log.add(.orgAlias, "org:acme", at: "2026-03-02 09:04") { $0.split = "ACME Analytics Inc." }
        let split = OrgBook(events: log.events)
        // Only the written form split off leaves; the others still count.
        #expect(split.organisation(for: "Acme Analytics Inc.") == nil)
        #expect(split.organisation(for: "Acme Analytics GmbH")?.id == "acme")
        // Undo of the split: a retraction takes the event out.
        log.add(.retracted, "org:acme", at: "2026-03-02 09:05") { $0.retracts = "e5" }
        #expect(OrgBook(events: log.events).organisation(for: "Acme Analytics Inc.")?.id == "acme")
    }

    @Test func theOrganisationsEventsMakeNoContactAndNoTask() {
        var log = Log()
        log.add(.orgAdded, "org:acme", at: "2026-03-02 09:00") { $0.name = "Acme" }
        log.add(.orgUpdated, "org:acme", at: "2026-03-02 09:01") {
            $0.postings = 2; $0.text = "Hiring"
        }
        log.add(.added, "jane", at: "2026-03-02 09:02") { $0.org = "ACME GmbH" }
        let plan = planner().plan(log.events)
        #expect(plan.contacts.map(\.id) == ["jane"])
        #expect(plan.diagnostics.isEmpty)
        let org = OrgBook(events: log.events).organisation(id: "acme")
        #expect(org?.postings == 2 && org?.notes == ["Hiring"])
    }

    @Test func theEventsRoundTripThroughTheLogAndBadOnesAreNamed() throws {
        var e = Event(id: "x1", at: local("2026-03-02 09:00"), type: .orgAdded, contact: "org:acme")
        e.name = "Acme"
        e.industry = "Software"
        e.motivation = 5
        e.postings = 0
        e.text = "note"
        let line = EventCoding.encode(e, zone: berlin)
        #expect(line.contains("\"type\":\"org_added\"") && line.contains("\"motivation\":5"), "\(line)")
        #expect(try EventCoding.decode(line: Substring(line)) == e)
        var a = Event(id: "x2", at: local("2026-03-02 09:00"), type: .orgAlias, contact: "org:acme")
        a.split = "Acme Inc"
        #expect(try EventCoding.decode(line: Substring(EventCoding.encode(a, zone: berlin))) == a)
        func reason(_ text: String) -> EventDecodingError.Reason? {
            do {
                _ = try EventCoding.decode(line: Substring(text))
                return nil
            } catch { return error.reason }
        }
        let at = "\"at\":\"2026-03-02T09:00:00+01:00\""
        #expect(
            reason("{\"id\":\"a\",\(at),\"type\":\"org_added\",\"contact\":\"acme\",\"name\":\"A\"}") == .badContact)
        #expect(
            reason("{\"id\":\"a\",\(at),\"type\":\"added\",\"contact\":\"org:acme\",\"name\":\"A\"}") == .badContact)
        #expect(
            reason("{\"id\":\"a\",\(at),\"type\":\"org_added\",\"contact\":\"org:a\",\"name\":\"A\",\"motivation\":6}")
                == .badScore)
        #expect(reason("{\"id\":\"a\",\(at),\"type\":\"org_alias\",\"contact\":\"org:a\"}") == .missingField)
        #expect(reason("{\"id\":\"a\",\(at),\"type\":\"org_added\",\"contact\":\"org:a\"}") == .missingField)
        #expect(reason("{\"id\":\"a\",\(at),\"type\":\"retracted\",\"contact\":\"org:a\",\"retracts\":\"x\"}") == nil)
    }
}

@Suite struct OrgEventLogTests {
    /// The corpus's organisation lines, as a person or another tool writes them, read whole.
    @Test func theCorpusFileReadsIntoTheListWithItsUndo() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Corpus/events/organisations.jsonl").standardized.path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let read = EventLogParser.parse(bytes, file: "organisations.jsonl")
        #expect(read.diagnostics.isEmpty, "\(read.diagnostics)")
        let book = OrgBook(events: read.events)
        let acme = try #require(book.organisation(id: "acme-analytics"))
        #expect(acme.postings == 3 && acme.motivation == 5 && acme.industry == nil && acme.notes == ["Grid data team"])
        #expect(acme.aliases == ["Acme Data GmbH"] && acme.splits.isEmpty)
        // The split taken back: Jane's "ACME analytics, Inc." counts there, and she is a contact.
        let plan = planner().plan(read.events)
        #expect(plan.contacts.map(\.id) == ["jane-doe"])
        #expect(book.people(at: acme, in: plan.contacts).map(\.id) == ["jane-doe"])
    }
}

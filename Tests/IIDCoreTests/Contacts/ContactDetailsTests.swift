import Foundation
import Testing

@testable import IIDCore

@Suite struct ContactDetailsTests {
    @Test func mergeTakesWhatTheUpdateCarries() {
        var known = ContactDetails(name: "Jane Doe", org: "Acme", email: "jane@acme.example", phone: "+49 30 1")
        known.merge(ContactDetails(name: "", org: "Acme Analytics", email: nil, phone: "", position: "Head of Risk"))
        #expect(known.name == "Jane Doe", "an empty name never erases one")
        #expect(known.org == "Acme Analytics")
        #expect(known.email == "jane@acme.example", "a field the update leaves out stays")
        #expect(known.phone == nil, "an empty value clears the field (iictl edit --phone \"\")")
        #expect(known.position == "Head of Risk")
        known.merge(ContactDetails(name: "Jane Roe"))
        #expect(known.name == "Jane Roe")
    }

    @Test func anUpdatedEventMergesIntoTheRecord() {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") {
            $0.details = ContactDetails(name: "Jane Doe", org: "Acme", email: "jane@acme.example")
        }
        log.add(.updated, "jane", at: "2026-11-02 08:00") {
            $0.org = "Acme Analytics"
            $0.url = "https://example.org/jane"
        }
        let jane = planner().plan(log.events).contacts[0]
        #expect(
            jane.details
                == ContactDetails(
                    name: "Jane Doe", org: "Acme Analytics", email: "jane@acme.example", url: "https://example.org/jane"
                ))
        #expect(jane.label == "Jane Doe (Acme Analytics)")
    }

    @Test func changesLeaveOutTheNameAndWhatIsTheSame() {
        let known = ContactDetails(name: "Jane Doe", org: "Acme", email: "jane@acme.example")
        let found = ContactDetails(name: "Doe, Jane", org: "Acme", email: "jane@acme.example", phone: "+49 30 1")
        #expect(found.changes(from: known) == ContactDetails(phone: "+49 30 1"))
        #expect(known.changes(from: known).isEmpty)
    }

    @Test func everyFieldIsCodedUnderItsKeyInTheLogsOrder() throws {
        var e = Event(id: "e1", at: local("2026-11-27 10:00"), type: .added, contact: "jane")
        e.details = ContactDetails(
            name: "Jane", org: "Acme", industry: "fintech", email: "j@a.example", phone: "+1", address: "1 Main St\nX",
            url: "https://a.example/j", position: "CFO")
        e.text = "met at the fair"
        let line = EventCoding.encode(e, zone: berlin)
        #expect(
            line
                == #"{"id":"e1","at":"2026-11-27T10:00:00+01:00","type":"added","contact":"jane","name":"Jane","org":"Acme","industry":"fintech","email":"j@a.example","phone":"+1","address":"1 Main St\nX","url":"https://a.example/j","position":"CFO","text":"met at the fair"}"#
        )
        let back = try EventCoding.decode(line: Substring(line))
        #expect(back == e)
        #expect(back.details == e.details)
    }

    @Test func aDetailThatIsNotAStringIsRefusedByName() {
        let line = #"{"id":"e1","at":"2026-11-27T10:00:00Z","type":"updated","contact":"jane","phone":49}"#
        #expect(throws: EventDecodingError(.notAString, "'phone' must be a string")) {
            try EventCoding.decode(line: Substring(line))
        }
    }

    /// The log's format does not change: each event of the walkthrough, read and written again in its
    /// zone, is the line it was read from.
    @Test func theCorpusReadsAndWritesBackTheSame() throws {
        let url = FuzzTests.corpus.appendingPathComponent("events/walkthrough.jsonl")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 10)
        for line in lines {
            let e = try EventCoding.decode(line: line)
            #expect(EventCoding.encode(e, zone: berlin) == String(line))
        }
    }
}

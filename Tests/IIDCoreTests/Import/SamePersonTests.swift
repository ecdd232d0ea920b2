import Foundation
import IIDCore
import Testing

/// The one rule by which `add`, the imports and referrals decide whether a person is known.
@Suite struct SamePersonTests {
    func person(_ id: String, _ name: String, org: String? = nil, email: String? = nil, url: String? = nil)
        -> ContactRecord
    {
        var c = ContactRecord(id: id, name: name)
        c.details.org = org
        c.details.email = email
        c.details.url = url
        return c
    }

    func details(_ name: String, org: String? = nil, email: String? = nil, url: String? = nil) -> ContactDetails {
        ContactDetails(name: name, org: org, email: email, url: url)
    }

    @Test func aNamesakeAtAnotherOrganisationIsANewPerson() {
        let jane = person("jane-doe", "Jane Doe", org: "Org1")
        #expect(SamePerson.verdict(details("Jane Doe", org: "Org2"), among: [jane]) == .new(namesakes: [jane]))
        #expect(
            SamePerson.namesakesPhrase([jane]) == "another Jane Doe is jane-doe, at Org1",
            "the confirmation names the first Jane Doe and where she is")
        #expect(SamePerson.described(details("Jane Doe", org: "Org2")) == "Jane Doe at Org2")
    }

    @Test func theSameOrganisationByTheNameRuleIsTheSamePerson() {
        let jane = person("jane-doe", "Jane Doe", org: "Acme Analytics GmbH")
        #expect(SamePerson.verdict(details("jane  DOE", org: "ACME analytics, Inc."), among: [jane]) == .known(jane))
        // No organisation on either side: one person, so that a re-import adds no one twice.
        let bob = person("bob", "Bob Stone")
        #expect(SamePerson.verdict(details("Bob Stone"), among: [bob]) == .known(bob))
        // One with an organisation and one without: the name alone does not make them one.
        #expect(SamePerson.verdict(details("Bob Stone", org: "Globex"), among: [bob]) == .new(namesakes: [bob]))
        #expect(SamePerson.verdict(details("Jane Doe"), among: [jane]) == .new(namesakes: [jane]))
    }

    @Test func differentAddressesTellNamesakesApartEvenAtOneOrganisation() {
        let jane = person("jane-doe", "Jane Doe", org: "Acme", email: "jane1@acme.example")
        let other = details("Jane Doe", org: "Acme", email: "jane2@acme.example")
        #expect(SamePerson.verdict(other, among: [jane]) == .new(namesakes: [jane]))
        // A shared address is the same person wherever she works now, and whatever the name's case.
        let moved = details("J. Doe", org: "Globex", email: "JANE1@acme.example")
        #expect(SamePerson.verdict(moved, among: [jane]) == .known(jane))
        // An address on one side only does not tell them apart.
        #expect(SamePerson.verdict(details("Jane Doe", org: "Acme"), among: [jane]) == .known(jane))
        // Different profile URLs do.
        let linked = person("jd", "Jane Doe", org: "Acme", url: "https://www.linkedin.com/in/jd1")
        #expect(
            SamePerson.verdict(
                details("Jane Doe", org: "Acme", url: "https://www.linkedin.com/in/jd2"), among: [linked])
                == .new(namesakes: [linked]))
    }

    @Test func anAliasJoinedByHandMakesOneOrganisationAndASplitTwo() {
        let book = OrgBook(
            organisations: {
                var acme = Organisation(id: "acme", name: "Acme Analytics")
                acme.aliases = ["Roadrunner Labs"]
                acme.splits = ["acme analytics inc"]
                return [acme]
            }())
        let jane = person("jane-doe", "Jane Doe", org: "Roadrunner Labs")
        #expect(
            SamePerson.verdict(details("Jane Doe", org: "Acme Analytics"), among: [jane], book: book) == .known(jane))
        // Split from the list by hand: the rule's match no longer makes them one.
        #expect(!SamePerson.sameOrganisation("Acme Analytics Inc", "Acme Analytics", book: book))
        #expect(SamePerson.sameOrganisation("Acme Analytics Inc", "Acme Analytics", book: OrgBook(organisations: [])))
        #expect(
            SamePerson.sameOrganisation(
                "Acme Analytics (formerly Acme Data)", "Acme Data", book: OrgBook(organisations: [])))
    }

    @Test func severalFittingIsAmbiguousAndSeveralNamesakesAreAllNamed() {
        let a = person("jane-doe", "Jane Doe", org: "Acme")
        let b = person("jane-doe-2", "Jane Doe", org: "ACME")
        #expect(SamePerson.verdict(details("Jane Doe", org: "Acme"), among: [a, b]) == .ambiguous([a, b]))
        let c = person("jane-doe-3", "Jane Doe")
        #expect(
            SamePerson.namesakesPhrase([a, c]) == "other people called Jane Doe: jane-doe (Acme), jane-doe-3")
        #expect(SamePerson.namesakesPhrase([]) == nil)
        var archived = person("jane-doe-4", "Jane Doe", org: "Initech")
        archived.archived = true
        #expect(SamePerson.verdict(details("Jane Doe", org: "Globex"), among: [archived]) == .new(namesakes: []))
    }

    @Test func anImportFollowsTheSameRuleAndNamesTheNamesake() {
        let jane = person("jane-doe", "Jane Doe", org: "Org1")
        var second = ImportCandidate(name: "Jane Doe")
        second.org = "Org2"
        second.email = "jane2@org2.example"
        var again = ImportCandidate(name: "Jane Doe")
        again.org = "Org2"
        let (events, report) = ContactImport.plan(
            [second, again], existing: [jane], at: Date(timeIntervalSince1970: 0)
        ) {
            "e"
        }
        // The second Jane is added; the third line is her again (same name, same organisation).
        #expect(events.map(\.type) == [.added])
        #expect(events.first?.contact == "jane-doe-2")
        #expect(report.namesakes.map(\.0) == ["jane-doe-2"])
        #expect(report.namesakes.first?.2 == [jane])
        #expect(report.unchanged == 1)
    }
}

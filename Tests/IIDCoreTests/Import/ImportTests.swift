import Foundation
import IIDCore
import Testing

@Suite struct ImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "../../Fixtures"
    )
    .standardized
    func fixture(_ name: String) throws -> String {
        try String(contentsOf: Self.fixtures.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func csvQuotesCommasNewlinesAndBOM() throws {
        let rows = try CSVReader.rows("\u{FEFF}a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\r\nlines\",3\n\n")
        #expect(rows == [["a", "b, c", "say \"hi\""], ["1", "two\r\nlines", "3"]])
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
        #expect(columns.map(\.0) == [.name, .org, .industry, .email, .phone, .address, .note])
        #expect(people.map(\.name) == ["Ana Silva", "Doe, Jane", "Bob Stone"])
        #expect(people[0].address == "Friedrichstr. 10\r\n10117 Berlin")
        #expect(people[2].note == "line one\r\nline two")
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
        #expect(update.events.first?.email == nil, "the same address in another case is no change")
    }

    @Test func googleContactsKeepsEveryAddressOfEveryColumnAndCell() throws {
        let csv = """
            Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Organization 1 - Name
            Jane Doe,Jane,Doe,* Work,jane@acme.example ::: j.doe@acme.example,Home,jd@home.example,Acme
            Li Wei,Li,Wei,,,Home,LI@WEI.example ::: li@wei.example,
            Bob Stone,Bob,Stone,* Work,,,,
            """
        let (people, columns, _) = try ContactImport.csv(csv)
        #expect(columns.filter { $0.0 == .email }.map(\.1) == ["E-mail 1 - Value", "E-mail 2 - Value"])
        #expect(
            people.map(\.email) == ["jane@acme.example, j.doe@acme.example, jd@home.example", "LI@WEI.example", nil])
        #expect(people[0].details.emails.count == 3)
    }

    @Test func outlookKeepsItsThreeAddressesButNotTheDisplayName() throws {
        let csv = """
            First Name,Last Name,E-mail Address,E-mail Type,E-mail Display Name,E-mail 2 Address,E-mail 3 Address,Company
            Ana,Silva,ana@silva.example,SMTP,Ana Silva (ana@silva.example),ana@work.example,ana@old.example,Acme
            """
        let (people, columns, _) = try ContactImport.csv(csv)
        #expect(
            columns.filter { $0.0 == .email }.map(\.1) == ["E-mail Address", "E-mail 2 Address", "E-mail 3 Address"])
        #expect(people.first?.email == "ana@silva.example, ana@work.example, ana@old.example")
        #expect(people.first?.org == "Acme")
    }

    @Test(arguments: [
        ("Email", true), ("E-mail", true), ("Email Address", true), ("E-mail 2 Address", true),
        ("E-mail 1 - Value", true), ("Email 3", true), ("Mail", true), ("E-mail 1 - Type", false),
        ("E-mail Display Name", false), ("E-mail 1 - Label", false), ("Emailed", false), ("Mailing Address", false),
    ])
    func emailColumns(header: String, isEmail: Bool) {
        #expect(ContactImport.isEmailHeader(header) == isEmail)
    }

    @Test func aVCardWithSeveralAddressesKeepsThemAll() {
        let people = ContactImport.vCard(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nEMAIL;TYPE=WORK:jane@acme.example\r\n"
                + "EMAIL;TYPE=HOME,PREF:jd@home.example\r\nitem1.EMAIL:j.doe@acme.example\r\nEND:VCARD\r\n")
        #expect(people.first?.details.emails == ["jd@home.example", "jane@acme.example", "j.doe@acme.example"])
        let plan = ContactImport.plan(people, existing: [], at: Date(timeIntervalSince1970: 0), newID: { "u" })
        #expect(plan.events.first?.email == "jd@home.example, jane@acme.example, j.doe@acme.example")
    }

    @Test func anImportAddsAddressesAndTakesNoneAway() {
        var known = ContactRecord(id: "jane-doe", name: "Jane Doe")
        known.details.email = "jane@acme.example, jd@home.example"
        var card = ImportCandidate(name: "Jane Doe")
        card.email = "JD@home.example, jane@new.example"
        let plan = ContactImport.plan([card], existing: [known], at: Date(), newID: { "u" })
        #expect(plan.events.first?.email == "jane@acme.example, jd@home.example, jane@new.example")
        var same = ImportCandidate(name: "Jane Doe")
        same.email = "jane@acme.example"
        #expect(ContactImport.plan([same], existing: [known], at: Date(), newID: { "u" }).events.isEmpty)
    }
}

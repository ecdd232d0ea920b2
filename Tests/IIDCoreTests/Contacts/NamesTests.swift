import Foundation
import IIDCore
import Testing

@Suite struct NamesTests {
    @Test func greetingsUseTheGivenName() {
        #expect(PersonName.given("Dr. Anne-Marie O'Neil, PhD") == "Anne-Marie")
        #expect(PersonName.given("Prof. Dr. Hans Meier") == "Hans")
        #expect(PersonName.given("Jane Doe") == "Jane")
        #expect(PersonName.given("Mr John Smith Jr.") == "John")
        #expect(PersonName.given("李小龙") == "李小龙")
        #expect(PersonName.given("Dr.") == "Dr.")
    }

    @Test func idsForNamesInOtherScripts() {
        // Scripts without a table in `LatinFold` (Han here) get the hashed fallback, a valid id.
        let han = ContactID.slug(for: "李小龙")
        #expect(han.hasPrefix("contact-") && ContactID.isValid(han) && han != ContactID.slug(for: "李小虎"))
        #expect(ContactID.slug(for: "Σωκράτης Παππάς") == "sokrates-pappas")
        #expect(ContactID.slug(for: "Zoë Ångström-Łukasz") == "zoe-angstrom-lukasz")
        #expect(ContactID.slug(for: "Дмитрий Иванов") == "dmitrij-ivanov")
        let fallback = ContactID.slug(for: "☃☃")
        #expect(fallback.hasPrefix("contact-") && fallback != ContactID.slug(for: "☂"))
        #expect(ContactID.isValid(fallback))
    }

    @Test func widthsInTerminalCells() {
        #expect(TerminalWidth.cells("Jane") == 4)
        #expect(TerminalWidth.cells("李小龙") == 6)
        #expect(TerminalWidth.cells("Zoe\u{0308}") == 3)
        #expect(TerminalWidth.pad("李", to: 4) == "李  ")
    }

    @Test func emailAddressesAreChecked() {
        #expect(EmailAddress.problem("jane@acme.example") == nil)
        #expect(EmailAddress.problem("not-an-email")?.contains("'not-an-email'") == true)
        #expect(EmailAddress.problem("jane@acme") != nil)
        #expect(EmailAddress.problem("jane doe@acme.example") != nil)
        #expect(EmailAddress.problem("@acme.example") != nil)
        #expect(EmailAddress.problem("a@b@c.example") != nil)
        #expect(EmailAddress.problem("jane@acme..example") != nil)
    }

    @Test func suggestionsByEditDistance() {
        let commands = ["schedule", "snooze", "show", "status", "script"]
        #expect(Suggestion.closest(to: "shedule", in: commands) == ["schedule"])
        #expect(Suggestion.closest(to: "jane-deo", in: ["jane-doe", "bob-stone"]) == ["jane-doe"])
        #expect(Suggestion.closest(to: "xyzzy", in: commands).isEmpty)
        #expect(Suggestion.closest(to: "zoee", in: ["zoe-angstrom", "bob-stone"]) == ["zoe-angstrom"])
        #expect(Suggestion.distance("ab", "ba") == 1)
    }

    @Test func matchingIgnoresCaseAccentsAndSpaces() {
        var log = Log()
        log.add(.added, "zoe", at: "2026-11-01 08:00") {
            $0.name = "Zoë Ångström"
            $0.org = "Acme"
        }
        let contacts = planner().plan(log.events).contacts
        var c = ImportCandidate(name: "zoe  angstrom")
        c.org = "ACME"
        #expect(ContactImport.match(c, in: contacts)?.id == "zoe")
    }

    @Test func anAmbiguousMatchIsNotApplied() {
        var log = Log()
        for id in ["jane-doe", "jane-doe-2", "jane-doe-3"] {
            log.add(.added, id, at: "2026-11-01 08:00") { $0.name = "Jane Doe" }
        }
        let contacts = planner().plan(log.events).contacts
        var c = ImportCandidate(name: "Jane Doe")
        c.industry = "Climate"
        let (events, report) = ContactImport.plan([c], existing: contacts, at: local("2026-11-02 10:00")) { "x" }
        #expect(events.isEmpty)
        #expect(report.ambiguous.count == 1)
        #expect(report.ambiguous.first?.1 == ["jane-doe", "jane-doe-2", "jane-doe-3"])
    }
}

import Foundation
import Testing

/// The networking method on the built binary: referrals, the follow-up sequence that ends, a
/// person's cadence and the people one is losing touch with.
@Suite struct MethodCLITests {
    let day = 86_400.0

    func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    @Test func aMeetingOpensTheNextDoors() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--org", "Acme", "--at", s.time(-20 * day))
        try s.iictl("request", "jane-doe", "--at", s.time(-19 * day))
        let held = try s.iictl(
            "held", "jane-doe", "--at", s.time(-10 * day), "--minutes", "30", "--referral", "Bob Stone, Globex",
            "--referral", "Cy Young")
        #expect(
            held.stdout.contains("Added Bob Stone (Globex) as bob-stone, referred by Jane Doe.")
                && held.stdout.contains("Added Cy Young as cy-young, referred by Jane Doe."), "\(held.stdout)")
        // Someone already known is linked, not added again.
        try s.iictl("add", "Dee Lee", "--at", s.time(-9 * day))
        try s.iictl("add", "Eve Ng", "--at", s.time(-9 * day))
        try s.iictl("schedule", "eve-ng", s.time(-8 * day + 3600), "--at", s.time(-8 * day))
        let again = try s.iictl("held", "eve-ng", "--at", s.time(-7 * day), "--referral", "Dee Lee")
        #expect(again.stdout.contains("Dee Lee is already a contact (dee-lee): now referred by Eve Ng."))
        try s.iictl("add", "Fay Oh", "--referred-by", "dee", "--at", s.time(-6 * day))

        let bob = try s.iictl("show", "bob-stone").stdout
        #expect(bob.contains("Referred by:  Jane Doe (Acme) [jane-doe]"), "\(bob)")
        let jane = try #require(try json(s.iictl("show", "jane-doe", "--json").stdout) as? [String: Any])
        #expect(jane["referrals"] as? [String] == ["bob-stone", "cy-young"])
        #expect(jane["referred_by"] is NSNull)
        let fay = try #require(try json(s.iictl("show", "fay-oh", "--json").stdout) as? [String: Any])
        #expect(fay["referred_by"] as? String == "dee-lee")
        let listed = try s.iictl("list", "--referred-by", "jane-doe").stdout
        #expect(listed.contains("bob-stone") && listed.contains("cy-young") && !listed.contains("dee-lee"))

        let stats = try #require(try json(s.iictl("stats", "--json").stdout) as? [String: Any])
        #expect(stats["longest_referral_chain"] as? [String] == ["eve-ng", "dee-lee", "fay-oh"])
        #expect(stats["held_from_referrals"] as? Int == 0)
        #expect(
            try s.iictl("stats").stdout.contains(
                "Longest referral chain:           3 people: Eve Ng → Dee Lee → Fay Oh"))

        let unknown = try s.iictl("add", "Gus", "--referred-by", "jane-deo")
        #expect(unknown.status != 0 && unknown.stderr.contains("no contact 'jane-deo'; did you mean jane-doe?"))
        let empty = try s.iictl("held", "bob-stone", "--at", s.time(-3600), "--minutes", "20", "--referral", ", Acme")
        #expect(empty.status != 0 && empty.stderr.contains("has no name"))
    }

    @Test func referralsAreMatchedAsImportsMatchAndNeverLoop() throws {
        let s = try Sandbox()
        try s.iictl("add", "Bob Stone", "--org", "Initech", "--at", s.time(-20 * day))
        try s.iictl("add", "Jane Doe", "--org", "Acme", "--at", s.time(-20 * day))
        try s.iictl("add", "Cy Young", "--referred-by", "jane-doe", "--at", s.time(-20 * day))
        try s.iictl("schedule", "jane-doe", s.time(-10 * day), "--at", s.time(-12 * day))
        let held = try s.iictl(
            "held", "jane-doe", "--at", s.time(-10 * day + 1800), "--referral", "Bob Stone, Globex", "--referral",
            "Jane Doe, Acme")
        // Another Bob Stone: a new contact, the namesake named; Jane herself is not her own referral.
        #expect(
            held.stdout.contains(
                "Added Bob Stone (Globex) as bob-stone-2, referred by Jane Doe; another Bob Stone is bob-stone, at Initech."
            ), "\(held.stdout)")
        #expect(held.stdout.contains("Jane Doe (Acme) is the person you met"), "\(held.stdout)")
        let loop = try s.iictl("edit", "jane-doe", "--referred-by", "cy-young")
        #expect(loop.status != 0 && loop.stderr.contains("a referral loop"), "\(loop.stderr)")
        try s.iictl("edit", "cy-young", "--referred-by", "none", "--org", "Globex")
        let cy = try #require(try json(s.iictl("show", "cy-young", "--json").stdout) as? [String: Any])
        #expect(cy["referred_by"] is NSNull && cy["org"] as? String == "Globex")
        try s.iictl("edit", "cy-young", "--org", "")
        let cleared = try #require(try json(s.iictl("show", "cy-young", "--json").stdout) as? [String: Any])
        #expect(cleared["org"] is NSNull)
        let hours = try s.iictl("edit", "cy-young", "--cadence", "5h")
        #expect(hours.status != 0 && hours.stderr.contains("is counted in days"))
    }

    @Test func aHostileNameInARefusalReachesNoTerminal() throws {
        let s = try Sandbox()
        try s.appendEvent(
            #"{"id":"e1","at":"2026-11-01T09:00:00+01:00","type":"added","contact":"zoe","name":"Zoë\u001b]0;pwned\u0007\nFake"}"#
        )
        let r = try s.iictl("edit", "zoe")
        #expect(
            r.status != 0 && r.stderr.contains("nothing to change for Zoë\\u{1B}]0;pwned\\u{7}\\nFake"), "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1B}") && r.stderr.split(separator: "\n").count == 1)
    }

    @Test func followUpsOneAfterTheOtherThenCold() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--at", s.time(-40 * day))
        try s.iictl("request", "jane-doe", "--at", s.time(-40 * day))
        let first = try s.iictl("explain", "jane-doe.follow-up").stdout
        #expect(first.contains("(1 of 2)") && first.contains("follow-up 2 of 2 7d later"), "\(first)")
        try s.iictl("done", "jane-doe.follow-up", "--at", s.time(-32 * day))
        let second = try s.iictl("explain", "jane-doe.follow-up-2").stdout
        #expect(second.contains("follow-up 2 of 2 is counted from follow-up 1 being sent"), "\(second)")
        #expect(second.contains("goes cold 7d later unless they reply"), "\(second)")
        try s.iictl("done", "jane-doe.follow-up-2", "--at", s.time(-24 * day))
        #expect(!(try s.iictl("pending").stdout.contains("follow-up")))
        #expect(try s.iictl("list", "--stage", "cold").stdout.contains("jane-doe"))
        #expect(try s.iictl("show", "jane-doe").stdout.contains("Jane Doe  [jane-doe]  cold"))
        // Asking again starts over, with follow-ups of its own.
        try s.iictl("request", "jane-doe", "--at", s.time(-8 * day))
        let again = try s.iictl("pending").stdout
        #expect(again.contains("jane-doe.follow-up.20") && again.contains("(1 of 2)"), "\(again)")
    }

    @Test func aReplyOrANoEndsTheRequest() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--at", s.time(-20 * day))
        try s.iictl("add", "Bob Stone", "--at", s.time(-20 * day))
        let none = try s.iictl("declined", "bob-stone")
        #expect(none.status != 0 && none.stderr.contains("Bob Stone has no open request or meeting to decline"))
        try s.iictl("request", "jane-doe", "--at", s.time(-12 * day))
        try s.iictl("request", "bob-stone", "--at", s.time(-12 * day))
        let replied = try s.iictl("replied", "jane-doe", "Happy to, next week")
        #expect(replied.stdout.contains("no more follow-ups"))
        let declined = try s.iictl("declined", "bob-stone", "No time this quarter")
        #expect(declined.stdout.contains("Recorded that Bob Stone declined"))
        #expect(
            try s.iictl("pending").stdout.contains("No pending tasks")
                || !(try s.iictl("pending").stdout.contains("follow-up")))
        #expect(try s.iictl("list", "--stage", "replied").stdout.contains("jane-doe"))
        #expect(try s.iictl("list", "--stage", "declined").stdout.contains("bob-stone"))
        #expect(try s.iictl("show", "jane-doe").stdout.contains("Note: Happy to, next week"))
    }

    @Test func editAndCadenceAndLosingTouch() throws {
        let s = try Sandbox()
        try s.iictl("add", "Ann Ash", "--cadence", "30d", "--at", s.time(-60 * day))
        try s.iictl("add", "Bob Stone", "--cadence", "30d", "--at", s.time(-40 * day))
        try s.iictl("add", "Cy Young", "--at", s.time(-40 * day))
        let edit = try s.iictl("edit", "cy-young", "--org", "Globex", "--cadence", "2W", "--note", "Met at the fair")
        #expect(edit.stdout == "Updated Cy Young: organisation, cadence, a note.\n", "\(edit.stdout)")
        let show = try s.iictl("show", "cy-young").stdout
        #expect(
            show.contains("Organisation: Globex") && show.contains("Cadence:      2w")
                && show.contains("Met at the fair"))
        let nothing = try s.iictl("edit", "cy-young", "--org", "Globex")
        #expect(nothing.status != 0 && nothing.stderr.contains("nothing to change for Cy Young"))
        let bad = try s.iictl("edit", "cy-young", "--cadence", "monthly")
        #expect(
            bad.status != 0 && bad.stderr.contains("--cadence 'monthly'") && bad.stderr.contains("never or default"))
        let losing = try s.iictl("list", "--losing-touch").stdout
        let lines = losing.split(separator: "\n").map(String.init)
        // Ann (60 days) first; editing Cy's details is not being in touch with Cy.
        #expect(
            lines.count == 4 && lines[1].hasPrefix("ann-ash") && lines[2].hasPrefix("bob-stone")
                && lines[3].hasPrefix("cy-young"), "\(losing)")
        try s.iictl("replied", "ann-ash", "Thanks for the article")
        try s.iictl("note", "cy-young", "Sent him the report")
        #expect(try s.iictl("list", "--losing-touch").stdout.split(separator: "\n").count == 2)
        try s.iictl("edit", "bob-stone", "--cadence", "never")
        #expect(try s.iictl("list", "--losing-touch").stdout == "Nobody is overdue for keeping in touch.\n")
    }
}

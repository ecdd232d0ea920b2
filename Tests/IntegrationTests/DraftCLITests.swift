import Foundation
import Testing

/// `iictl draft follow-up`, `draft linkedin` and `draft keep-in-touch` on the built binary, and the
/// referrals in the request, the script and the thank-you note.
@Suite struct DraftCLITests {
    /// Bob Stone, whom Jane Doe suggested, added with `add --referred-by`.
    func referred(_ s: Sandbox, _ id: String, name: String, by referrer: String) throws {
        let r = try s.iictl("add", name, "--org", "Windwerk", "--referred-by", referrer, "--at", "2026-11-01 09:00")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == id + "\n")
    }

    @Test func followUpsInTurnThenRefused() throws {
        let s = try Sandbox()
        try s.iictl("add", "Jane Doe", "--org", "Acme", "--email", "jane@acme.example", "--at", "2026-11-01 08:00")
        let none = try s.iictl("draft", "follow-up", "jane-doe")
        #expect(none.status == 1)
        #expect(none.stderr == "iictl: Jane Doe has no open request: `iictl request jane-doe` records one\n")
        #expect(none.stdout.isEmpty)
        try s.iictl("request", "jane-doe", "--at", "2026-11-03 10:00")
        let first = try s.iictl("draft", "follow-up", "jane-doe")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(
            first.stdout.hasPrefix(
                "To: Jane Doe <jane@acme.example>\nSubject: Re: 20 minutes of your insight on Acme?\n\nDear Jane,\n\nI wrote on Tue 3 Nov"
            ), "\(first.stdout)")
        #expect(try s.iictl("done", "jane-doe.follow-up", "--at", "2026-11-10 12:00").status == 0)
        let second = try s.iictl("draft", "follow-up", "jane-doe")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("A last note on my request of Tue 3 Nov"), "\(second.stdout)")
        #expect(second.stdout.count < first.stdout.count)
        #expect(try s.iictl("draft", "follow-up", "jane-doe", "--step", "1").stdout == first.stdout)
        #expect(try s.iictl("done", "jane-doe.follow-up-2", "--at", "2026-11-17 12:00").status == 0)
        let spent = try s.iictl("draft", "follow-up", "jane-doe")
        #expect(spent.status == 1)
        #expect(spent.stderr.hasPrefix("iictl: both follow-ups went out, on Tue 10 Nov"), "\(spent.stderr)")
        #expect(spent.stderr.contains("; the request went cold on Tue 24 Nov"), "\(spent.stderr)")
        #expect(spent.stderr.split(separator: "\n").count == 1)
        let step = try s.iictl("draft", "follow-up", "jane-doe", "--step", "3")
        #expect(step.status == 1)
        #expect(step.stderr.contains("--step 3 is not one"), "\(step.stderr)")
    }

    @Test func noFollowUpAfterAnAnswer() throws {
        let s = try Sandbox()
        for (id, answer) in [("bob", "replied"), ("carol", "declined")] {
            try s.iictl("add", id, "--id", id, "--at", "2026-11-01 08:00")
            try s.iictl("request", id, "--at", "2026-11-03 10:00")
            #expect(try s.iictl(answer, id, "--at", "2026-11-04 10:00").status == 0)
            let r = try s.iictl("draft", "follow-up", id)
            #expect(r.status == 1)
            #expect(r.stderr.hasPrefix("iictl: \(id) \(answer) on Wed 4 Nov"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func linkedInNoteFitsAndNamesTheReferrer() throws {
        let s = try Sandbox()
        let pitch = Array(repeating: "Data engineer, eight years in logistics, moving into climate tech.", count: 8)
        try s.writeConfig("me: {name: Alex Example, pitch: \"\(pitch.joined(separator: " "))\"}\n")
        try s.iictl("add", "Jane Doe", "--org", "Acme", "--at", "2026-11-01 08:00")
        try referred(s, "bob-stone", name: "Bob Stone", by: "jane-doe")
        let r = try s.iictl("draft", "linkedin", "bob-stone")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\n"))
        let note = String(r.stdout.dropLast())
        #expect(note.count <= 300, "\(note.count): \(note)")
        #expect(!note.contains("\n"))
        #expect(
            note.hasPrefix("Hello Bob, Jane Doe suggested I get in touch. I'm Alex Example. Data engineer"), "\(note)")
        #expect(note.contains("…"))
        #expect(note.hasSuffix("Would you connect?"))
    }

    @Test func keepInTouchNamesTheMeetingOrIsRefused() throws {
        let s = try Sandbox()
        try s.writeConfig("me: {name: Alex Example, objectives: [which roles are growing]}\n")
        try s.iictl("add", "Jane Doe", "--org", "Acme", "--at", "2026-10-26 09:00")
        try s.iictl("add", "Bob Stone", "--at", "2026-10-26 09:05")
        let refused = try s.iictl("draft", "keep-in-touch", "bob-stone")
        #expect(refused.status == 1)
        #expect(
            refused.stderr
                == "iictl: nothing recorded with Bob Stone to keep in touch about yet: `iictl draft request bob-stone` asks for a meeting\n"
        )
        try s.iictl("schedule", "jane-doe", "2026-11-03 14:00", "--at", "2026-10-27 10:00")
        try s.iictl("held", "jane-doe", "--point", "grid data", "--at", "2026-11-03 14:30", "--force")
        let r = try s.iictl("draft", "keep-in-touch", "jane-doe", "--article", "https://example.org/a")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.hasPrefix(
                "Dear Jane,\n\nIt has been a while since we met on 3 November 2026, and what you said about grid data has stayed with me."
            ), "\(r.stdout)")
        #expect(r.stdout.contains("https://example.org/a"))
        #expect(r.stdout.contains("I am still learning about which roles are growing."))
        #expect(r.stdout.hasSuffix("Best regards,\nAlex Example\n"))
    }

    @Test func referralsInTheRequestScriptAndThankYou() throws {
        let s = try Sandbox()
        try s.writeConfig("me: {name: Alex Example, pitch: \"Data engineer.\"}\n")
        try s.iictl("add", "Jane Doe", "--org", "Acme", "--at", "2026-11-01 08:00")
        try referred(s, "bob-stone", name: "Bob Stone", by: "jane-doe")
        try referred(s, "carol-king", name: "Carol King", by: "jane-doe")
        #expect(
            try s.iictl("script", "bob-stone").stdout.contains(
                "\"Hello Bob, my name is Alex Example. Jane Doe suggested I get in touch. Data engineer.\""))
        #expect(
            try s.iictl("draft", "request", "bob-stone").stdout.contains(
                "Dear Bob,\n\nJane Doe suggested I get in touch.\n\nData engineer."))
        #expect(try s.iictl("prep", "bob-stone").stdout.contains("Referred by:  Jane Doe\n"))
        try s.iictl("request", "bob-stone", "--at", "2026-11-03 10:00")
        try s.iictl("held", "jane-doe", "--minutes", "30", "--at", "2026-11-05 15:00")
        let thanks = try s.iictl("draft", "jane-doe")
        #expect(thanks.status == 0, "\(thanks.stderr)")
        #expect(
            thanks.stdout.contains("I have since been in touch with Bob Stone, whom you suggested"), "\(thanks.stdout)")
        #expect(!thanks.stdout.contains("Carol King"))
    }
}

import Foundation
import IIDCore
import Testing

/// The follow-ups, the LinkedIn note, the keep-in-touch note, and the referrals in every text.
@Suite struct DraftsTests {
    /// Jane suggested Bob, Carol and Dan; Bob was asked on Tue 3 Nov 2026, Carol met, Dan not yet.
    static var referrals: Log {
        var log = Log()
        log.add(.added, "jane", at: "2026-11-01 08:00") {
            $0.name = "Jane Doe"
            $0.org = "Acme"
        }
        for (id, name) in [("bob", "Bob Stone"), ("carol", "Carol King"), ("dan", "Dan Brown")] {
            log.add(.added, id, at: "2026-11-01 09:00") {
                $0.name = name
                $0.org = "Windwerk"
                $0.referredBy = "jane"
            }
        }
        log.add(.requested, "bob", at: "2026-11-03 10:00")
        log.add(.scheduled, "carol", at: "2026-11-04 10:00") { $0.start = local("2026-11-20 14:00") }
        return log
    }

    static let now = local("2026-11-05 12:00")

    func contact(_ id: String, _ log: Log = referrals) -> (ContactRecord, ReferralNames) {
        let plan = planner().plan(log.events)
        guard let c = plan.contact(id) else {
            Issue.record("no contact \(id)")
            return (ContactRecord(id: id, name: id), .none)
        }
        return (c, plan.referralNames(for: c))
    }

    // MARK: follow-ups

    @Test func theSecondFollowUpIsShorterAndBothNameTheAsk() {
        let (bob, names) = contact("bob")
        let draft = FollowUpDraft(config: Campaign.config, zone: berlin)
        #expect(draft.step(for: bob, asked: nil, now: Self.now) == .success(1))
        let first = draft.mail(bob, step: 1, referrals: names, now: Self.now)
        let second = draft.mail(bob, step: 2, referrals: names, now: Self.now)
        #expect(first.subject == "Re: 20 minutes of your insight on Windwerk?")
        #expect(first.body.hasPrefix("Dear Bob,\n\nI wrote on Tue 3 Nov asking for 20 minutes of your time"))
        #expect(first.body.contains("Jane Doe suggested I get in touch."))
        #expect(first.body.contains("Eight years of logistics data."))
        #expect(second.body.contains("my request of Tue 3 Nov for 20 minutes"), "\(second.body)")
        #expect(second.body.count < first.body.count)
        #expect(second.body.hasSuffix("Kind regards,\nAna Analyst\n"))
        // In another year, the year is said.
        #expect(draft.mail(bob, step: 1, now: local("2027-01-05 12:00")).body.contains("on Tue 3 Nov 2026 asking"))
    }

    /// Three follow-ups or more: each body is shorter than the one before, the first the longest
    /// and the last the shortest, and every one still names the ask and its day.
    @Test(arguments: [3, 4, 2, 5, 6, 8, 12])
    func everyFollowUpIsShorterThanTheOneBefore(steps: Int) {
        var config = Campaign.config
        config.followUps.sequence = Array(repeating: .days(7), count: steps)
        let (bob, names) = contact("bob")
        let draft = FollowUpDraft(config: config, zone: berlin)
        let bodies = (1...steps).map { draft.mail(bob, step: $0, referrals: names, now: Self.now).body }
        let lengths = bodies.map(\.count)
        #expect(zip(lengths, lengths.dropFirst()).allSatisfy { $0 > $1 }, "\(lengths)")
        for body in bodies {
            #expect(body.contains("request of Tue 3 Nov") || body.contains("I wrote on Tue 3 Nov"), "\(body)")
            #expect(body.contains("20 minutes"), "\(body)")
            #expect(body.hasSuffix("Kind regards,\nAna Analyst\n"))
        }
        #expect(bodies.last?.contains("A last note on my request of Tue 3 Nov") == true)
        #expect(Set(bodies).count == steps, "no two follow-ups alike")
        // Without a recorded request, the day is left out alike, and the order holds.
        let undated = (1...steps).map { draft.mail(contact("dan").0, step: $0, now: Self.now).body.count }
        #expect(zip(undated, undated.dropFirst()).allSatisfy { $0 > $1 }, "\(undated)")
    }

    @Test func theNextFollowUpCountsTheOnesSentAndStopsAtTheEnd() {
        var log = Self.referrals
        let draft = FollowUpDraft(config: Campaign.config, zone: berlin)
        log.add(.done, "bob", at: "2026-11-10 09:00") { $0.task = "bob.follow-up" }
        #expect(draft.step(for: contact("bob", log).0, asked: nil, now: Self.now) == .success(2))
        log.add(.done, "bob", at: "2026-11-17 09:00") { $0.task = "bob.follow-up-2" }
        let bob = contact("bob", log).0
        #expect(
            draft.step(for: bob, asked: nil, now: local("2026-11-18 09:00"))
                == .failure(
                    Refusal(
                        "both follow-ups went out, on Tue 10 Nov and Tue 17 Nov; the request goes cold on Tue 24 Nov")))
        #expect(
            draft.step(for: bob, asked: nil, now: local("2026-11-25 09:00"))
                == .failure(
                    Refusal(
                        "both follow-ups went out, on Tue 10 Nov and Tue 17 Nov; the request went cold on Tue 24 Nov")))
        // --step reads one again.
        #expect(draft.step(for: bob, asked: 1, now: Self.now) == .success(1))
        #expect(
            draft.step(for: bob, asked: 3, now: Self.now)
                == .failure(Refusal("there are 2 follow-ups (reminders.follow-up.sequence): --step 3 is not one")))
    }

    @Test func aFollowUpIsRefusedWithoutAnOpenRequest() {
        var log = Self.referrals
        let draft = FollowUpDraft(config: Campaign.config, zone: berlin)
        func refusal(_ id: String) -> String? {
            if case .failure(let r) = draft.step(for: contact(id, log).0, asked: nil, now: Self.now) {
                return r.description
            }
            return nil
        }
        #expect(refusal("dan") == "Dan Brown has no open request: `iictl request dan` records one")
        #expect(refusal("carol")?.hasPrefix("Carol King has a meeting scheduled, Fri 20 Nov 14:00") == true)
        log.add(.replied, "bob", at: "2026-11-04 09:00")
        #expect(refusal("bob")?.hasPrefix("Bob Stone replied on Wed 4 Nov: no follow-up;") == true)
        log.add(.declined, "bob", at: "2026-11-04 10:00")
        #expect(refusal("bob")?.hasPrefix("Bob Stone declined on Wed 4 Nov: no follow-up;") == true)
    }

    // MARK: LinkedIn

    @Test func theLinkedInNoteNamesTheReferrerAndPitch() {
        let (bob, names) = contact("bob")
        let note = LinkedInNote(config: Campaign.config).text(bob, referrals: names)
        #expect(
            note
                == "Hello Bob, Jane Doe suggested I get in touch. I'm Ana Analyst. Eight years of logistics data. "
                + "I'd value 20 minutes of your view on hot jobs and industry trends at Windwerk. Would you connect?")
        #expect(!LinkedInNote(config: Campaign.config).text(bob).contains("suggested"))
    }

    /// Every word of `note` is a whole word of the inputs (at most its punctuation dropped and an
    /// ellipsis added): never a cut one.
    func wholeWords(_ note: String, of inputs: [String]) -> Bool {
        func bare(_ w: Substring) -> String { String(w).trimmingCharacters(in: .punctuationCharacters.union(.symbols)) }
        let known = Set(inputs.flatMap { $0.split(separator: " ").map(bare) })
        return note.split(separator: " ").allSatisfy { known.contains(bare($0)) || bare($0).isEmpty }
    }

    @Test(arguments: [1, 5, 40, 120])
    func theLinkedInNoteKeepsTheLimitWithWholeWords(repeats: Int) {
        var config = Campaign.config
        config.me.pitch = Array(repeating: "Logistics analyst, routing models, supply-chain data;", count: repeats)
            .joined(separator: " ")
        config.me.name = Array(repeating: "Anastasia", count: repeats).joined(separator: " ")
        var log = Self.referrals
        log.add(.updated, "jane", at: "2026-11-02 08:00") {
            $0.name = "Jane " + Array(repeating: "Montgomery-Smythe", count: repeats).joined(separator: " ")
        }
        log.add(.updated, "bob", at: "2026-11-02 08:00") {
            $0.org = Array(repeating: "Windwerk Offshore Holdings", count: repeats).joined(separator: " ")
        }
        let (bob, names) = contact("bob", log)
        let note = LinkedInNote(config: config).text(bob, referrals: names)
        #expect(note.count <= LinkedInNote.limit, "\(note.count): \(note)")
        let inputs = [
            config.me.pitch, config.me.name, names.referrer ?? "", bob.org ?? "", bob.name,
            "Hello, suggested I get in touch. I'm I'd value 20 minutes of your view on hot jobs and industry trends at Would you connect?",
        ]
        #expect(wholeWords(note, of: inputs), "\(note)")
        // The referrer is named while the name leaves room for the ask.
        if (names.referrer ?? "").count < 200 { #expect(note.contains("\(names.referrer ?? "?") suggested")) }
        #expect(note.hasPrefix("Hello"))
        #expect(note.hasSuffix("Would you connect?"), "the ask is never cut: \(note)")
        if repeats == 1 { #expect(note.contains("at Windwerk Offshore Holdings.")) }
        if repeats >= 40 { #expect(note.contains("Jane Montgomery-Smythe Montgomery-Smythe")) }
    }

    /// Counted in UTF-16 code units, as a browser's `maxlength` counts: a decomposed é is two,
    /// though one letter to the reader, so the note holds fewer Characters than the limit.
    @Test func theLinkedInLimitCountsUTF16CodeUnits() {
        var config = Campaign.config
        config.me.pitch = Array(repeating: "Caf\u{65}\u{301}-owner", count: 60).joined(separator: " ")
        let (bob, names) = contact("bob")
        let note = LinkedInNote(config: config).text(bob, referrals: names)
        #expect(note.utf16.count <= LinkedInNote.limit)
        #expect(note.utf16.count > LinkedInNote.limit - 14, "the pitch fills the room: \(note.utf16.count)")
        #expect(note.unicodeScalars.count <= LinkedInNote.limit)
        #expect(note.count + 5 < note.utf16.count, "fewer letters than code units: \(note.count)")
        #expect(note.contains("Jane Doe suggested"))
    }

    /// Flags (four code units each), combining accents, CJK and control characters in every
    /// input: the note and the line `draft linkedin` prints (escaped) keep to 300 code units, and
    /// no control is left in to be escaped.
    @Test(arguments: [
        "\u{1F1E9}\u{1F1EA}\u{1F1EB}\u{1F1F7}", "Jose\u{301} Mu\u{303}noz", "物流数据分析师",
        "a\u{1B}[2J\u{7}b\u{9B}31m\u{7F}\rc\nd",
    ])
    func theLinkedInNoteFitsInCodeUnitsWhateverTheScript(word: String) {
        var config = Campaign.config
        config.me.pitch = Array(repeating: "data \(word)", count: 80).joined(separator: " ")
        config.me.name = "Ana \(word)"
        var log = Self.referrals
        log.add(.updated, "jane", at: "2026-11-02 08:00") { $0.name = "Jane \(word) Doe" }
        log.add(.updated, "bob", at: "2026-11-02 08:00") {
            $0.name = "Bob\(word) Stone"
            $0.org = Array(repeating: "Windwerk \(word)", count: 3).joined(separator: " ")
        }
        let (bob, names) = contact("bob", log)
        let note = LinkedInNote(config: config).text(bob, referrals: names)
        #expect(note.utf16.count <= LinkedInNote.limit, "\(note.utf16.count): \(note)")
        #expect(Printable.escaped(note, newlines: true).utf16.count <= LinkedInNote.limit)
        #expect(!Printable.hasControls(note), "\(Printable.escaped(note))")
        #expect(note.utf16.count > LinkedInNote.limit - 40, "the pitch fills the room: \(note.utf16.count)")
        #expect(note.hasSuffix("Would you connect?"))
        #expect(note.contains("suggested I get in touch"))
    }

    // MARK: keep in touch

    @Test func keepInTouchNamesTheLastConversation() {
        var log = Self.referrals
        log.add(.held, "jane", at: "2026-11-11 15:40") {
            $0.start = local("2026-11-11 15:00")
            $0.minutes = 30
            $0.points = ["model risk", "the CFA"]
        }
        let (jane, names) = contact("jane", log)
        let draft = KeepInTouchDraft(config: Campaign.config, zone: berlin)
        #expect(draft.refusal(jane) == nil)
        let text = draft.text(jane, referrals: names, article: "https://example.org/a")
        #expect(
            text.hasPrefix(
                "Dear Jane,\n\nIt has been a while since we met on 11 November 2026, and what you said about model risk has stayed with me."
            ))
        #expect(text.contains("thought of our conversation: https://example.org/a"))
        #expect(text.contains("I am still learning about which roles grow. In short: Eight years of logistics data."))
        #expect(text.contains("I have since been in touch with Bob Stone and Carol King, whom you suggested"))
        #expect(text.contains("I hope all is well at Acme"))
        #expect(text.hasSuffix("Best regards,\nAna Analyst\n"))
        #expect(!draft.text(jane).contains("article"))
        // Never met: the last time in touch; nothing at all: refused.
        let bob = contact("bob").0
        #expect(draft.text(bob).contains("since we were last in touch, on 3 November 2026."))
        #expect(draft.refusal(contact("dan").0)?.description.hasPrefix("nothing recorded with Dan Brown") == true)
    }

    // MARK: referrals in the existing texts

    @Test func theRequestOpensWithTheReferrer() {
        let (bob, names) = contact("bob")
        let s = Scripts(config: Campaign.config, zone: berlin)
        #expect(
            s.phone(bob, referrals: names).contains(
                "\"Hello Bob, my name is Ana Analyst. Jane Doe suggested I get in touch. Eight years"))
        #expect(
            s.requestEmail(bob, referrals: names).body.hasPrefix(
                "Dear Bob,\n\nJane Doe suggested I get in touch.\n\nEight years"))
        #expect(!s.phone(bob).contains("suggested"))
        #expect(s.requestEmail(bob).body.hasPrefix("Dear Bob,\n\nEight years"))
        #expect(s.prep(bob, now: Self.now, referrals: names).contains("Referred by:  Jane Doe\n"))
    }

    @Test func theBriefAndThePrepSheetAskForNames() {
        let plan = planner().plan(Campaign.log.events)
        let brief = plan.tasks.first { $0.kind == .brief }
        guard let brief else { return #expect(Bool(false), "no brief") }
        let r = Reminder.of(brief, rule: Config().rule(.brief))[0]
        let m = MessageBuilder(config: Campaign.config, zone: berlin).message(
            for: r, contact: plan.contacts[0], now: local("2026-11-11 14:00"), late: false)
        #expect(m.body.contains("ask for the names of two or three others you could talk to"))
        let prep = Scripts(config: Campaign.config, zone: berlin).prep(plan.contacts[0], now: Self.now)
        #expect(prep.contains("  - Before you leave, ask for the names of two or three others you could talk to.\n"))
    }

    @Test func theThankYouToAReferrerNamesWhomYouContacted() {
        var log = Self.referrals
        log.add(.held, "jane", at: "2026-11-05 15:40") { $0.start = local("2026-11-05 15:00") }
        let (jane, names) = contact("jane", log)
        #expect(names.contacted == ["Bob Stone", "Carol King"])
        let draft = ThankYouDraft(config: Campaign.config, zone: berlin)
        let text = draft.text(contact: jane, meeting: jane.meetings.last, referrals: names)
        #expect(
            text.contains(
                "\n\nI have since been in touch with Bob Stone and Carol King, whom you suggested: thank you for the introductions.\n\n"
            ))
        #expect(!text.contains("Dan Brown"))
        #expect(!draft.text(contact: jane, meeting: jane.meetings.last).contains("since been in touch"))
        // One referral, one introduction; a referrer not in the log is not named.
        #expect(ReferralNames(contacted: ["Bob Stone"]).contactedSentence?.hasSuffix("the introduction.") == true)
        var stray = Self.referrals
        stray.add(.added, "eve", at: "2026-11-02 09:00") { $0.referredBy = "nobody" }
        #expect(contact("eve", stray).1.referrer == nil)
    }
}

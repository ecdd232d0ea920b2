import Foundation
import IIDCore
import Testing

/// One scan's messages in time order: judged as the whole log stood at each one's time, and the
/// suggestion for a message from someone else in the thread.
@Suite struct MailRecorderTests {
    let me: Set<String> = ["sam@home.example"]

    func message(
        _ id: String, from: String, to: [String] = ["sam@home.example"], at: String, references: [String] = []
    ) -> MailItem {
        var item = MailItem(
            messageID: id, from: MailAddress(address: from), recipients: to.map { MailAddress(address: $0) },
            date: local(at))
        item.references = references
        return item
    }

    /// What the recorder must give: every message judged against the plan of the whole log
    /// (with what the messages before it recorded) cut at its time, made again for each message.
    func everythingAgain(_ items: [MailItem], log: [Event]) -> [[MailOutcome]] {
        var events = log
        let known = Set(log.map(\.id))
        var out: [[MailOutcome]] = []
        for item in items.sorted(by: { ($0.date, $0.key ?? "") < ($1.date, $1.key ?? "") }) {
            let plan = planner().plan(
                events.filter { $0.at <= item.date || $0.type == .added || $0.type == .updated })
            let outcomes = MailRule.decide(item, me: me, plan: plan)
            for o in outcomes {
                guard let key = item.key,
                    let e = MailRecorder.event(for: o, item: item, key: key, words: Wording(zone: berlin)),
                    !known.contains(e.id)
                else { continue }
                events.append(e)
            }
            out.append(outcomes)
        }
        return out
    }

    @Test func eachMessageIsJudgedAsIfTheWholeLogWerePlannedAtItsTime() {
        var rng = SplitMix64(state: 22)
        let contacts = (0..<12).map { "c\($0)" }
        var log = Log()
        let start = local("2026-09-01 08:00")
        func at(_ days: Double) -> Date { start.addingTimeInterval(days * 86_400) }
        for (i, c) in contacts.enumerated() {
            log.add(.added, c, at: "2026-09-01 08:00") {
                // c0 and c1 share an address: it belongs to neither.
                $0.email = i < 2 ? "team@acme.example, \(c)@acme.example" : "\(c)@org\(i).example"
            }
            var day = Double.random(in: 1...10, using: &rng)
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                let type = [EventType.requested, .replied, .scheduled, .held, .thanked, .note].randomElement(
                    using: &rng)!
                log.add(type, c, at: "2026-09-01 08:00") {
                    $0.at = at(day)
                    if type == .scheduled { $0.start = at(day + 5) }
                }
                day += Double.random(in: 1...15, using: &rng)
            }
        }
        var items: [MailItem] = []
        for n in 0..<400 {
            let c = Int.random(in: 0..<16, using: &rng)
            let address =
                c >= 12
                ? "stranger\(c)@else.example"
                : c < 2 ? (n % 3 == 0 ? "team@acme.example" : "c\(c)@acme.example") : "c\(c)@org\(c).example"
            let mine = Bool.random(using: &rng)
            items.append(
                MailItem(
                    messageID: "m\(n)@x", from: MailAddress(address: mine ? "sam@home.example" : address),
                    recipients: [MailAddress(address: mine ? address : "sam@home.example")],
                    date: at(Double.random(in: 0...80, using: &rng))))
        }
        let recorder = MailRecorder(planner: planner(), me: me)
        let decisions = recorder.decide(items, log: log.events)
        let expected = everythingAgain(items, log: log.events)
        #expect(decisions.map(\.outcomes) == expected)
        #expect(decisions.contains { !$0.events.isEmpty }, "some messages record something")
        #expect(decisions.contains { $0.outcomes.first?.contact == nil }, "and some name nobody")
    }

    /// Every message names a contact (the costly case: most of a real mailbox names nobody), in a
    /// log of 20,000 events: each is judged against its own contact's events, so the first message
    /// of each contact is their reply and a second one is not. How long it takes is measured by
    /// `make bench` (bench/iidbench/mail.py), not asserted here.
    @Test func eachMessageIsJudgedAgainstItsOwnContactInALargeLog() {
        var log = Log()
        for i in 0..<2_000 {
            log.add(.added, "c\(i)", at: "2026-09-01 08:00") { $0.email = "c\(i)@org.example" }
            for day in 0..<9 {
                log.add(day == 0 ? .requested : .note, "c\(i)", at: "2026-09-01 08:00") {
                    $0.at = local("2026-09-02 08:00").addingTimeInterval(Double(day * 86_400 + i))
                }
            }
        }
        let items = (0..<3_000).map { n in
            MailItem(
                messageID: "m\(n)@x", from: MailAddress(address: "c\(n % 2_000)@org.example"),
                recipients: [MailAddress(address: "sam@home.example")],
                date: local("2026-09-05 08:00").addingTimeInterval(Double(n * 600)))
        }
        let decisions = MailRecorder(planner: planner(), me: me).decide(items, log: log.events)
        #expect(decisions.count == 3_000)
        #expect(decisions.filter { $0.outcomes.first?.verdict == "replied" }.count == 2_000, "the first of each")
    }

    func requested(_ log: inout Log) {
        log.add(.added, "jane-doe", at: "2026-11-01 08:00") {
            $0.name = "Jane Doe"
            $0.email = "jane@acme.example"
        }
        log.add(.requested, "jane-doe", at: "2026-11-02 10:00")
    }

    /// What a message records says where it came from: `source: mail` in the log, and a text
    /// with the one address and the message's time in the person's zone, which `log`, `show` and
    /// `explain` show.
    @Test func theEventsOfAMessageCarryTheirSourceAndTheMessagesTime() throws {
        var log = Log()
        requested(&log)
        let recorder = MailRecorder(planner: planner(), me: me)
        // Eight days on, the first follow-up is due: the person's message is it.
        let mine = message(
            "f@home.example", from: "sam@home.example", to: ["jane@acme.example"], at: "2026-11-10 09:00")
        let hers = message("r@acme.example", from: "jane@acme.example", at: "2026-11-11 08:00")
        let events = recorder.decide([mine, hers], log: log.events).flatMap(\.events)
        #expect(events.map(\.type) == [.done, .replied])
        #expect(events.allSatisfy { $0.origin == "mail" && MailRecorder.isFromMail($0) })
        #expect(
            events.map(\.text) == [
                "from mail: your message to jane@acme.example, Tue 10 Nov 09:00",
                "from mail: message from jane@acme.example, Wed 11 Nov 08:00",
            ])
        // Written and read back, the source stays.
        for e in events {
            let line = EventCoding.encode(e, zone: berlin)
            #expect(line.hasSuffix(#","source":"mail"}"#), "\(line)")
            #expect(try EventCoding.decode(line: Substring(line)).origin == "mail")
        }
        let words = Wording(zone: berlin)
        let now = local("2026-11-12 12:00")
        #expect(
            EventSummary.text(events[0], name: "Jane Doe", words: words, now: now)
                == "done: jane-doe.follow-up (from mail: your message to jane@acme.example, Tue 10 Nov 09:00)")
        #expect(
            EventSummary.text(events[1], name: "Jane Doe", words: words, now: now)
                == "Jane Doe replied: from mail: message from jane@acme.example, Wed 11 Nov 08:00")
        #expect(
            EventSummary.fromMail(events[0])
                == "done jane-doe.follow-up (your message to jane@acme.example, Tue 10 Nov 09:00)")
        #expect(EventSummary.fromMail(events[1]) == "replied (message from jane@acme.example, Wed 11 Nov 08:00)")
        let all = log.events + events
        let history = TaskHistory.of("jane-doe", events: all, planner: planner())
        let followUp = try #require(history.first { $0.task.id == "jane-doe.follow-up" })
        #expect(
            followUp.ending(words: words, now: now)
                == "done from mail: your message to jane@acme.example, Tue 10 Nov 09:00 (event \(events[0].id))")
        // Not among the notes, which stay the person's own.
        #expect(planner().plan(all).contact("jane-doe")?.notes == [])
    }

    /// The same reply read on a laptop in New York and on the desktop in Berlin, both syncing one
    /// log: one event id, two texts (each device's time of day). The second is the same record,
    /// not a conflict to warn of; a typed event under that id with another text still is one.
    @Test func theSameMessageReadInTwoZonesIsOneEventWithoutAWarning() throws {
        var log = Log()
        requested(&log)
        let hers = message("r@acme.example", from: "jane@acme.example", at: "2026-11-11 08:00")
        let berlinEvent = try #require(
            MailRecorder(planner: planner(), me: me).decide([hers], log: log.events).flatMap(\.events).first)
        let newYork = try #require(zone("America/New_York"))
        let key = try #require(hers.key)
        let laptopEvent = try #require(
            MailRecorder.event(for: .replied(contact: "jane-doe"), item: hers, key: key, words: Wording(zone: newYork)))
        #expect(laptopEvent.id == berlinEvent.id)
        #expect(laptopEvent.text != berlinEvent.text, "\(laptopEvent.text ?? "")")
        #expect(laptopEvent.repeats(berlinEvent) && berlinEvent.repeats(laptopEvent))
        let plan = planner().plan(log.events + [berlinEvent, laptopEvent])
        #expect(plan.diagnostics.filter { $0.code == .duplicateEventID }.isEmpty, "\(plan.diagnostics)")
        #expect(plan.contact("jane-doe")?.repliedAt == hers.date)
        var typed = laptopEvent
        typed.origin = nil
        typed.text = "she answered"
        #expect(!typed.repeats(berlinEvent))
        #expect(planner().plan(log.events + [berlinEvent, typed]).diagnostics.map(\.code) == [.duplicateEventID])
    }

    /// An event from another source, or from mail before the log had `source`: the log says so.
    @Test func anUnknownSourceIsShownAndOldMailEventsAreStillKnown() {
        var typed = Event(id: "ev-1", at: local("2026-11-10 09:00"), type: .note, contact: "jane-doe")
        typed.text = "from mail: a note I typed"
        #expect(!MailRecorder.isFromMail(typed), "a typed note is the person's, whatever it says")
        var old = Event(id: "mail-0123-jane-doe", at: local("2026-11-10 09:00"), type: .done, contact: "jane-doe")
        old.task = "jane-doe.follow-up"
        old.text = "from mail: your message to jane@acme.example"
        #expect(MailRecorder.isFromMail(old))
        let words = Wording(zone: berlin)
        let now = local("2026-11-12 12:00")
        #expect(
            EventSummary.text(old, name: "Jane Doe", words: words, now: now)
                == "done: jane-doe.follow-up (from mail: your message to jane@acme.example)")
        var other = Event(id: "cal-1", at: local("2026-11-10 09:00"), type: .thanked, contact: "jane-doe")
        other.origin = "calendar"
        #expect(!MailRecorder.isFromMail(other))
        #expect(
            EventSummary.text(other, name: "Jane Doe", words: words, now: now)
                == "recorded the thank-you note to Jane Doe (from calendar)")
        #expect(
            EventSummary.text(typed, name: "Jane Doe", words: words, now: now)
                == "note for Jane Doe: from mail: a note I typed")
    }

    @Test func aColleagueAnsweringInTheThreadIsASuggestionNeverARecord() {
        var log = Log()
        requested(&log)
        let recorder = MailRecorder(planner: planner(), me: me)
        let mine = message(
            "req@home.example", from: "sam@home.example", to: ["jane@acme.example"], at: "2026-11-02 10:00")
        let colleague = message(
            "bob@acme.example-1", from: "bob@acme.example", at: "2026-11-03 09:00",
            references: ["other@x", "req@home.example"])
        let stranger = message("news@x", from: "bob@acme.example", at: "2026-11-03 10:00", references: ["nothing@x"])
        let decisions = recorder.decide([colleague, mine, stranger], log: log.events)
        #expect(
            decisions.map(\.outcomes) == [
                [.interaction(contact: "jane-doe", fromContact: false)], [.suggested(contact: "jane-doe")],
                [.nothing("from nobody among the contacts")],
            ])
        #expect(decisions.map(\.events.count) == [1, 0, 0], "the suggestion records nothing")

        // In a later scan, the person's message is known by its key alone (`MailState.sent`).
        let later = recorder.decide([colleague], log: log.events, sent: [mine.key!: "jane-doe"])
        #expect(later.map(\.outcomes) == [[.suggested(contact: "jane-doe")]])
        #expect(later[0].events.isEmpty)
        #expect(
            recorder.decide([colleague], log: log.events).map(\.outcomes) == [
                [.nothing("from nobody among the contacts")]
            ])
    }

    @Test func noSuggestionOnceTheRequestIsAnsweredOrForTheContactOrThePerson() {
        var log = Log()
        requested(&log)
        log.add(.replied, "jane-doe", at: "2026-11-03 08:00")
        let recorder = MailRecorder(planner: planner(), me: me)
        let sent = [MailItem.key(of: "req@home.example"): "jane-doe"]
        let colleague = message(
            "c@x", from: "bob@acme.example", at: "2026-11-03 09:00", references: ["req@home.example"])
        #expect(
            recorder.decide([colleague], log: log.events, sent: sent).map(\.outcomes) == [
                [.nothing("someone else in the thread of your message to jane-doe, with no request waiting")]
            ])
        // The contact's own answer in the thread is a reply as ever; the person's own is theirs.
        var open = Log()
        requested(&open)
        let hers = message("h@x", from: "jane@acme.example", at: "2026-11-03 09:00", references: ["req@home.example"])
        let own = message(
            "o@x", from: "sam@home.example", to: ["bob@acme.example"], at: "2026-11-03 09:00",
            references: ["req@home.example"])
        let byID = Dictionary(
            uniqueKeysWithValues: recorder.decide([hers, own], log: open.events, sent: sent).map {
                ($0.item.messageID ?? "", $0.outcomes)
            })
        #expect(byID["h@x"] == [.replied(contact: "jane-doe")])
        #expect(byID["o@x"] == [.nothing("to nobody among the contacts")])
    }

    @Test func aSuggestionStandsUntilTheStepIsRecorded() {
        var log = Log()
        requested(&log)
        var state = MailState()
        state.messages["k1"] = MailState.Verdict(
            verdict: "suggested", contact: "jane-doe", at: local("2026-11-03 09:00"))
        state.messages["k2"] = MailState.Verdict(
            verdict: "suggested", contact: "jane-doe", at: local("2026-11-04 09:00"))
        state.messages["k3"] = MailState.Verdict(verdict: "interaction", contact: "jane-doe")
        // Before the request: not an answer to it.
        state.messages["k4"] = MailState.Verdict(
            verdict: "suggested", contact: "jane-doe", at: local("2026-11-01 09:00"))
        let open = state.suggestions(planner().plan(log.events))
        #expect(open.map(\.contact) == ["jane-doe"], "one line per contact")
        #expect(open.first?.name == "Jane Doe")
        #expect(open.first?.at == local("2026-11-04 09:00"), "the latest message stands for the rest")
        #expect(open.first?.command == "iictl replied jane-doe")
        let words = Wording(zone: berlin)
        #expect(
            open.first?.line(words: words, now: local("2026-11-05 09:00"))
                == "Jane Doe: someone else answered in the thread of your message to them, "
                + "\(words.when(local("2026-11-04 09:00"), now: local("2026-11-05 09:00"))); "
                + "if it answers for them: iictl replied jane-doe")

        log.add(.replied, "jane-doe", at: "2026-11-05 10:00")
        #expect(state.suggestions(planner().plan(log.events)).isEmpty)
        // A new request after the message: that message answered the old one.
        log.add(.requested, "jane-doe", at: "2026-12-01 10:00")
        #expect(state.suggestions(planner().plan(log.events)).isEmpty)
    }

    @Test func theThreadIsReadFromInReplyToAndBothEndsOfReferences() {
        let many = (0..<200).map { "<r\($0)@x>" }.joined(separator: " ")
        let item = MailItem(
            headers: headers("From: bob@acme.example\nIn-Reply-To: <a@x>\nReferences: \(many) <a@x>\n"),
            fileTime: local("2026-11-03 09:00"))
        #expect(item.references.first == "a@x")
        #expect(item.references.contains("r0@x") && item.references.contains("r199@x"))
        #expect(!item.references.contains("r100@x"), "the middle of a long thread is not kept")
        #expect(item.references.count == 64)
        #expect(item.threadKeys.first == MailItem.key(of: "a@x"))
    }
}
